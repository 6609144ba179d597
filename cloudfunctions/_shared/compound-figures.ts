/**
 * The seam through which the community overview reads what other features recorded
 * about one compound in one month, as plain rows (core/community/rules.ts
 * `RawInputs`). Each reader names the feature that owns the collection and touches
 * only the fields listed here; a feature that changes one of them changes this file.
 * Batch reads (`all`): the monthly snapshot job only, never a per-user read.
 */
import { trailingPeriods, type RawInputs } from '../../core/community/rules';
import { COMMUNITY_LIMITS } from '../../core/community/limits';
import type { Database } from './database';
import { homes } from './directory';
import { repository } from './repo';

// The fields read, per owning feature (their full documents live in cloudfunctions/<feature>/docs.ts).
interface NoticeRow {
  _id: string;
  rootId: string;
  status: string;
  publishedAt: Date | null;
  buildings: { compoundId: string; homeCount: number }[];
}
interface NoticeHomeReadRow {
  _id: string;
  rootId: string;
  compoundId: string;
  app: boolean;
  appAt?: Date;
  told: boolean;
  toldAt?: Date;
  author?: boolean;
}
interface BillRow {
  _id: string;
  homeId: string;
  amountFen: number;
  status: 'unpaid' | 'paid';
}
interface StatementRow {
  _id: string;
  status: string;
  closedAt: Date;
  publishedAt?: Date;
}
interface RepairRow {
  _id: string;
  homeId: string | null;
  status: string;
  createdAt: Date;
  doneAt: Date | null;
  finishDueAt: Date;
  rating: number | null;
}
interface HoursRow {
  _id: string;
  minutes: number;
}
interface ConcernRow {
  _id: string;
  homeId: string;
  status: string;
  firstDueAt: Date;
  firstAnsweredAt: Date | null;
  rating: 'satisfied' | 'unsatisfied' | null;
}
interface MatterRow {
  _id: string;
  status: string;
  closesAt: Date;
  result?: { turnout: { owners: number; ofOwners: number } };
}

/** notices */
const notices = repository<NoticeRow>('notices');
const noticeHomeReads = repository<NoticeHomeReadRow>('noticeHomeReads');
/** fees */
const bills = repository<BillRow>('bills');
const statements = repository<StatementRow>('statements');
/** repairs */
const repairs = repository<RepairRow>('repairs');
/** activities */
const volunteerHours = repository<HoursRow>('volunteerHours');
/** votes */
const voteMatters = repository<MatterRow>('voteMatters');
/** party (走访): read by its `compound_period` index, the six months to this one; only who was reached counts */
interface VisitRow {
  _id: string;
  homeId: string;
  mode: 'door' | 'phone' | 'street' | 'away';
}
const partyVisits = repository<VisitRow & { compoundId: string; period: string }>('partyVisits');

/** concerns (民情): read by its `compound_period` index, the month it was raised in */
const concerns = repository<ConcernRow>('concerns');

const REACH_MS = COMMUNITY_LIMITS.reachHours * 3600 * 1000;
/** Repairs that never ran to a finish (cancelled, merged into another) are not measured. */
const NOT_MEASURED = ['cancelled', 'merged'];

export async function readCompoundMonth(
  db: Database,
  c: { compoundId: string; communityId: string },
  period: string,
  range: { start: Date; end: Date },
  at: Date,
): Promise<RawInputs> {
  const _ = db.command;
  const inMonth = _.gte(range.start).and(_.lt(range.end));
  const homeCount = await homes(db).count({ compoundId: c.compoundId });

  // Notices published this month reaching this compound; versions share a rootId, count each root once.
  const posted = (await notices(db).all({ 'buildings.compoundId': c.compoundId, publishedAt: inMonth })).filter(
    (n) => n.status !== 'rejected' && n.publishedAt,
  );
  const roots = new Map<string, NoticeRow>();
  for (const n of posted) if (!roots.has(n.rootId) || roots.get(n.rootId)!.publishedAt! > n.publishedAt!) roots.set(n.rootId, n);
  const noticeRows: RawInputs['notices'] = [];
  for (const [rootId, n] of roots) {
    const targetHomes = n.buildings.filter((b) => b.compoundId === c.compoundId).reduce((s, b) => s + b.homeCount, 0);
    const reads = await noticeHomeReads(db).all({ rootId, compoundId: c.compoundId });
    const by = n.publishedAt!.getTime() + REACH_MS;
    const knewHomes = reads.filter(
      (r) => r.author || (r.app && r.appAt && r.appAt.getTime() <= by) || (r.told && r.toldAt && r.toldAt.getTime() <= by),
    ).length;
    noticeRows.push({ targetHomes, knewHomes: Math.min(knewHomes, targetHomes) });
  }

  const billRows = await bills(db).all({ compoundPeriod: `${c.compoundId}_${period}` });
  const statement = await statements(db).get(`${c.compoundId}_${period}`);
  const repairRows = (await repairs(db).all({ compoundId: c.compoundId, period })).filter((r) => !NOT_MEASURED.includes(r.status));
  const hours = await volunteerHours(db).all({ compoundId: c.compoundId, year: period.slice(0, 4), period });
  const concernRows = (await concerns(db).all({ compoundId: c.compoundId, period })).filter((x) => x.status !== 'merged');
  const visited = await partyVisits(db).all({ compoundId: c.compoundId, period: _.in(trailingPeriods(period, 6)) });
  const matters = (await voteMatters(db).all({ compoundId: c.compoundId, closesAt: inMonth })).filter(
    (m) => m.result && (m.status === 'preliminary' || m.status === 'final'),
  );

  return {
    period,
    at,
    homes: homeCount,
    notices: noticeRows,
    bills: billRows.map((b) => ({ homeId: b.homeId, amountFen: b.amountFen, paid: b.status === 'paid' })),
    statement: statement
      ? { closedAt: statement.closedAt ?? null, publishedAt: statement.status === 'published' ? (statement.publishedAt ?? null) : null }
      : null,
    repairs: repairRows.map((r) => ({
      createdAt: r.createdAt,
      doneAt: r.doneAt,
      finishDueAt: r.finishDueAt,
      rating: r.rating,
      homeId: r.homeId,
    })),
    volunteerMinutes: hours.reduce((s, h) => s + (h.minutes ?? 0), 0),
    votes: matters.map((m) => ({ owners: m.result!.turnout.ofOwners, voted: m.result!.turnout.owners })),
    visitedHomes: new Set(visited.filter((v) => v.mode !== 'away').map((v) => v.homeId)).size,
    concerns: concernRows.map((x) => ({
      homeId: x.homeId,
      firstDueAt: x.firstDueAt,
      firstAnsweredAt: x.firstAnsweredAt,
      rating: x.rating,
    })),
  };
}
