/** What the party handlers share: who the caller is in the branch, ids from request ids, the text check. */
import { createHash } from 'node:crypto';
import { can, scopesOf, type Permission } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Actor } from '../../core/platform/roles';
import { compounds, requirePerson, type CompoundDoc, type PersonDoc } from '../_shared/directory';
import type { CompoundChoice } from '../../core/party/contract';
import { callerPerson } from '../_shared/actor';
import type { Ctx } from '../_shared/router';
import { partyMembers, type PartyMemberDoc } from './docs';

export const idFor = (prefix: string, personId: string, clientRequestId: string) =>
  prefix + createHash('sha256').update(`${personId}\n${clientRequestId}`).digest('hex').slice(0, 31);

export const memberId = (compoundId: string, personId: string) => `${compoundId}_${personId}`;

/** A roster entry that counts now: an ended membership keeps its document (history) but no rights. */
export const activeMember = (m: PartyMemberDoc | null | undefined): PartyMemberDoc | null => (m && m.active !== false ? m : null);

export interface BranchCaller {
  actor: Actor;
  person: PersonDoc;
  /** The caller's roster entry in this compound's branch, if they are a member. */
  member: PartyMemberDoc | null;
  compound: CompoundDoc;
}

/** The caller's branch: the compound they are a member of, or hold a branch role in. */
export async function myBranch(ctx: Ctx): Promise<BranchCaller | null> {
  const actor = await ctx.actor();
  if (!actor.personId) return null;
  // The caller's own document was read with the actor (callerOf): not read again.
  const person = (await callerPerson(ctx, actor.personId)) ?? (await requirePerson(ctx.db, actor));
  const member = await partyMembers(ctx.db).first({ personId: person._id, active: true });
  const compoundId =
    member?.compoundId ??
    actor.roles.find((g) => g.compoundId && (g.role === 'branchSecretary' || g.role === 'buildingLead'))?.compoundId ??
    null;
  if (!compoundId) return null;
  const compound = await compounds(ctx.db).get(compoundId);
  return compound ? { actor, person, member: member?.compoundId === compoundId ? member : null, compound } : null;
}

/** The caller as seen by one compound's branch (member or role). NOT_FOUND for an unknown compound. */
export async function branchOf(ctx: Ctx, compoundId: string): Promise<BranchCaller> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  if (!actor.personId) return { actor, person: null as unknown as PersonDoc, member: null, compound };
  const person = await requirePerson(ctx.db, actor);
  const member = activeMember(await partyMembers(ctx.db).get(memberId(compoundId, person._id)));
  return { actor, person, member, compound };
}

export const targetOfCompound = (c: CompoundDoc) => ({ communityId: c.communityId, compoundId: c._id });

/** The branch's book: its members, the secretary, the community office. Anyone else: NOT_FOUND (its existence is not theirs). */
export function assertBook(b: BranchCaller): void {
  if (!b.member && !can(b.actor, 'party.book', targetOfCompound(b.compound))) throw new AppError('NOT_FOUND');
}

/** msgSecCheck v2 on public text (a nomination reason becomes public once accepted). Scene 3: 论坛. */
export async function checkText(ctx: Ctx, content: string) {
  let res: { result?: { suggest?: string } };
  try {
    res = await ctx.cloud.openapi.security.msgSecCheck({ openid: ctx.openid, scene: 3, version: 2, content });
  } catch (e) {
    console.error('[msgSecCheck]', (e as Error).message);
    throw new AppError('INTERNAL', '内容安全检测暂时不可用，请稍后再提交');
  }
  if ((res.result?.suggest ?? 'risky') !== 'pass') throw new AppError('CONTENT_REJECTED', '内容未通过安全检测，请修改后再提交');
}

/**
 * Which compound a page without one opens, and which it may switch to: the caller's own
 * branch, or for the community office (a community-wide grant of `permission`) each
 * compound of its community, the first by name. NOT_FOUND when there is none.
 */
export async function compoundFor(
  ctx: Ctx,
  compoundId: string | undefined,
  permission: Permission,
): Promise<{ compoundId: string; compounds: CompoundChoice[] }> {
  const actor = await ctx.actor();
  const communityIds = scopesOf(actor, permission).communityIds;
  const _ = ctx.db.command;
  const wide = communityIds.length
    ? (await compounds(ctx.db).find({ communityId: _.in(communityIds) }, { limit: 200 })).sort((a, b) => a.name.localeCompare(b.name, 'zh'))
    : [];
  const own = compoundId ? null : await myBranch(ctx);
  const chosen = compoundId ?? own?.compound._id ?? wide[0]?._id;
  if (!chosen) throw new AppError('NOT_FOUND', '您不在任何小区党支部');
  const list = wide.length ? wide : own ? [own.compound] : [];
  return { compoundId: chosen, compounds: list.map((c) => ({ compoundId: c._id, name: c.name })) };
}
