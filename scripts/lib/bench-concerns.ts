/**
 * The concerns rows of `npm run bench`: my concerns (a resident), a lead's queue
 * (李秀英, 3栋), the public board of a compound and the home card. Concerns are
 * generated in proportion to the households (one per 6 bound residents, every
 * state, a third handlers-only), so the 30,000-home run has ~3,000 where the
 * demo's has ~60: per-user reads must cost the same through their indexes.
 */
import { TXSJ, buildSeed } from './seed-data';
import { CONCERN_CATEGORIES, CONCERN_STATUSES, FOREVER, onBoard } from '../../core/concerns/rules';
import { periodOf } from '../../core/platform/time';
import type { ConcernDoc } from '../../cloudfunctions/concerns/docs';
import type { Emu, Invoke, Measure } from './bench-kit';

const DAY = 86_400_000;

export async function concernsBench<R>({
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
  const seed = buildSeed({ extraHomes });
  const now = Date.now();
  const homeOf = new Map(seed.homes.map((h) => [h._id, h]));
  const docs: ConcernDoc[] = [];
  let n = 0;
  for (const m of seed.memberships) {
    if (n++ % 6 !== 0) continue;
    const home = homeOf.get(m.homeId)!;
    const at = new Date(now - (n % 90) * DAY);
    const status = CONCERN_STATUSES[n % CONCERN_STATUSES.length];
    const visibility = n % 3 === 0 ? 'handlers' : 'public';
    const open = status === 'open';
    docs.push({
      _id: `c-bench-${n}`,
      clientRequestId: `bench-${n}`,
      communityId: home.communityId,
      compoundId: home.compoundId,
      compoundName: home.compoundName,
      buildingId: home.buildingId,
      buildingName: home.buildingName,
      about: 'building',
      homeId: home._id,
      homeLabel: home.label,
      category: CONCERN_CATEGORIES[n % CONCERN_CATEGORIES.length],
      description: '楼道里有人给电动车充电',
      photos: [],
      media: [],
      mediaTraceIds: [],
      visibility,
      source: 'resident',
      raiserId: m.personId,
      raiserName: '住户',
      partyKeys: [`p:${m.personId}`],
      status,
      open,
      level: n % 4 === 0 ? 'branch' : 'lead',
      escalated: n % 4 === 0,
      escalatedOpen: open && n % 4 === 0,
      onBoard: onBoard(visibility, status),
      dueAt: open ? new Date(at.getTime() + 3 * DAY) : FOREVER,
      firstDueAt: new Date(at.getTime() + 3 * DAY),
      firstAnsweredAt: open ? null : new Date(at.getTime() + DAY),
      answeredAt: open ? null : new Date(at.getTime() + DAY),
      answer: open ? null : '已答复',
      answeredBy: null,
      outcome: open ? null : { kind: 'answer' },
      askDue: status === 'answered',
      askAt: status === 'answered' ? new Date(at.getTime() + 15 * DAY) : FOREVER,
      asked: false,
      rating: status === 'satisfied' ? 'satisfied' : null,
      ratingReason: null,
      reopens: 0,
      followers: n % 5,
      mergedIntoId: null,
      topicId: null,
      period: periodOf(at),
      events: [{ action: 'raise', by: m.personId, byName: '住户', byRole: '住户', at }],
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
  }
  for (let i = 0; i < 5; i++) {
    const r = await invoke('concerns', 'txsj-resident-3', 'concerns.raise', {
      clientRequestId: `bench-mine-${i}-${now}`,
      homeId: 'txsj-b3_2_101',
      category: '噪音',
      description: '广场舞太吵',
      visibility: 'public',
    });
    if (!r.ok) throw new Error(`raise failed: ${JSON.stringify(r.error)}`);
  }
  emu.seed('concerns', docs);
  process.stderr.write(`concerns: ${docs.length} generated\n`);
  return [
    await measure('concerns mine (my concerns, 20)', true, () => invoke('concerns', 'txsj-resident-3', 'concerns.mine', { size: 20 })),
    await measure("concerns queue (a lead's buildings, 20)", true, () =>
      invoke('concerns', 'txsj-lead-3', 'concerns.queue', { compoundId: TXSJ, filter: 'open', size: 20 }),
    ),
    await measure('concerns board (public, one compound)', true, () =>
      invoke('concerns', 'txsj-resident-3', 'concerns.board', { compoundId: TXSJ }),
    ),
    await measure('concerns home card (branch secretary)', true, () => invoke('concerns', 'txsj-secretary', 'concerns.home', {})),
  ];
}
