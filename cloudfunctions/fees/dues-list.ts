/**
 * 委员缴费公示: for each current committee member of a compound, whether every bill
 * of a half-year for the homes they are bound to in it is paid. The committee
 * publishes it once the half has ended: a frozen snapshot (`committeeDues`, _id
 * `${compoundId}_${half}`), and publishing again keeps the first. Residents read
 * published lists only; the people who may read the books also see the live state.
 */
import { assertCan, can, livesIn } from '../../core/authz';
import type { CommitteeDuesView, DuesMemberView } from '../../core/fees/contract-dues';
import type { CommitteeDuesDoc, DuesMemberEntry } from '../../core/fees/docs-dues';
import { halfEnded, halfLabel, halfPeriods, memberDues, recentHalves } from '../../core/fees/dues';
import { AppError } from '../../core/platform/errors';
import { ROLE_LABELS, type Actor } from '../../core/platform/roles';
import { periodOf } from '../../core/platform/time';
import { iso } from '../_shared/db';
import { compounds, homes, memberships, people, requirePerson, roles, type CompoundDoc } from '../_shared/directory';
import { repository } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { compoundTarget } from './common';
import { bills } from './docs';
import { yuan } from './views';

export const committeeDues = repository<CommitteeDuesDoc>('committeeDues');
export const duesId = (compoundId: string, half: string) => `${compoundId}_${half}`;

/** Halves offered in the picker. */
const HALVES_SHOWN = 6;

/** The compound, if the caller lives in it or may read its books; else NOT_FOUND. */
async function readable(ctx: Ctx, compoundId: string): Promise<{ compound: CompoundDoc; actor: Actor; books: boolean }> {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  const t = compoundTarget(compound);
  const books = can(actor, 'ledger.view', t);
  if (!books && !livesIn(actor, t)) throw new AppError('NOT_FOUND');
  return { compound, actor, books };
}

/** Today's list: current committee members, their homes in the compound, their bills of the half. */
export async function liveMembers(ctx: Ctx, compound: CompoundDoc, half: string): Promise<DuesMemberEntry[]> {
  const _ = ctx.db.command;
  const grants = await roles(ctx.db).find({ compoundId: compound._id, role: 'committeeMember' }, { limit: 100 });
  const personIds = [...new Set(grants.map((g) => g.personId))];
  if (!personIds.length) return [];
  const found = await people(ctx.db).byIds(personIds);
  const links = await memberships(ctx.db).find({ personId: _.in(personIds), compoundId: compound._id, status: 'active' }, { limit: 1000 });
  const homeIds = [...new Set(links.map((m) => m.homeId))];
  const homeDocs = homeIds.length ? await homes(ctx.db).byIds(homeIds) : new Map();
  const periods = halfPeriods(half);
  const list = homeIds.length ? await bills(ctx.db).find({ homeId: _.in(homeIds), period: _.in(periods) }, { limit: 1000 }) : [];
  const out: DuesMemberEntry[] = [];
  for (const personId of personIds) {
    const p = found.get(personId);
    if (!p) continue;
    const mine = [...new Set(links.filter((m) => m.personId === personId).map((m) => m.homeId))].sort();
    const status = memberDues(
      half,
      mine.length,
      list.filter((b) => mine.includes(b.homeId)),
      yuan,
    );
    out.push({
      personId,
      name: p.name,
      roleLabel: ROLE_LABELS.committeeMember,
      homes: mine.map((homeId) => ({ homeId, label: homeDocs.get(homeId)?.label ?? homeId })),
      ...status,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

function memberView(m: DuesMemberEntry): DuesMemberView {
  return {
    name: m.name,
    roleLabel: m.roleLabel,
    homes: m.homes.map((h) => h.label),
    state: m.state,
    label: m.label,
    months: m.months,
    owingFen: m.owingFen,
  };
}

async function view(ctx: Ctx, compound: CompoundDoc, actor: Actor, books: boolean, half: string): Promise<CommitteeDuesView> {
  const nowPeriod = periodOf(ctx.now);
  const published = await committeeDues(ctx.db).find({ compoundId: compound._id }, { orderBy: [['half', 'desc']], limit: 40 });
  const doc = published.find((d) => d.half === half) ?? null;
  const ended = halfEnded(half, nowPeriod);
  const mayPublish = can(actor, 'ledger.close', compoundTarget(compound));
  const halves = [...new Set([...recentHalves(nowPeriod, HALVES_SHOWN), ...published.map((d) => d.half)])].sort().reverse();
  const base = {
    compoundId: compound._id,
    compoundName: compound.name,
    half,
    halfLabel: halfLabel(half),
    halfEnded: ended,
    canPublish: mayPublish && ended && !doc,
    halves: halves.map((x) => ({ half: x, label: halfLabel(x), published: published.some((d) => d.half === x) })),
  };
  if (doc) {
    return {
      ...base,
      source: 'published',
      published: true,
      publishedAt: iso(doc.publishedAt),
      publishedByName: doc.publishedByName,
      members: doc.members.map(memberView),
    };
  }
  if (!books) return { ...base, source: 'hidden', published: false, members: [] };
  return { ...base, source: 'live', published: false, members: (await liveMembers(ctx, compound, half)).map(memberView) };
}

export async function committeeDuesList(ctx: Ctx, input: { compoundId: string; half: string }): Promise<CommitteeDuesView> {
  const { compound, actor, books } = await readable(ctx, input.compoundId);
  return view(ctx, compound, actor, books, input.half);
}

export async function publishCommitteeDues(
  ctx: Ctx,
  input: { compoundId: string; half: string; clientRequestId?: string },
): Promise<CommitteeDuesView> {
  const { compound, actor, books } = await readable(ctx, input.compoundId);
  assertCan(actor, 'ledger.close', compoundTarget(compound));
  if (!halfEnded(input.half, periodOf(ctx.now))) throw new AppError('BAD_REQUEST', `${halfLabel(input.half)}还没有结束，结束后才能公示`);
  const person = await requirePerson(ctx.db, actor);
  const id = duesId(compound._id, input.half);
  if (!(await committeeDues(ctx.db).get(id))) {
    const doc: CommitteeDuesDoc = {
      _id: id,
      compoundId: compound._id,
      communityId: compound.communityId,
      compoundName: compound.name,
      half: input.half,
      periods: halfPeriods(input.half),
      members: await liveMembers(ctx, compound, input.half),
      publishedBy: person._id,
      publishedByName: person.name,
      publishedAt: ctx.now,
    };
    try {
      await committeeDues(ctx.db).add(doc);
    } catch (e) {
      // Published by someone else at the same moment: theirs is the list.
      if (!(await committeeDues(ctx.db).get(id))) throw e;
    }
  }
  return view(ctx, compound, actor, books, input.half);
}
