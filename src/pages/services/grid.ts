import type { Me } from '@core/accounts/contract';
import { actorOf, canAnywhere } from '../../utils/actor';
import { ROUTES } from '../../routes';

export interface Service {
  key: string;
  label: string;
  hint: string;
  url: string;
  badge?: number;
}

/** The grid, by what the person's roles allow (core/authz, same table as the functions). */
export function servicesFor(me: Me): Service[] {
  const actor = actorOf(me);
  const list: Service[] = [
    { key: 'bind', label: '绑定房屋', hint: '申请或用邀请码', url: ROUTES.bind },
    { key: 'homes', label: '我的房屋', hint: '查看与解绑', url: ROUTES.homes },
  ];
  if (canAnywhere(actor, 'binding.decide')) {
    list.push({ key: 'approvals', label: '审核申请', hint: '住户绑定房屋', url: ROUTES.approvals, badge: me.approvalsWaiting });
  }
  if (canAnywhere(actor, 'roster.viewMasked') || canAnywhere(actor, 'roster.viewFull')) {
    list.push({ key: 'roster', label: '花名册', hint: '楼栋住户', url: ROUTES.roster });
  }
  if (canAnywhere(actor, 'roster.import')) list.push({ key: 'import', label: '导入花名册', hint: 'Excel 表格', url: ROUTES.import });
  if (canAnywhere(actor, 'role.view')) list.push({ key: 'roles', label: '角色管理', hint: '楼栋长、委员', url: ROUTES.roles });
  return list;
}

