/**
 * The party rows of `npm run bench`: a member's households (李秀英: 3栋's homes, their
 * contacts and her recent visits) and a vote cast in a 好邻居 selection, with 包联 on
 * every home of every compound (ten members a compound) — ~880 assignments in the demo,
 * ~300,000 in the district; the secretary's roster page and the structure page with
 * 亮作为. All must cost the same at every size.
 */
import { TXSJ, buildSeed } from './seed-data';
import type { AssignmentDoc, NomineeDoc, PartyMemberDoc, SelectionDoc } from '../../cloudfunctions/party/docs';
import type { Emu, Invoke, Measure } from './bench-kit';

const DAY = 86_400_000;
const LI = 'p-txsj-lead-3';

export async function partyBench<R>({
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
  const members: PartyMemberDoc[] = [
    {
      _id: `${TXSJ}_${LI}`,
      communityId: 'qx',
      compoundId: TXSJ,
      personId: LI,
      name: '李秀英',
      committee: true,
      duty: '组织委员',
      sortKey: '0_李秀英',
      joinedAt: new Date(now - 400 * DAY),
      active: true,
      endedAt: null,
    },
    // The members the generated homes are assigned to, on 天翔世家's roster (the secretary's roster page reads them).
    ...Array.from({ length: 10 }, (_, i) => ({
      _id: `${TXSJ}_p-bench-party-${TXSJ}-${i}`,
      communityId: 'qx',
      compoundId: TXSJ,
      personId: `p-bench-party-${TXSJ}-${i}`,
      name: `党员${i}`,
      committee: false,
      duty: '党员',
      sortKey: `1_党员${i}`,
      joinedAt: new Date(now - 300 * DAY),
      active: true,
      endedAt: null,
    })),
  ];
  const assignments: AssignmentDoc[] = seed.homes.map((h, i) => ({
    _id: h._id,
    compoundId: h.compoundId,
    buildingId: h.buildingId,
    homeLabel: h.label,
    sortKey: h.sortKey ?? h.label,
    memberId: h.buildingId === `${TXSJ}-b3` ? LI : `p-bench-party-${h.compoundId}-${i % 10}`,
    memberName: '党员',
    lastVisitAt: i % 3 ? new Date(now - (i % 200) * DAY) : null,
    assignedAt: new Date(now - 200 * DAY),
    assignedBy: 'bench',
  }));
  const selection: SelectionDoc = {
    _id: 'sel-bench',
    clientRequestId: 'bench',
    communityId: 'qx',
    compoundId: TXSJ,
    compoundName: '天翔世家',
    kind: 'neighbour',
    title: '好邻居',
    rules: '每户一票',
    places: 3,
    nominateUntil: new Date(now - DAY),
    voteUntil: new Date(now + 10 * DAY),
    publishedAt: null,
    winners: [],
    createdBy: 'bench',
    createdAt: new Date(now - 10 * DAY),
  };
  const voters = seed.memberships.filter((m) => m.compoundId === TXSJ && m.personId.startsWith('p-gen-'));
  const nominees: NomineeDoc[] = voters.slice(0, 2).map((m) => ({
    _id: `sel-bench_${m.homeId}`,
    selectionId: 'sel-bench',
    compoundId: TXSJ,
    homeId: m.homeId,
    homeLabel: m.homeId,
    sortKey: m.homeId,
    reason: '热心',
    nominatedByHome: voters[5].homeId,
    nominatedBy: voters[5].personId,
    accepted: true,
    declined: false,
    shownAs: '某家',
    votes: 0,
    createdAt: new Date(now - 5 * DAY),
  }));
  emu.seed('partyMembers', members);
  emu.seed('partyAssignments', assignments);
  emu.seed('partySelections', [selection]);
  emu.seed('partyNominees', nominees);
  process.stderr.write(`party: ${assignments.length} assignments\n`);

  const rows: R[] = [];
  rows.push(await measure('party households (member, 3栋)', true, () => invoke('party', 'txsj-lead-3', 'party.mine', {})));
  // Each call a different home (one vote per home), never a nominee's own.
  const casting = voters.slice(2);
  rows.push(
    await measure('party vote cast (one home)', true, (i) => {
      const m = casting[i % casting.length];
      return invoke('party', m.personId.replace(/^p-/, ''), 'party.vote', {
        selectionId: 'sel-bench',
        homeId: m.homeId,
        nomineeHomeId: nominees[i % 2].homeId,
      });
    }),
  );
  // The roster page (the secretary): a page of members with their households counted; the structure page with
  // 亮作为 beside who shows themselves (volunteer hours and homes told in person through _shared/member-record.ts).
  rows.push(
    await measure('party roster (secretary, 20)', true, () =>
      invoke('party', 'txsj-secretary', 'party.members', { compoundId: TXSJ, size: 20 }),
    ),
  );
  rows.push(await measure('party structure (resident, 亮作为)', true, () => invoke('party', 'txsj-resident-3', 'party.structure', {})));
  return rows;
}
