/**
 * "Who can do this", in words, from the permission table (core/authz): the calm
 * text a screen shows instead of an error when the backend answers FORBIDDEN.
 */
import { rolesWith, type Permission } from '@core/authz';
import { ROLE_LABELS } from '@core/platform/roles';

export type PermissionNeed = Permission | readonly Permission[];

/** "党员楼栋长、业委会委员": the roles holding any of the permissions, in table order. */
export function whoCan(permission: PermissionNeed): string {
  const list: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  const roles = [...new Set(list.flatMap((p) => rolesWith(p)))];
  return roles.map((r) => ROLE_LABELS[r]).join('、');
}

export function permissionMessage(permission?: PermissionNeed, action?: string): { title: string; text: string } {
  if (!permission) return { title: '暂无权限', text: `您没有权限${action ?? '进行此操作'}。如有需要，请联系小区业委会或社区。` };
  return { title: '暂无权限', text: `${whoCan(permission)}可以${action ?? '使用这项功能'}。如需开通，请联系小区业委会或社区。` };
}
