import type { Actor, HomeLink, RoleGrant } from '../../core/platform/roles';
import type { Database } from './database';

/** Three indexed reads: the person by openid, then their roles and active bindings. */
export async function loadActor(db: Database, openid: string): Promise<Actor> {
  const people = await db.collection('people').where({ openid }).limit(1).get();
  const person = people.data[0] as { _id: string } | undefined;
  if (!person) return { openid, personId: null, roles: [], homes: [] };
  const [roles, homes] = await Promise.all([
    db.collection('roles').where({ personId: person._id }).limit(100).get(),
    db.collection('memberships').where({ personId: person._id, status: 'active' }).limit(100).get(),
  ]);
  return {
    openid,
    personId: person._id,
    roles: (roles.data as (RoleGrant & { _id: string })[]).map(({ role, communityId, compoundId, buildingIds }) => ({
      role,
      communityId,
      compoundId,
      buildingIds,
    })),
    homes: (homes.data as (HomeLink & { _id: string })[]).map(({ homeId, buildingId, compoundId, communityId, relation }) => ({
      homeId,
      buildingId,
      compoundId,
      communityId,
      relation,
    })),
  };
}
