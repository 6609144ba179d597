/**
 * The votes rows of `npm run bench`: casting a ballot, the committee's live count and
 * the owner's 首页 card against a roll covering every home in the database (296 at
 * the demo's size, ~30,000 at scale: a synthetic matter of 御家兰庭 whose roll holds
 * all homes, half of them voted), and the final count (matters.close's `votes.count`
 * job, which recounts every ballot against the whole roll 1,000 owners a batch): time
 * and DB work per batch.
 */
import type { Emulator } from '../../emulator';
import type { HomeDoc, MembershipDoc } from '../../cloudfunctions/_shared/directory';
import type { BallotDoc, MatterDoc, RollDoc, TallyDoc } from '../../cloudfunctions/votes/docs';
import { ownerHash, rollId, sortKey } from '../../cloudfunctions/votes/common';
import { buildRoll, tallyBallots, type CastBallot } from '../../core/votes/count';
import { COUNT_BATCH, voteCountJob } from '../../cloudfunctions/votes/matters';
import { enqueue } from '../../cloudfunctions/_shared/jobs';
import { voteReminderJob } from '../../cloudfunctions/votes/track';
import { voteRollJob } from '../../cloudfunctions/votes/rolljob';
import { BatchMeter, systemCtx } from './bench-jobs';
import type { Invoke, Measure } from './bench-kit';

const DAY = 24 * 3600 * 1000;

type CompoundRef = { id: string; name: string };
const YJLT: CompoundRef = { id: 'yjlt', name: '御家兰庭' };

function matterDoc(
  id: string,
  opensAt: Date,
  closesAt: Date,
  totals: { owners: number; areaCenti: number },
  c: CompoundRef = YJLT,
): MatterDoc {
  return {
    _id: id,
    compoundId: c.id,
    compoundName: c.name,
    communityId: 'qiaoxing',
    title: '压测：续聘物业',
    description: '压测',
    kind: 4,
    format: 'approval',
    candidates: [],
    seats: 1,
    documents: [],
    opensAt,
    closesAt,
    secret: false,
    status: 'announced',
    createdBy: 'p-yjlt-committee',
    createdByName: '吴丽华',
    clientRequestId: id,
    createdAt: new Date(opensAt.getTime() - 20 * DAY),
    announcedAt: new Date(opensAt.getTime() - 16 * DAY),
    rollTotals: totals,
    rollBuiltAt: new Date(opensAt.getTime() - 16 * DAY),
  };
}

/** A matter whose roll is every home given, half of the owners voted (not the bench's casters; none when `noneVoted`). */
export function seedMatter(
  emu: Emulator,
  id: string,
  homes: HomeDoc[],
  casterHomes: Set<string>,
  opensAt: Date,
  closesAt: Date,
  c: CompoundRef = YJLT,
  noneVoted = false,
) {
  const byId = new Map(homes.map((h) => [h._id, h]));
  const entries = buildRoll(homes.map((h) => ({ homeId: h._id, label: h.label, areaCenti: h.areaCenti, owners: h.registeredOwners })));
  const roll: RollDoc[] = [];
  const ballots: BallotDoc[] = [];
  const cast: CastBallot[] = [];
  entries.forEach((e, i) => {
    const hs = e.homeIds.map((x) => byId.get(x)!);
    const hash = ownerHash(e.key);
    const voted = !noneVoted && i % 2 === 0 && !e.homeIds.some((x) => casterHomes.has(x));
    roll.push({
      _id: rollId(id, hash),
      matterId: id,
      compoundId: c.id,
      ownerHash: hash,
      homeIds: e.homeIds,
      homes: hs.map((h) => ({ homeId: h._id, label: h.label, buildingId: h.buildingId, areaCenti: h.areaCenti })),
      areaCenti: e.areaCenti,
      developer: e.developer,
      sort: sortKey(hs[0]),
      voted,
    });
    if (voted) {
      const choices = [i % 10 === 0 ? 'reject' : 'approve'];
      ballots.push({
        _id: rollId(id, hash),
        matterId: id,
        sort: sortKey(hs[0]),
        choices,
        via: 'online',
        ownerHash: hash,
        homeId: hs[0]._id,
        castBy: 'bench',
        castByName: '压测',
        firstAt: opensAt,
        castAt: opensAt,
        changes: 0,
      });
      cast.push({ key: hash, choices, at: opensAt.getTime() });
    }
  });
  const totals = { owners: roll.length, areaCenti: roll.reduce((s, r) => s + r.areaCenti, 0) };
  const t = tallyBallots(entries, cast);
  const tally: TallyDoc = { _id: id, ...t, ballots: ballots.length, paper: 0, updatedAt: opensAt };
  emu.seed('voteMatters', [matterDoc(id, opensAt, closesAt, totals, c)]);
  emu.seed('voteRoll', roll);
  emu.seed('voteBallots', ballots);
  emu.seed('voteTallies', [tally]);
  return totals;
}

export async function voteBench<R>({
  invoke,
  measure,
  emu,
  homes,
  memberships,
  homesInDb,
}: {
  invoke: Invoke;
  measure: Measure<R>;
  emu: Emulator;
  homes: HomeDoc[];
  memberships: MembershipDoc[];
  homesInDb: number;
}): Promise<R[]> {
  const now = Date.now();
  const casters = memberships.filter((m) => m.compoundId === 'yjlt' && m.relation === 'owner' && m.personId.startsWith('p-gen-'));
  const casterHomes = new Set(casters.map((c) => c.homeId));
  seedMatter(emu, 'vm_bench_open', homes, casterHomes, new Date(now - 2 * DAY), new Date(now + 10 * DAY));
  const rows: R[] = [];
  rows.push(
    await measure(`votes ballots.cast (a roll of every home)`, true, (i) => {
      const c = casters[i % casters.length];
      return invoke('votes', c.personId.replace(/^p-/, 'demo-'), 'ballots.cast', {
        matterId: 'vm_bench_open',
        homeId: c.homeId,
        choices: [i % 3 ? 'approve' : 'reject'],
      });
    }),
  );
  rows.push(
    await measure(`votes live count (matters.get, committee)`, true, () =>
      invoke('votes', 'yjlt-committee', 'matters.get', { matterId: 'vm_bench_open' }),
    ),
  );
  process.stderr.write('votes: cast and live count measured\n');
  rows.push(
    await measure(`votes 首页 card (matters.list openOnly, owner)`, true, () =>
      invoke('votes', 'yjlt-resident-5', 'matters.list', { openOnly: true }),
    ),
  );

  // The final count: the `votes.count` job of matters.close over an ended matter with the same
  // roll, driven one batch (1,000 owners) at a time as the timer would (at most 30 batches).
  seedMatter(emu, 'vm_bench_ended', homes, new Set(), new Date(now - 20 * DAY), new Date(now - DAY));
  const ctx = systemCtx(emu);
  const db = ctx.db;
  const count = new BatchMeter(emu, 'votes');
  const job = await enqueue(ctx, voteCountJob, { matterId: 'vm_bench_ended' }, { createdBy: 'bench', clientRequestId: `bench_${now}` });
  await db
    .collection('voteMatters')
    .doc('vm_bench_ended')
    .update({ data: { status: 'counting', countJobId: job._id } });
  await count.drive(ctx, job._id, 30);
  rows.push(count.row(`votes final count, per batch of ${COUNT_BATCH} owners (votes.count job)`, homesInDb) as unknown as R);

  // Reminders of the unvoted (votes.remind, 100 roll entries a batch), at most 30 batches.
  const remind = new BatchMeter(emu, 'votes');
  const rjob = await enqueue(
    ctx,
    voteReminderJob,
    { matterId: 'vm_bench_open', title: '压测：续聘物业', closesAt: new Date(now + 10 * DAY).toISOString() },
    { createdBy: 'bench', clientRequestId: `bench_remind_${now}` },
  );
  await remind.drive(ctx, rjob._id, 30);
  rows.push(remind.row('votes remind the unvoted, per batch of 100 (votes.remind job)', homesInDb) as unknown as R);

  // Building a roll: 御家兰庭's homes (a compound's roll, whatever the district's size).
  const build = new BatchMeter(emu, 'votes');
  emu.seed('voteMatters', [
    {
      ...matterDoc('vm_bench_roll', new Date(now + 20 * DAY), new Date(now + 30 * DAY), { owners: 0, areaCenti: 0 }),
      status: 'draft',
      rollTotals: undefined,
      rollBuiltAt: undefined,
      rollJobId: `votes.roll_bench_roll_${now}`,
    },
  ]);
  const roll = await enqueue(
    ctx,
    voteRollJob,
    { matterId: 'vm_bench_roll', mode: 'rebuild', at: new Date(now).toISOString() },
    { createdBy: 'bench', clientRequestId: `roll_${now}` },
  );
  await db
    .collection('voteMatters')
    .doc('vm_bench_roll')
    .update({ data: { rollJobId: roll._id } });
  await build.drive(ctx, roll._id, 30);
  rows.push(build.row('votes roll building, per batch (votes.roll job, 御家兰庭)', homesInDb) as unknown as R);
  return rows;
}
