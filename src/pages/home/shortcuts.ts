import type { Me } from '@core/accounts/contract';
import { actorOf, canAnywhere } from '../../utils/actor';
import { ROUTES } from '../../routes';

export interface Shortcut {
  key: string;
  label: string;
  url: string;
  badge?: number;
}

export function shortcutsFor(me: Me): Shortcut[] {
  const actor = actorOf(me);
  const out: Shortcut[] = [];
  if (canAnywhere(actor, 'binding.decide')) {
    out.push({ key: 'approvals', label: '审核绑定申请', url: ROUTES.approvals, badge: me.approvalsWaiting });
  }
  if (canAnywhere(actor, 'roster.viewMasked') || canAnywhere(actor, 'roster.viewFull')) {
    out.push({ key: 'roster', label: '楼栋花名册', url: ROUTES.roster });
  }
  if (canAnywhere(actor, 'roster.import')) out.push({ key: 'import', label: '导入花名册', url: ROUTES.import });
  return out;
}

