/**
 * 催缴提醒: message the people of homes in arrears (an unpaid bill of a month before
 * this one) who granted a bill message. A job (`fees.remind`): items are people, so
 * nobody gets two messages from one reminder; before sending, the job claims each of
 * the person's homes and the person for 7 days (`RemindMarkDoc`, one conditional
 * write each), so reminders started at the same time, or within a week, never reach
 * the same home or person twice. A claim is written before the send and the job's
 * own effect record (jobs.ts) keeps a killed worker from sending again.
 */
import { can } from '../../core/authz';
import { BILL_TEMPLATE_FIELDS, BILL_TEMPLATE_ID } from '../../core/fees/contract';
import type { RemindPreviewView } from '../../core/fees/contract-dues';
import type { RemindMarkDoc } from '../../core/fees/docs-dues';
import { overdueHomes, REMIND_WINDOW_MS, reminderText, type OverdueHome } from '../../core/fees/dues';
import { addMonths } from '../../core/fees/rules';
import { AppError } from '../../core/platform/errors';
import type { JobView } from '../../core/platform/jobs';
import { periodOf } from '../../core/platform/time';
import {
  buildings as buildingsRepo,
  compounds,
  homes,
  memberships,
  people,
  requirePerson,
  type HomeDoc,
  type MembershipDoc,
  type PersonDoc,
} from '../_shared/directory';
import { maskName } from '../../core/platform/mask';
import { defineJob, enqueue, jobs, jobView, work, workerBudgetMs, type JobDoc } from '../_shared/jobs';
import { hideThenForbid } from '../_shared/access';
import { grantsLeft, sendWithGrant } from '../_shared/messaging';
import { repository } from '../_shared/repo';
import type { Ctx } from '../_shared/router';
import { compoundTarget } from './common';
import { bills } from './docs';
import { yuan } from './views';
import deploy from './deploy.json';

/** Recent-reminder marks (one per home and per person), read and claimed by id. */
export const remindMarks = repository<RemindMarkDoc>('feeReminders');
export const markId = (key: string) => key;
export const homeKey = (homeId: string) => `h_${homeId}`;
export const personKey = (personId: string) => `p_${personId}`;

/** The bills page: where the message opens. */
export const BILLS_PAGE = 'packages/fees/pages/bills/index';
/** Months of unpaid bills looked at (the arrears view's window). */
const ARREARS_MONTHS = 24;
const PEOPLE_PER_BATCH = 50;

interface RemindParams {
  compoundId: string;
  buildingId: string | null;
}

/** The caller may remind for this compound (and building); NOT_FOUND when they may not even see its arrears. */
async function remindPlace(ctx: Ctx, input: { compoundId: string; buildingId?: string }) {
  const actor = await ctx.actor();
  const compound = await compounds(ctx.db).get(input.compoundId);
  if (!compound) throw new AppError('NOT_FOUND');
  const t = compoundTarget(compound);
  // Someone with a role in the compound (a building lead, the branch secretary, staff) is
  // told they may not; anyone else is not told the compound's arrears exist.
  const mayRemind = can(actor, 'fees.remind', t);
  hideThenForbid(mayRemind || actor.roles.some((r) => r.compoundId === compound._id), mayRemind);
  let buildingName = '全小区';
  if (input.buildingId) {
    const b = await buildingsRepo(ctx.db).get(input.buildingId);
    if (!b || b.compoundId !== compound._id) throw new AppError('NOT_FOUND', '该楼栋不在这个小区');
    buildingName = b.name;
  }
  return { actor, compound, buildingName };
}

interface Scope {
  overdue: OverdueHome[];
  /** Homes reminded in the last 7 days by another reminder. */
  recent: Set<string>;
  /** Homes this reminder is for. */
  open: OverdueHome[];
  members: Pick<MembershipDoc, 'homeId' | 'personId'>[];
  found: Map<string, PersonDoc>;
}

async function marksOf(ctx: Ctx, keys: string[]): Promise<Map<string, RemindMarkDoc>> {
  const got = await remindMarks(ctx.db).byIds(keys.map(markId));
  return new Map([...got.values()].map((m) => [m.key, m]));
}

const live = (m: RemindMarkDoc | undefined, now: Date, exceptJob?: string) =>
  !!m && m.byJob !== exceptJob && new Date(m.at).getTime() > now.getTime() - REMIND_WINDOW_MS;

/** Active memberships of these homes: an indexed $in per 500 homes, every page of it. */
async function membersOf(ctx: Ctx, homeIds: string[]): Promise<Pick<MembershipDoc, 'homeId' | 'personId'>[]> {
  const _ = ctx.db.command;
  const out: Pick<MembershipDoc, 'homeId' | 'personId'>[] = [];
  for (let i = 0; i < homeIds.length; i += 500)
    out.push(...(await memberships(ctx.db).all({ homeId: _.in(homeIds.slice(i, i + 500)), status: 'active' })));
  return out;
}

/**
 * Homes in arrears of the compound (or one building), without those another reminder
 * reached in the last 7 days, and the people of the rest. One indexed $in over the
 * months' bills, marks and members by id.
 */
async function scopeOf(ctx: Ctx, p: RemindParams, now: Date, exceptJob?: string): Promise<Scope> {
  const _ = ctx.db.command;
  const nowPeriod = periodOf(now);
  const periods = Array.from({ length: ARREARS_MONTHS }, (_x, i) => `${p.compoundId}_${addMonths(nowPeriod, -1 - i)}`);
  const unpaid = await bills(ctx.db).all({ compoundPeriod: _.in(periods), status: 'unpaid' });
  const overdue = overdueHomes(p.buildingId ? unpaid.filter((b) => b.buildingId === p.buildingId) : unpaid, nowPeriod);
  const marks = await marksOf(
    ctx,
    overdue.map((h) => homeKey(h.homeId)),
  );
  const recent = new Set(overdue.filter((h) => live(marks.get(homeKey(h.homeId)), now, exceptJob)).map((h) => h.homeId));
  const open = overdue.filter((h) => !recent.has(h.homeId));
  const members = await membersOf(
    ctx,
    open.map((h) => h.homeId),
  );
  const found = members.length ? await people(ctx.db).byIds(members.map((m) => m.personId)) : new Map<string, PersonDoc>();
  return { overdue, recent, open, members, found };
}

/** People the reminder can message: a bill grant left, not messaged by another reminder in the last 7 days. */
async function reachable(ctx: Ctx, s: Scope, now: Date, exceptJob?: string): Promise<Set<string>> {
  const list = [...s.found.values()].filter((x) => x.openid);
  if (!list.length) return new Set();
  const grants = await grantsLeft(
    ctx.db,
    list.map((x) => x.openid),
    BILL_TEMPLATE_ID,
  );
  const marks = await marksOf(
    ctx,
    list.map((x) => personKey(x._id)),
  );
  return new Set(
    list.filter((x) => (grants.get(x.openid) ?? 0) > 0 && !live(marks.get(personKey(x._id)), now, exceptJob)).map((x) => x._id),
  );
}

/** The list of homes to visit is shown whole for a compound of up to this many homes in arrears. */
const VISIT_LIST_MAX = 300;

export async function remindPreview(ctx: Ctx, input: { compoundId: string; buildingId?: string }): Promise<RemindPreviewView> {
  const { compound, buildingName } = await remindPlace(ctx, input);
  const now = ctx.now;
  const s = await scopeOf(ctx, { compoundId: compound._id, buildingId: input.buildingId ?? null }, now);
  const ok = await reachable(ctx, s, now);
  const personIds = new Set(s.members.map((m) => m.personId));
  const reached = new Set(s.members.filter((m) => ok.has(m.personId)).map((m) => m.homeId));
  const homesWithGrant = reached.size;
  const tellInPerson = s.open.length - homesWithGrant;
  // The homes to visit or call, by room, with the register's owner name masked: the same homes the figure counts.
  const toVisit = s.open.filter((h) => !reached.has(h.homeId)).slice(0, VISIT_LIST_MAX);
  const registered = toVisit.length ? await homes(ctx.db).byIds(toVisit.map((h) => h.homeId)) : new Map<string, HomeDoc>();
  const visitList = toVisit.map((h) => {
    const owner = registered.get(h.homeId)?.registeredOwners[0]?.name;
    return {
      homeId: h.homeId,
      label: h.label,
      name: owner ? maskName(owner) : '（未登记业主）',
      arrears: yuan(h.fen),
      months: h.periods.length,
    };
  });
  const arrearsFen = s.overdue.reduce((a, h) => a + h.fen, 0);
  return {
    compoundId: compound._id,
    compoundName: compound.name,
    buildingId: input.buildingId ?? null,
    scopeLabel: buildingName,
    homesInArrears: s.overdue.length,
    arrearsFen,
    arrears: yuan(arrearsFen),
    remindedRecently: s.recent.size,
    homes: s.open.length,
    people: personIds.size,
    withGrant: ok.size,
    homesWithGrant,
    tellInPerson,
    visitList,
    summary: previewSummary(s.overdue.length, ok.size, tellInPerson, s.recent.size),
  };
}

function previewSummary(inArrears: number, withGrant: number, tell: number, recent: number): string {
  if (!inArrears) return '没有逾期未缴的住户';
  const parts = [withGrant ? `可以微信提醒 ${withGrant} 人` : '没有人可以微信提醒'];
  if (tell) parts.push(`另有 ${tell} 户需要上门或电话告知`);
  const text = parts.join('，');
  return recent ? `${text}；${recent} 户近7天已提醒过` : text;
}

/**
 * Claim a mark for this job: a new one, or one older than 7 days (a conditional
 * write: of two jobs, one wins). True when this job holds it.
 */
async function claimMark(ctx: Ctx, key: string, jobId: string, compoundId: string, now: Date): Promise<boolean> {
  const marks = remindMarks(ctx.db);
  const _id = markId(key);
  try {
    await marks.add({ _id, key, at: now, byJob: jobId, compoundId });
    return true;
  } catch {
    const cutoff = new Date(now.getTime() - REMIND_WINDOW_MS);
    if (await marks.patchWhere({ _id, at: ctx.db.command.lte(cutoff) }, { at: now, byJob: jobId })) return true;
    return (await marks.get(_id))?.byJob === jobId;
  }
}

interface PersonItem {
  personId: string;
  homes: OverdueHome[];
}

export const remindJob = defineJob<RemindParams, PersonItem>({
  kind: 'fees.remind',
  batchSize: PEOPLE_PER_BATCH,
  async next(ctx, job, cursor, limit) {
    const now = new Date();
    const s = await scopeOf(ctx, job.params, now, job._id);
    const byHome = new Map(s.open.map((h) => [h.homeId, h]));
    const homesOf = new Map<string, OverdueHome[]>();
    for (const m of s.members) {
      const h = byHome.get(m.homeId);
      if (h) homesOf.set(m.personId, [...(homesOf.get(m.personId) ?? []), h]);
    }
    const ids = [...homesOf.keys()].sort();
    const after = cursor === null ? ids : ids.filter((x) => x > cursor);
    const page = after.slice(0, limit);
    return {
      items: page.map((personId) => ({ key: personId, data: { personId, homes: homesOf.get(personId)! } })),
      cursor: after.length > limit ? page[page.length - 1] : null,
      ...(cursor === null ? { total: ids.length } : {}),
    };
  },
  async apply(ctx, job, item) {
    const now = new Date();
    const person = await people(ctx.db).get(item.data.personId);
    if (!person?.openid) return 'skipped';
    if (((await grantsLeft(ctx.db, [person.openid], BILL_TEMPLATE_ID)).get(person.openid) ?? 0) <= 0) return 'skipped';
    // The homes: this reminder's, unless another reminder took them meanwhile.
    const mine: OverdueHome[] = [];
    for (const h of item.data.homes) if (await claimMark(ctx, homeKey(h.homeId), job._id, job.params.compoundId, now)) mine.push(h);
    if (!mine.length) return 'skipped';
    if (!(await claimMark(ctx, personKey(person._id), job._id, job.params.compoundId, now))) return 'skipped';
    const t = reminderText(mine, yuan);
    const f = BILL_TEMPLATE_FIELDS;
    const out = await sendWithGrant(
      ctx.db,
      ctx.cloud,
      {
        touser: person.openid,
        templateId: BILL_TEMPLATE_ID,
        page: BILLS_PAGE,
        data: {
          [f.item]: { value: t.item },
          [f.amount]: { value: t.amount },
          [f.period]: { value: t.period },
          [f.note]: { value: t.note },
        },
      },
      now,
    );
    if (out === 'sent') return 'done';
    // No grant after all: the person was not messaged, so they may be by a later reminder.
    await remindMarks(ctx.db).patchWhere({ _id: markId(personKey(person._id)), byJob: job._id }, { at: new Date(0) });
    return 'skipped';
  },
});

export async function remind(ctx: Ctx, input: { clientRequestId: string; compoundId: string; buildingId?: string }): Promise<JobView> {
  const { actor, compound } = await remindPlace(ctx, input);
  const person = await requirePerson(ctx.db, actor);
  const job = await enqueue(
    ctx,
    remindJob,
    { compoundId: compound._id, buildingId: input.buildingId ?? null },
    { createdBy: person._id, clientRequestId: input.clientRequestId },
  );
  await work(ctx, { jobId: job._id, budgetMs: workerBudgetMs(deploy) });
  return jobView((await jobs(ctx.db).get(job._id)) ?? (job as JobDoc));
}
