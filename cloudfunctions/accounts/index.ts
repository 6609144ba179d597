/** accounts: people, homes, bindings, roles, rosters. */
import * as cloud from 'wx-server-sdk';
import { accountsApi } from '../../core/accounts/contract';
import { createMain } from '../_shared/router';
import { getMe, listCompounds, listHomes, myGroups, updateMe } from './me';
import { cancelRequest, createInvite, decideRequest, leaveHome, pendingForMe, redeemInvite, requestBinding } from './binding';
import { exportRoster, importRoster, listRoster } from './roster';
import { grantRole, listRoles, revokeRole } from './roles';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const main = createMain(cloud, accountsApi, {
  'me.get': (ctx) => getMe(ctx),
  'me.update': updateMe,
  'compounds.list': (ctx) => listCompounds(ctx),
  'homes.list': listHomes,
  'binding.request': requestBinding,
  'binding.cancel': cancelRequest,
  'binding.redeem': redeemInvite,
  'binding.pending': pendingForMe,
  'binding.decide': decideRequest,
  'binding.leave': leaveHome,
  'invite.create': createInvite,
  'roster.list': listRoster,
  'roster.import': importRoster,
  'roster.export': exportRoster,
  'roles.list': listRoles,
  'roles.grant': grantRole,
  'roles.revoke': revokeRole,
  'groups.mine': (ctx) => myGroups(ctx),
});
