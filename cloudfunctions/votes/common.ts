/** Access to a matter, the roll's owner keys, settings and the views every action returns. */
import { createHash } from 'node:crypto';
import { can, grantsFor, livesIn } from '../../core/authz';
import { AppError } from '../../core/platform/errors';
import type { Actor, Target } from '../../core/platform/roles';
import { maskName } from '../../core/platform/mask';
import { roomSortKey } from '../../core/platform/text';
import type { Consultation, MatterDetail, MatterListItem, MyVoteHome, VoteFile } from '../../core/votes/contract';
import {
  APPROVAL_OPTIONS,
  CHOICE_LABELS,
  MATTER_KIND_LABELS,
  TURNOUT_LABEL,
  emptyTally,
  ownerKeyOf,
  resultOf,
  thresholdLabel,
} from '../../core/votes/count';
import {
  CONSULTATION_DEFAULT_REASON,
  CONSULTATION_LABEL,
  PHASE_LABELS,
  ballotOrigin,
  earliestOpening,
  phaseOf,
} from '../../core/votes/rules';
import { formatDateTime } from '../../core/platform/time';
import type { Ctx } from '../_shared/router';
import type { Database } from '../_shared/database';
import { iso } from '../_shared/db';
import { jobView, jobs } from '../_shared/jobs';
import { compounds, roles, type CompoundDoc, type HomeDoc } from '../_shared/directory';
import { ballots, matters, roll, tallies, voteSettings, type BallotDoc, type MatterDoc, type RollDoc } from './docs';

export function ownerHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}
export function homeOwnerHash(h: Pick<HomeDoc, '_id' | 'registeredOwners'> & { developerHeld?: boolean }): string {
  return ownerHash(ownerKeyOf({ homeId: h._id, owners: h.registeredOwners, developerHeld: h.developerHeld }));
}
export const rollId = (matterId: string, hash: string) => `${matterId}_${hash}`;

/** Room order across buildings: the building's number, then unit and room. */
export function sortKey(h: Pick<HomeDoc, 'buildingId' | 'unit' | 'number'>): string {
  const b = h.buildingId.replace(/\d+/g, (d) => d.padStart(6, '0'));
  return `${b}|${roomSortKey(h.unit, h.number)}`;
}

export const targetOfMatter = (m: Pick<MatterDoc, 'communityId' | 'compoundId'>): Target => ({
  communityId: m.communityId,
  compoundId: m.compoundId,
});

/** Does the compound have an owners' committee? (The community office stands in only where it does not.) */
export async function hasCommittee(db: Database, compoundId: string): Promise<boolean> {
  return !!(await roles(db).first({ compoundId, role: 'committeeMember' }));
}

/** May organise votes in the compound: the committee; the community office only without one. */
export async function canManage(db: Database, actor: Actor, target: Target): Promise<boolean> {
  const grants = grantsFor(actor, 'vote.manage', target);
  if (grants.some((g) => g.role === 'committeeMember')) return true;
  if (grants.some((g) => g.role === 'communityAdmin')) return !(await hasCommittee(db, target.compoundId!));
  return false;
}
export function canSeeCompound(actor: Actor, target: Target): boolean {
  return livesIn(actor, { compoundId: target.compoundId }) || can(actor, 'vote.view', target) || can(actor, 'vote.manage', target);
}
export async function assertManage(ctx: Ctx, actor: Actor, m: MatterDoc): Promise<void> {
  const t = targetOfMatter(m);
  if (!canSeeCompound(actor, t)) throw new AppError('NOT_FOUND');
  if (!(await canManage(ctx.db, actor, t))) throw new AppError('FORBIDDEN');
}

/** The matter if the actor may see it (drafts: its managers only), else NOT_FOUND. */
export async function loadMatter(ctx: Ctx, matterId: string): Promise<{ m: MatterDoc; actor: Actor; manage: boolean; track: boolean }> {
  const actor = await ctx.actor();
  const m = await matters(ctx.db).get(matterId);
  if (!m) throw new AppError('NOT_FOUND');
  const t = targetOfMatter(m);
  if (!canSeeCompound(actor, t)) throw new AppError('NOT_FOUND');
  const manage = await canManage(ctx.db, actor, t);
  if (m.status === 'draft' && !manage) throw new AppError('NOT_FOUND');
  const track = manage && can(actor, 'vote.track', t);
  return { m, actor, manage, track };
}

export async function consultationOf(
  db: Database,
  compound: Pick<CompoundDoc, '_id' | 'cityEVotingRequired'> | null,
): Promise<Consultation | undefined> {
  if (!compound) return undefined;
  const s = await voteSettings(db).get(compound._id);
  if (s?.consultationOnly) return { label: CONSULTATION_LABEL, reason: s.reason || CONSULTATION_DEFAULT_REASON };
  if (compound.cityEVotingRequired) return { label: CONSULTATION_LABEL, reason: CONSULTATION_DEFAULT_REASON };
  return undefined;
}

export async function fileViews(ctx: Ctx, fileIDs: string[]): Promise<VoteFile[]> {
  if (!fileIDs.length) return [];
  const res = (await ctx.cloud.getTempFileURL({ fileList: fileIDs })) as { fileList: { fileID: string; tempFileURL: string }[] };
  const url = new Map(res.fileList.map((f) => [f.fileID, f.tempFileURL]));
  return fileIDs.map((f) => ({ fileID: f, url: url.get(f) ?? '' }));
}

export function choiceLabels(m: MatterDoc): Record<string, string> {
  const out: Record<string, string> = {};
  if (m.format === 'approval') for (const o of APPROVAL_OPTIONS) out[o] = CHOICE_LABELS[o];
  else {
    for (const c of m.candidates) out[c.id] = c.name;
    out.abstain = CHOICE_LABELS.abstain;
  }
  return out;
}

export function shapeOf(m: MatterDoc) {
  return { kind: m.kind, format: m.format, candidateIds: m.candidates.map((c) => c.id), seats: m.seats };
}

/** My homes in the matter's compound: roll entry, ballot, and whether I may cast. */
export async function myHomes(ctx: Ctx, actor: Actor, m: MatterDoc, homeDocs?: Map<string, HomeDoc>): Promise<MyVoteHome[]> {
  const mine = actor.homes.filter((h) => h.compoundId === m.compoundId);
  if (!mine.length || m.status === 'draft') return [];
  const phase = phaseOf(m, ctx.now);
  const out: MyVoteHome[] = [];
  for (const h of mine.slice(0, 10)) {
    const entry = await roll(ctx.db).first({ matterId: m._id, homeIds: h.homeId });
    const b = entry ? await ballots(ctx.db).get(entry._id) : null;
    const home = entry?.homes.find((x) => x.homeId === h.homeId);
    const row: MyVoteHome = {
      homeId: h.homeId,
      label: home?.label ?? homeDocs?.get(h.homeId)?.label ?? h.homeId,
      areaCenti: home?.areaCenti ?? 0,
      voted: !!b,
      sameOwnerHomes: entry ? entry.homeIds.length - 1 : 0,
      canCast: false,
    };
    if (b) {
      row.via = b.via;
      row.castAt = iso(b.castAt);
      if (h.relation === 'owner') {
        row.choices = b.choices;
        row.castBy = maskName(b.castByName);
        row.origin = ballotOrigin({
          via: b.via,
          byMasked: row.castBy,
          at: formatDateTime(b.castAt),
          ...(b.enteredAs ? { enteredBy: b.enteredAs } : {}),
        });
      }
    }
    if (h.relation !== 'owner') row.cannotReason = '租户和家庭成员不能投票，请由业主投票';
    else if (!entry) row.cannotReason = '该房屋不在本次表决的业主名册中';
    else if (phase !== 'open') row.cannotReason = phase === 'announced' ? '投票尚未开始' : '投票已截止';
    else if (b?.via === 'paper') row.cannotReason = '已由业委会录入纸质表决票';
    else row.canCast = true;
    out.push(row);
  }
  return out;
}

export async function listItem(ctx: Ctx, actor: Actor, m: MatterDoc, track: boolean, consultation?: Consultation): Promise<MatterListItem> {
  const phase = phaseOf(m, ctx.now);
  const item: MatterListItem = {
    id: m._id,
    compoundId: m.compoundId,
    compoundName: m.compoundName,
    title: m.title,
    kind: m.kind,
    kindLabel: MATTER_KIND_LABELS[m.kind],
    format: m.format,
    phase,
    phaseLabel: PHASE_LABELS[phase],
    opensAt: iso(m.opensAt),
    closesAt: iso(m.closesAt),
    ...(m.announcedAt ? { announcedAt: iso(m.announcedAt) } : {}),
    ...(consultation ? { consultation } : {}),
    myHomes: await myHomes(ctx, actor, m),
  };
  if (track && m.rollTotals && (phase === 'open' || phase === 'ended' || phase === 'counting')) {
    const t = (await tallies(ctx.db).get(m._id)) ?? { ...emptyTally() };
    const r = resultOf(shapeOf(m), m.rollTotals, t);
    item.live = { participants: t.participants, roll: m.rollTotals, missing: r.missing, summary: r.summary };
  }
  return item;
}

export async function detail(ctx: Ctx, actor: Actor, m: MatterDoc, manage: boolean, track: boolean): Promise<MatterDetail> {
  const compound = await compounds(ctx.db).get(m.compoundId);
  const consultation = await consultationOf(ctx.db, compound);
  const base = await listItem(ctx, actor, m, track, consultation);
  const phase = base.phase;
  const d: MatterDetail = {
    ...base,
    description: m.description,
    documents: await fileViews(ctx, m.documents),
    candidates: m.candidates,
    seats: m.seats,
    secret: m.secret,
    choiceLabels: choiceLabels(m),
    thresholdLabel: thresholdLabel(m.kind),
    turnoutLabel: TURNOUT_LABEL,
    ...(m.rollTotals ? { roll: m.rollTotals } : {}),
    rollFrozen: phase !== 'draft' && phase !== 'announced',
    canManage: manage,
    canTrack: track,
    earliestOpening: iso(earliestOpening(ctx.now)),
    ...(m.publishedAt ? { publishedAt: iso(m.publishedAt) } : {}),
    ...(m.objectionEndsAt ? { objectionEndsAt: iso(m.objectionEndsAt) } : {}),
  };
  if (manage && m.rollJobId && (phase === 'draft' || phase === 'announced')) {
    const job = await jobs(ctx.db).get(m.rollJobId);
    if (job && (job.open || (job.status === 'failed' && phase === 'draft'))) d.rolling = jobView(job);
  }
  if (phase === 'counting' && m.countJobId) {
    const job = await jobs(ctx.db).get(m.countJobId);
    if (job) d.counting = jobView(job);
  }
  if (m.result && (phase === 'preliminary' || phase === 'final')) d.result = m.result;
  else if (track && m.rollTotals && (phase === 'open' || phase === 'ended' || phase === 'counting')) {
    const t = (await tallies(ctx.db).get(m._id)) ?? { ...emptyTally(), paper: 0 };
    d.result = resultOf(shapeOf(m), m.rollTotals, t);
    d.paperBallots = (t as { paper?: number }).paper ?? 0;
  }
  return d;
}

/**
 * Every roll entry or ballot of a matter, 1,000 at a time by (matterId, sort): each
 * page continues after the last one's room (sort is unique per owner within a
 * matter), so the pages cost the same whatever the roll's size (no growing skip).
 */
export async function allOfMatter<D extends { _id: string; sort: string }>(
  ctx: Ctx,
  repo: { find(where: object, opts: { orderBy: [string, 'asc' | 'desc'][]; limit: number }): Promise<D[]> },
  matterId: string,
): Promise<D[]> {
  const out: D[] = [];
  const _ = ctx.db.command;
  for (let last: string | null = null; ;) {
    const page: D[] = await repo.find(last === null ? { matterId } : { matterId, sort: _.gt(last) }, {
      orderBy: [['sort', 'asc']],
      limit: 1000,
    });
    out.push(...page);
    if (page.length < 1000) return out;
    last = page[page.length - 1].sort;
  }
}

export type { RollDoc, BallotDoc };
