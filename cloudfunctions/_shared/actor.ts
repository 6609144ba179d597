import type { Actor } from '../../core/platform/roles';
import type { Database } from './database';
import {
  homes as homesRepo,
  memberships,
  people,
  roles,
  type HomeDoc,
  type MembershipDoc,
  type PersonDoc,
  type RoleDoc,
} from './directory';

/**
 * The caller's own documents, read once per invocation: the person, their role grants and
 * active bindings (what the Actor is made of), and on first ask the bound homes. Readers that
 * need more than the actor's ids (me.get, the activities and party cards, fees' home labels)
 * take them from here instead of reading them again: the 首页 (home.get) runs every card in
 * one invocation, and each of these reads used to be made two or three times there.
 */
export interface Caller {
  person: PersonDoc | null;
  roles: RoleDoc[];
  memberships: MembershipDoc[];
  /** The documents of the caller's bound homes (one _id-$in read, on first ask). */
  homes(): Promise<Map<string, HomeDoc>>;
}

/** Three indexed reads: the person by openid, then their roles and active bindings. */
export async function loadCaller(db: Database, openid: string): Promise<Caller> {
  const person = openid ? await people(db).first({ openid }) : null;
  const [grants, bound] = person
    ? await Promise.all([
        roles(db).find({ personId: person._id }, { limit: 100 }),
        memberships(db).find({ personId: person._id, status: 'active' }, { limit: 100 }),
      ])
    : [[], []];
  let homes: Promise<Map<string, HomeDoc>> | undefined;
  return {
    person,
    roles: grants,
    memberships: bound,
    homes: () => (homes ??= bound.length ? homesRepo(db).byIds(bound.map((m) => m.homeId)) : Promise.resolve(new Map())),
  };
}

export function actorOf(openid: string, c: Pick<Caller, 'person' | 'roles' | 'memberships'>): Actor {
  if (!c.person) return { openid, personId: null, roles: [], homes: [] };
  return {
    openid,
    personId: c.person._id,
    roles: c.roles.map(({ role, communityId, compoundId, buildingIds }) => ({ role, communityId, compoundId, buildingIds })),
    homes: c.memberships.map(({ homeId, buildingId, compoundId, communityId, relation }) => ({
      homeId,
      buildingId,
      compoundId,
      communityId,
      relation,
    })),
  };
}

/** Three indexed reads: the person by openid, then their roles and active bindings. */
export async function loadActor(db: Database, openid: string): Promise<Actor> {
  return actorOf(openid, await loadCaller(db, openid));
}

/** What of a Ctx (_shared/router.ts, which imports this file) the caller's documents come from. */
interface CallerCtx {
  db: Database;
  openid: string;
  caller?(): Promise<Caller>;
}

/**
 * The caller's documents of this invocation (ctx.caller, memoised with ctx.actor). A context
 * made by hand (a test's) may not carry them: then they are read here.
 */
export function callerOf(ctx: CallerCtx): Promise<Caller> {
  return ctx.caller ? ctx.caller() : loadCaller(ctx.db, ctx.openid);
}

/** The caller's person document, read with the actor, when it is `personId` (else null: read it). */
export async function callerPerson(ctx: Pick<CallerCtx, 'caller'>, personId: string): Promise<PersonDoc | null> {
  if (!ctx.caller) return null;
  const { person } = await ctx.caller();
  return person?._id === personId ? person : null;
}
