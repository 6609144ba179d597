/** accounts: people, homes, bindings, roles, rosters. */
import * as cloud from 'wx-server-sdk';
import deploy from './deploy.json';
import { accountsApi } from '../../core/accounts/contract';
import { createMain } from '../_shared/router';
import { jobsTimer } from '../_shared/jobs';
import { getMe, listHomes, myGroups, updateMe } from './me';
import { getCompound, listCompounds, searchCompounds } from './compounds';
import { cancelRequest, decideRequest, leaveHome, pendingForMe, requestBinding } from './binding';
import { createInvite, createStaffInvite, listInvites, redeemInvite, redeemInviteAny, revokeInvite } from './invites';
import { exportRoster, importRoster, importStatus, listRoster, rosterImportJob, rosterTemplate } from './roster';
import { grantRole, listRoles, revokeRole, searchPeople, standIn } from './roles';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/** The job kinds this function runs (its timer-triggered worker picks them up). */
export const JOB_KINDS = [rosterImportJob] as const;

export const main = createMain(
  cloud,
  accountsApi,
  {
    'me.get': (ctx) => getMe(ctx),
    'me.update': updateMe,
    'compounds.list': listCompounds,
    'compounds.search': searchCompounds,
    'compounds.get': getCompound,
    'homes.list': listHomes,
    'binding.request': requestBinding,
    'binding.cancel': cancelRequest,
    'binding.redeem': redeemInvite,
    'binding.pending': pendingForMe,
    'binding.decide': decideRequest,
    'binding.leave': leaveHome,
    'invite.redeem': redeemInviteAny,
    'invite.createStaff': createStaffInvite,
    'invite.create': createInvite,
    'invite.list': listInvites,
    'invite.revoke': revokeInvite,
    'roster.list': listRoster,
    'roster.import': importRoster,
    'roster.importStatus': importStatus,
    'roster.export': exportRoster,
    'roster.template': rosterTemplate,
    'people.search': searchPeople,
    'roles.list': listRoles,
    'roles.grant': grantRole,
    'roles.revoke': revokeRole,
    'roles.standIn': standIn,
    'groups.mine': (ctx) => myGroups(ctx),
  },
  { system: [jobsTimer(deploy)] },
);
