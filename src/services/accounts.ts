/** Typed wrappers for the `accounts` function. */
import type { AccountsApi } from '@core/accounts/contract';
import type { InputOf } from '@core/platform/api';
import { apiRef, call } from './cloud';

export const accountsRef = apiRef<AccountsApi>('accounts');
type A = AccountsApi['actions'];

export const accounts = {
  me: () => call(accountsRef, 'me.get', {}),
  updateMe: (p: InputOf<A['me.update']>) => call(accountsRef, 'me.update', p),
  compounds: () => call(accountsRef, 'compounds.list', {}),
  homes: (p: InputOf<A['homes.list']>) => call(accountsRef, 'homes.list', p),
  requestBinding: (p: InputOf<A['binding.request']>) => call(accountsRef, 'binding.request', p),
  cancelRequest: (requestId: string) => call(accountsRef, 'binding.cancel', { requestId }),
  redeemInvite: (p: InputOf<A['binding.redeem']>) => call(accountsRef, 'binding.redeem', p),
  pending: (p: InputOf<A['binding.pending']>) => call(accountsRef, 'binding.pending', p),
  decide: (p: InputOf<A['binding.decide']>) => call(accountsRef, 'binding.decide', p),
  leaveHome: (homeId: string) => call(accountsRef, 'binding.leave', { homeId }),
  createInvite: (p: InputOf<A['invite.create']>) => call(accountsRef, 'invite.create', p),
  roster: (p: InputOf<A['roster.list']>) => call(accountsRef, 'roster.list', p),
  importRoster: (p: InputOf<A['roster.import']>) => call(accountsRef, 'roster.import', p),
  exportRoster: (compoundId: string) => call(accountsRef, 'roster.export', { compoundId }),
  roles: (compoundId: string) => call(accountsRef, 'roles.list', { compoundId }),
  grantRole: (p: InputOf<A['roles.grant']>) => call(accountsRef, 'roles.grant', p),
  revokeRole: (roleId: string) => call(accountsRef, 'roles.revoke', { roleId }),
  groups: () => call(accountsRef, 'groups.mine', {}),
};
