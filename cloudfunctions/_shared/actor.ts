import type { Actor } from '../../core/platform/roles';
import type { Database } from './database';
import { memberships, people, roles } from './directory';

/** Three indexed reads: the person by openid, then their roles and active bindings. */
export async function loadActor(db: Database, openid: string): Promise<Actor> {
  const person = openid ? await people(db).first({ openid }) : null;
  if (!person) return { openid, personId: null, roles: [], homes: [] };
  const [grants, homes] = await Promise.all([
    roles(db).find({ personId: person._id }, { limit: 100 }),
    memberships(db).find({ personId: person._id, status: 'active' }, { limit: 100 }),
  ]);
  return {
    openid,
    personId: person._id,
    roles: grants.map(({ role, communityId, compoundId, buildingIds }) => ({ role, communityId, compoundId, buildingIds })),
    homes: homes.map(({ homeId, buildingId, compoundId, communityId, relation }) => ({
      homeId,
      buildingId,
      compoundId,
      communityId,
      relation,
    })),
  };
}
