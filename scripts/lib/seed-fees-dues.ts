/**
 * Fees demo, dues part (written after the bills and the ledger of seed-fees.ts):
 * bill-message grants for some people of homes in arrears (郑海涛 and about 40 % of
 * the generated residents, so 催缴提醒 reaches some and leaves others to be told in
 * person), and the committee members' payment list of the last half-year that has
 * ended, published for both compounds — computed from the bills the seed wrote and
 * frozen as `fees.publishCommitteeDues` would.
 */
import type { Database } from '../../cloudfunctions/_shared/database';
import type { SubscriptionDoc } from '../../cloudfunctions/_shared/messaging';
import { BILL_TEMPLATE_ID } from '../../core/fees/contract';
import type { BillDoc } from '../../core/fees/docs';
import type { CommitteeDuesDoc, DuesMemberEntry } from '../../core/fees/docs-dues';
import { halfPeriods, lastEndedHalf, memberDues, overdueHomes } from '../../core/fees/dues';
import { addMonths } from '../../core/fees/rules';
import { ROLE_LABELS } from '../../core/platform/roles';
import { periodOf } from '../../core/platform/time';
import { formatFen } from '../../core/platform/units';
import { demoOpenid, TXSJ, YJLT, type SeedData } from './seed-data';

/** Named residents in arrears who granted a bill message. */
export const DUES_GRANTED = ['txsj-resident-5'];
const yuan = (fen: number) => `${formatFen(fen)}元`;

async function allWhere<T>(db: Database, collection: string, where: object): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const res = await db.collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(1000).get();
    out.push(...(res.data as T[]));
    if (res.data.length < 1000) return out;
  }
}

export async function writeDuesDemo(db: Database, base: SeedData, now: Date): Promise<Record<string, number>> {
  const _ = db.command;
  const counts = { billGrants: 0, committeeDues: 0 };
  const nowPeriod = periodOf(now);
  const compounds = base.compounds.filter((c) => c._id === TXSJ || c._id === YJLT);

  // Grants: people of homes in arrears, a deterministic ~40 %.
  const keys = compounds.flatMap((c) => Array.from({ length: 24 }, (_x, i) => `${c._id}_${addMonths(nowPeriod, -1 - i)}`));
  const unpaid = await allWhere<BillDoc>(db, 'bills', { compoundPeriod: _.in(keys), status: 'unpaid' });
  const overdue = new Set(overdueHomes(unpaid, nowPeriod).map((h) => h.homeId));
  const named = new Set(DUES_GRANTED.map(demoOpenid));
  const personById = new Map(base.people.map((p) => [p._id, p]));
  const granted = new Set<string>();
  base.memberships
    .filter((m) => m.status === 'active' && overdue.has(m.homeId))
    .forEach((m, i) => {
      const p = personById.get(m.personId);
      if (p && (named.has(p.openid) || (p._id.startsWith('p-gen-') && i % 5 < 2))) granted.add(p._id);
    });
  for (const personId of [...granted].sort()) {
    const p = personById.get(personId)!;
    const doc: SubscriptionDoc = {
      _id: `${p.openid}_${BILL_TEMPLATE_ID}`,
      openid: p.openid,
      personId: p._id,
      templateId: BILL_TEMPLATE_ID,
      remaining: 1,
      updatedAt: now,
    };
    await db.collection('subscriptions').add({ data: doc });
    counts.billGrants++;
  }

  // The last ended half-year's list, published a few days after it ended (never after now).
  const half = lastEndedHalf(nowPeriod);
  const periods = halfPeriods(half);
  const after = addMonths(periods[periods.length - 1], 1);
  const publishedAt = new Date(Math.min(now.getTime(), Date.UTC(Number(after.slice(0, 4)), Number(after.slice(5)) - 1, 5, 2)));
  for (const c of compounds) {
    const committee = base.roles.filter((r) => r.role === 'committeeMember' && r.compoundId === c._id);
    const members: DuesMemberEntry[] = [];
    for (const r of committee) {
      const p = personById.get(r.personId);
      if (!p) continue;
      const homeIds = [
        ...new Set(
          base.memberships.filter((m) => m.personId === p._id && m.compoundId === c._id && m.status === 'active').map((m) => m.homeId),
        ),
      ].sort();
      const list = homeIds.length ? await allWhere<BillDoc>(db, 'bills', { homeId: _.in(homeIds), period: _.in(periods) }) : [];
      const labels = new Map(base.homes.filter((h) => homeIds.includes(h._id)).map((h) => [h._id, h.label]));
      members.push({
        personId: p._id,
        name: p.name,
        roleLabel: ROLE_LABELS.committeeMember,
        homes: homeIds.map((homeId) => ({ homeId, label: labels.get(homeId) ?? homeId })),
        ...memberDues(half, homeIds.length, list, yuan),
      });
    }
    members.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    const chair = committee[0] ? personById.get(committee[0].personId) : undefined;
    const doc: CommitteeDuesDoc = {
      _id: `${c._id}_${half}`,
      compoundId: c._id,
      communityId: c.communityId,
      compoundName: c.name,
      half,
      periods,
      members,
      publishedBy: chair?._id ?? 'seed',
      publishedByName: chair?.name ?? '业委会',
      publishedAt,
    };
    await db.collection('committeeDues').add({ data: doc });
    counts.committeeDues++;
  }
  return counts;
}
