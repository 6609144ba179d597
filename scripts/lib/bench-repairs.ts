/**
 * The repairs rows of `npm run bench`: my repairs (a resident), the staff queue,
 * and the monthly figures of one compound in one call. Repairs are generated in
 * proportion to the households (one per 8 homes over four months, every status),
 * so the 30,000-home run has ~3,700 repairs where the demo's has ~70: per-user reads
 * must cost the same through their indexes.
 */
import { COMMUNITY_ID, TXSJ, buildSeed } from './seed-data';
import { REPAIR_CATEGORIES, REPAIR_STATUSES, currentDue, deadlines, inQueue, onBoard } from '../../core/repairs/rules';
import { periodOf } from '../../core/platform/time';
import type { RepairDoc } from '../../cloudfunctions/repairs/docs';
import { FOREVER } from '../../cloudfunctions/repairs/docs';

import type { Emu, Invoke, Measure } from './bench-kit';

const HOUR = 3_600_000;

export async function repairsBench<R>({
  emu,
  extraHomes,
  invoke,
  measure,
}: {
  emu: Emu;
  extraHomes: number;
  invoke: Invoke;
  measure: Measure<R>;
}): Promise<R[]> {
  // The same deterministic directory the bench seeded.
  const seed = buildSeed({ extraHomes });
  const now = Date.now();
  const homeOf = new Map(seed.homes.map((h) => [h._id, h]));
  const docs: RepairDoc[] = [];
  const staffOf = (compoundId: string) =>
    compoundId === TXSJ ? { id: 'p-txsj-staff', name: '赵强' } : { id: `p-staff-${compoundId}`, name: '维修员' };
  let n = 0;
  for (const m of seed.memberships) {
    if (n++ % 8 !== 0) continue;
    const home = homeOf.get(m.homeId)!;
    const at = new Date(now - (n % 120) * 24 * HOUR - (n % 17) * HOUR);
    const status = REPAIR_STATUSES[n % REPAIR_STATUSES.length];
    const category = REPAIR_CATEGORIES[n % REPAIR_CATEGORIES.length];
    const common = n % 5 === 0;
    const staff = staffOf(home.compoundId);
    const assigned = !['submitted', 'accepted', 'cancelled'].includes(status);
    const { acceptDueAt, finishDueAt } = deadlines(category, n % 7 === 0, at);
    const doc: RepairDoc = {
      _id: `r-bench-${n}`,
      clientRequestId: `bench-${n}`,
      communityId: COMMUNITY_ID,
      compoundId: home.compoundId,
      compoundName: home.compoundName,
      buildingId: home.buildingId,
      homeId: common ? null : home._id,
      scope: common ? 'common' : 'home',
      area: common ? 'building' : null,
      place: null,
      placeLabel: `${home.compoundName} ${common ? home.buildingName + ' 楼道/楼栋' : home.label}`,
      category,
      description: '水管漏水，请尽快处理',
      photos: [],
      media: [],
      mediaTraceIds: [],
      urgent: n % 7 === 0,
      source: 'resident',
      reporterId: m.personId,
      reporterName: '住户',
      contactPhone: null,
      partyKeys: [`p:${m.personId}`, ...(common ? [] : [`h:${home._id}`])],
      status,
      assigneeId: assigned ? staff.id : null,
      assigneeName: assigned ? staff.name : null,
      queueOpen: false,
      onBoard: false,
      acceptDueAt,
      finishDueAt,
      dueAt: FOREVER,
      acceptedAt: status === 'submitted' ? null : new Date(at.getTime() + HOUR),
      doneAt: ['done', 'confirmed', 'closed'].includes(status) ? new Date(at.getTime() + 20 * HOUR) : null,
      closedAt: null,
      period: periodOf(at),
      followers: 0,
      lastUrgedAt: null,
      urges: 0,
      reopens: 0,
      rating: status === 'confirmed' ? 1 + (n % 5) : null,
      comment: null,
      labourFen: 0,
      materialsFen: 0,
      mergedIntoId: null,
      events: [{ action: 'report', by: m.personId, byName: '住户', byRole: '住户', at, photos: [] }],
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    doc.queueOpen = inQueue(doc.status) && !!doc.assigneeId;
    doc.onBoard = onBoard(doc.scope, doc.status);
    doc.dueAt = currentDue(doc) ?? FOREVER;
    docs.push(doc);
  }
  // The demo resident's own repairs (5) and the staff member's queue (bounded by the txsj share above).
  for (let i = 0; i < 5; i++) {
    const r = await invoke('repairs', 'txsj-resident-3', 'repairs.report', {
      clientRequestId: `bench-mine-${i}-${now}`,
      where: { kind: 'home', homeId: 'txsj-b3_2_101' },
      category: '水管漏水',
      description: '厨房水管漏水',
    });
    if (!r.ok) throw new Error(`report failed: ${JSON.stringify(r.error)}`);
  }
  emu.seed('repairs', docs);
  process.stderr.write(`repairs: ${docs.length} generated\n`);
  const period = periodOf(new Date(now));
  const rows: R[] = [];
  rows.push(await measure('repairs mine (my repairs, 20)', true, () => invoke('repairs', 'txsj-resident-3', 'repairs.mine', { size: 20 })));
  rows.push(await measure('repairs queue (staff, 20)', true, () => invoke('repairs', 'txsj-staff', 'repairs.queue', { size: 20 })));
  rows.push(await measure('repairs home card (manager)', true, () => invoke('repairs', 'txsj-manager', 'repairs.home', {})));
  rows.push(
    await measure('repairs stats (one compound, one month)', true, () =>
      invoke('repairs', 'txsj-manager', 'repairs.stats', { compoundId: TXSJ, period }),
    ),
  );
  return rows;
}
