/**
 * What a per-compound staff page needs for its picker, carried by the page's one read
 * (roster.list, roles.list, invite.list) instead of a compounds.list before it. Filtered
 * here by the authorization table, so the page neither asks twice nor derives roles; read
 * from the caller's own compounds (callerCompounds), never every compound of the environment.
 */
import type { CompoundInfo, InviteScope, RosterScope } from '../../core/accounts/contract';
import { rosterView } from '../../core/accounts/rules';
import { can } from '../../core/authz';
import type { Actor } from '../../core/platform/roles';
import type { Ctx } from '../_shared/router';
import { callerCompounds } from './compounds';

const compoundOf = (c: CompoundInfo) => ({ communityId: c.communityId, compoundId: c.id });
const buildingOf = (c: CompoundInfo, buildingId: string) => ({ ...compoundOf(c), buildingId });

/** Buildings whose roster the actor may see (with the view they get), and compounds they may export. */
export async function rosterScope(ctx: Ctx, actor: Actor): Promise<RosterScope> {
  const all = await callerCompounds(ctx, actor);
  const buildings: RosterScope['buildings'] = [];
  for (const c of all)
    for (const b of c.buildings) {
      const view = rosterView(actor, buildingOf(c, b.id));
      if (view) buildings.push({ compound: c, building: b, view });
    }
  return { buildings, exportable: all.filter((c) => can(actor, 'roster.export', compoundOf(c))) };
}

/** Compounds whose roles the actor may see. */
export async function roleCompounds(ctx: Ctx, actor: Actor): Promise<CompoundInfo[]> {
  return (await callerCompounds(ctx, actor)).filter((c) => can(actor, 'role.view', compoundOf(c)));
}

/** Where the actor may issue home invites (only those buildings) and staff invites. */
export async function inviteScope(ctx: Ctx, actor: Actor): Promise<InviteScope> {
  const all = await callerCompounds(ctx, actor);
  return {
    home: all
      .map((c) => ({ ...c, buildings: c.buildings.filter((b) => can(actor, 'invite.create', buildingOf(c, b.id))) }))
      .filter((c) => c.buildings.length > 0),
    staff: all.filter((c) => can(actor, 'role.grant.staff', compoundOf(c))),
  };
}
