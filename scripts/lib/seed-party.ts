/**
 * Party branch demo data: 天翔世家's 47 members and 御家兰庭's 37 (the article's
 * numbers; generated residents are marked members to reach them), the 支委 (the
 * secretary and two leads), 包联 covering most homes (天翔世家 3栋2单元 left for the
 * secretary to assign to 李秀英), six months of visits (a few marked 需要跟进), 李秀英
 * shown as 党员 (亮身份) and 张卫东 not, a finished 好邻居 selection with its 荣誉榜 and a
 * 好家庭 selection open for nominations, and a year of each branch's book: the 3,000 元
 * start-up grant, 党费划拨, the secretary's 200 元 allowance every month (approved by a
 * second 支委) and a few expenses. Dates are relative to `now`.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../cloudfunctions/_shared/database';
import type {
  AssignmentDoc,
  NomineeDoc,
  PartyBookDoc,
  PartyEntryDoc,
  PartyMemberDoc,
  SelectionDoc,
  VisitDoc,
  VisitMonthDoc,
} from '../../cloudfunctions/party/docs';
import { EMPTY_HEAD, chainNext, type ChainHead } from '../../core/fees/ledger';
import { VISIT_MODES, VISIT_TOPICS, bookKind, visitDeleteAt, type BookCategory } from '../../core/party/rules';
import { addMonths, shanghaiDay } from '../../core/platform/period';
import { periodOf } from '../../core/platform/time';
import type { FeatureSeed } from './seed-features';
import { TXSJ, YJLT, type SeedData } from './seed-data';

const DAY = 86_400_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** The article's counts. */
export const PARTY_MEMBERS: Record<string, number> = { [TXSJ]: 47, [YJLT]: 37 };
/** Left unassigned in the demo: the secretary assigns it in the walk. */
export const UNASSIGNED_UNIT = { buildingId: `${TXSJ}-b3`, unit: '2' };

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function bulk(db: Database, name: string, docs: { _id: string }[]) {
  for (let i = 0; i < docs.length; i += 32) await Promise.all(docs.slice(i, i + 32).map((d) => db.collection(name).add({ data: d })));
}

const COMMITTEE: Record<string, [string, string][]> = {
  [TXSJ]: [
    ['p-txsj-secretary', '书记'],
    ['p-txsj-lead-3', '组织委员'],
    ['p-txsj-lead-5', '宣传委员'],
  ],
  [YJLT]: [
    ['p-yjlt-secretary', '书记'],
    ['p-yjlt-lead-3', '组织委员'],
  ],
};

export const partySeed: FeatureSeed = {
  name: 'party',
  async write(db: Database, base: SeedData, now: Date) {
    const rand = rng(20260701);
    const people = new Map(base.people.map((p) => [p._id, p]));
    const counts: Record<string, number> = {};
    const add = (k: string, n: number) => (counts[k] = (counts[k] ?? 0) + n);
    for (const compoundId of [TXSJ, YJLT]) {
      const compound = base.compounds.find((c) => c._id === compoundId)!;
      const bound = base.memberships.filter((m) => m.compoundId === compoundId && m.status === 'active');
      const memberIds: string[] = [];
      for (const m of bound) if (people.get(m.personId)?.partyMember && !memberIds.includes(m.personId)) memberIds.push(m.personId);
      // Top up with generated residents to the article's count.
      const extra: string[] = [];
      for (const m of bound) {
        if (memberIds.length + extra.length >= PARTY_MEMBERS[compoundId]) break;
        if (m.personId.startsWith('p-gen-') && !memberIds.includes(m.personId) && !extra.includes(m.personId)) extra.push(m.personId);
      }
      for (const id of extra)
        await db
          .collection('people')
          .where({ _id: id })
          .update({ data: { partyMember: true } });
      memberIds.push(...extra);
      const duty = new Map(COMMITTEE[compoundId]);
      const members: PartyMemberDoc[] = memberIds.map((personId) => ({
        _id: `${compoundId}_${personId}`,
        communityId: compound.communityId,
        compoundId,
        personId,
        name: people.get(personId)!.name,
        committee: duty.has(personId),
        duty: duty.get(personId) ?? '党员',
        // The 书记 first, then the 委员 in order, then members by name.
        sortKey: `${duty.has(personId) ? `0${COMMITTEE[compoundId].findIndex(([id]) => id === personId)}` : '1'}_${people.get(personId)!.name}`,
        joinedAt: new Date(now.getTime() - 400 * DAY),
        active: true,
        endedAt: null,
      }));
      await bulk(db, 'partyMembers', members);
      add('partyMembers', members.length);

      // 包联: each building's leads take their buildings; the rest go round the members, a few homes left over.
      const leadOf = new Map<string, string>();
      for (const r of base.roles)
        if (r.role === 'buildingLead' && r.compoundId === compoundId) for (const b of r.buildingIds ?? []) leadOf.set(b, r.personId);
      const plain = memberIds.filter((id) => !duty.has(id));
      const homes = base.homes.filter((h) => h.compoundId === compoundId);
      const assignments: AssignmentDoc[] = [];
      let turn = 0;
      homes.forEach((h, i) => {
        if (h.buildingId === UNASSIGNED_UNIT.buildingId && h.unit === UNASSIGNED_UNIT.unit) return;
        if (i % 23 === 7) return; // about 4 % nobody has yet: the secretary's list
        const lead = leadOf.get(h.buildingId);
        const memberId = lead && rand() < 0.5 && memberIds.includes(lead) ? lead : plain[turn++ % plain.length];
        assignments.push({
          _id: h._id,
          compoundId,
          buildingId: h.buildingId,
          homeLabel: h.label,
          sortKey: h.sortKey ?? h.label,
          memberId,
          memberName: people.get(memberId)!.name,
          lastVisitAt: null,
          assignedAt: new Date(now.getTime() - 200 * DAY),
          assignedBy: COMMITTEE[compoundId][0][0],
        });
      });
      // Six months of visits: most households once or twice, some not for half a year.
      const visits: VisitDoc[] = [];
      const months = new Map<string, VisitMonthDoc>();
      const byId = new Map(homes.map((h) => [h._id, h]));
      for (const a of assignments) {
        const n = rand() < 0.12 ? 0 : 1 + Math.floor(rand() * 2);
        for (let k = 0; k < n; k++) {
          const daysAgo = 1 + Math.floor(rand() * 178);
          const at = now.getTime() - daysAgo * DAY;
          const date = shanghaiDay(at);
          const followUp = rand() < 0.05;
          const h = byId.get(a._id)!;
          const v: VisitDoc = {
            _id: `v-seed-${compoundId}-${visits.length}`,
            clientRequestId: `seed-${visits.length}`,
            communityId: compound.communityId,
            compoundId,
            buildingId: a.buildingId,
            homeId: a._id,
            homeLabel: h.label,
            memberId: a.memberId,
            memberName: a.memberName,
            date,
            period: date.slice(0, 7),
            mode: VISIT_MODES[Math.floor(rand() * VISIT_MODES.length)],
            topics: [VISIT_TOPICS[Math.floor(rand() * VISIT_TOPICS.length)]],
            note: followUp ? '楼道灯不亮，请物业查看' : null,
            followUp,
            followUpOpen: followUp && daysAgo < 20,
            concernId: null,
            deleteAt: visitDeleteAt(date),
            createdAt: new Date(at),
          };
          visits.push(v);
          const mid = `${compoundId}_${v.period}_${a.memberId}`;
          const m = months.get(mid) ?? {
            _id: mid,
            compoundId,
            period: v.period,
            memberId: a.memberId,
            memberName: a.memberName,
            visits: 0,
            followUps: 0,
          };
          m.visits++;
          if (followUp) m.followUps++;
          months.set(mid, m);
          const noon = new Date(`${date}T12:00:00+08:00`);
          if (!a.lastVisitAt || a.lastVisitAt < noon) a.lastVisitAt = noon;
        }
      }
      await bulk(db, 'partyAssignments', assignments);
      await bulk(db, 'partyVisits', visits);
      await bulk(db, 'partyVisitMonths', [...months.values()]);
      add('partyAssignments', assignments.length);
      add('partyVisits', visits.length);

      // Selections: last year's 好邻居, published; this year's 好家庭, open for nominations.
      const done: SelectionDoc = {
        _id: `sel-${compoundId}-neighbour`,
        clientRequestId: 'seed-neighbour',
        communityId: compound.communityId,
        compoundId,
        compoundName: compound.name,
        kind: 'neighbour',
        title: '年度好邻居',
        rules: '热心帮助邻居、爱护公共环境的住户均可被提名；每户一票，得票前三名当选。',
        places: 3,
        nominateUntil: new Date(now.getTime() - 60 * DAY),
        voteUntil: new Date(now.getTime() - 45 * DAY),
        publishedAt: new Date(now.getTime() - 44 * DAY),
        winners: [],
        createdBy: COMMITTEE[compoundId][0][0],
        createdAt: new Date(now.getTime() - 75 * DAY),
      };
      const open: SelectionDoc = {
        ...done,
        _id: `sel-${compoundId}-family`,
        clientRequestId: 'seed-family',
        kind: 'family',
        title: '文明好家庭',
        rules: '家庭和睦、热心公益的家庭均可被提名；被提名户同意后公开，每户一票，得票前两名当选。',
        places: 2,
        nominateUntil: new Date(now.getTime() + 10 * DAY),
        voteUntil: new Date(now.getTime() + 20 * DAY),
        publishedAt: null,
        createdAt: new Date(now.getTime() - 2 * DAY),
      };
      const owners = bound.filter((m) => m.relation === 'owner' && m.personId.startsWith('p-gen-'));
      const nominees: NomineeDoc[] = owners.slice(5, 10).map((m, i) => ({
        _id: `${done._id}_${m.homeId}`,
        selectionId: done._id,
        compoundId,
        homeId: m.homeId,
        homeLabel: byId.get(m.homeId)!.label,
        sortKey: `${m.buildingId}_${byId.get(m.homeId)!.sortKey ?? ''}`,
        reason: ['常年义务打扫楼道', '帮独居老人买菜', '调解邻里纠纷', '组织楼栋联谊', '修好了单元门禁'][i],
        nominatedByHome: owners[20 + i].homeId,
        nominatedBy: owners[20 + i].personId,
        accepted: true,
        declined: false,
        shownAs: `${Array.from(people.get(m.personId)!.name)[0]}家`,
        votes: [31, 24, 19, 12, 8][i],
        createdAt: new Date(now.getTime() - 70 * DAY),
      }));
      done.winners = nominees.slice(0, 3).map((n) => n.homeId);
      await bulk(db, 'partySelections', [done, open]);
      await bulk(db, 'partyNominees', nominees);
      add('partySelections', 2);

      // A year of the branch's book, chained like the owners' ledger in its own chain.
      let head: ChainHead = EMPTY_HEAD;
      let balance = 0;
      let income = 0;
      let expense = 0;
      const entries: PartyEntryDoc[] = [];
      const secretary = COMMITTEE[compoundId][0][0];
      const second = COMMITTEE[compoundId][1][0];
      const post = (at: Date, category: BookCategory, amountFen: number, memo: string) => {
        const kind = bookKind(category);
        const next = chainNext<BookCategory, 'party'>(
          head,
          {
            compoundId: `party:${compoundId}`,
            period: periodOf(at),
            kind,
            category,
            fund: 'party',
            amountFen,
            memo,
            sourceKey: `seed-${entries.length}`,
            reverses: null,
            receipts: [],
            at: at.toISOString(),
          },
          sha256,
        );
        const { compoundId: chainId, ...fields } = next.fields;
        entries.push({
          _id: `${compoundId}_${String(next.fields.seq).padStart(8, '0')}`,
          ...fields,
          compoundId,
          chainId,
          reverses: null,
          fund: 'party',
          hash: next.hash,
          bookedBy: secretary,
          approvedBy: kind === 'expense' ? second : null,
        });
        head = next.head;
        if (kind === 'income') {
          balance += amountFen;
          income += amountFen;
        } else {
          balance -= amountFen;
          expense += amountFen;
        }
      };
      const thisMonth = periodOf(now);
      post(new Date(now.getTime() - 360 * DAY), 'startup', 300_000, '街道党工委拨付支部组建启动经费');
      for (let i = 11; i >= 0; i--) {
        const p = addMonths(thisMonth, -i);
        const at = new Date(`${p}-05T10:00:00+08:00`);
        if (at.getTime() > now.getTime()) continue;
        if (i % 3 === 2) post(at, 'partyDues', 60_000, `${p} 季度党费返还划拨`);
        post(new Date(at.getTime() + DAY), 'allowance', 20_000, `${p} 支部书记工作补贴`);
        if (i === 6) post(new Date(at.getTime() + 2 * DAY), 'fiscal', 100_000, '社区党建经费财政扶持');
        if (i === 4) post(new Date(at.getTime() + 3 * DAY), 'activity', 45_000, '重阳节走访慰问活动');
      }
      await bulk(db, 'partyLedger', entries);
      const book: PartyBookDoc = {
        _id: compoundId,
        seq: head.seq,
        hash: head.hash,
        balanceFen: balance,
        incomeFen: income,
        expenseFen: expense,
      };
      await bulk(db, 'partyBooks', [book]);
      add('partyLedger', entries.length);
    }
    // 亮身份: 李秀英 shows herself, 张卫东 does not (a separate consent, off until given).
    await db
      .collection('people')
      .where({ _id: 'p-txsj-lead-5' })
      .update({ data: { showPartyBadge: false } });
    return counts;
  },
};
