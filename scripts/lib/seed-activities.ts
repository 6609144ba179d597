/**
 * Activities demo data, relative to `now`: past civility patrols, a free clinic and a
 * vaccination help day with hours credited (so 志愿时长 and the 亮身份 ranking show
 * something); upcoming activities with places left, and one full with a waitlist; a
 * retired teacher, a doctor and a lawyer registered for neighbour service, grouped
 * into teams by the branch secretary, with answered help requests.
 */
import type { Database } from '../../cloudfunctions/_shared/database';
import type {
  ActivityDoc,
  ActivityListDoc,
  HelpRequestDoc,
  HoursDoc,
  SignupDoc,
  TeamDoc,
  VolunteerDoc,
} from '../../cloudfunctions/activities/docs';
import { ANY_SLOT, creditedMinutes, type Slot } from '../../core/activities/rules';
import { formatDate, periodOf } from '../../core/platform/time';
import type { FeatureSeed } from './seed-features';
import { COMMUNITY_ID, type SeedData } from './seed-data';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Plan {
  id: string;
  title: string;
  description: string;
  place: string;
  organiser: string;
  role: ActivityDoc['organiserRole'];
  buildings?: number[];
  partyOnly?: boolean;
  /** Days from now (negative = past), start hour Shanghai. */
  day: number;
  hour: number;
  hours: number;
  slots: Slot[];
  /** Seed keys ('txsj-lead-3') or generated indexes (numbers) in sign-up order. */
  people: (string | number)[];
}

const PLANS: Plan[] = [
  {
    id: 'aseedpatrol00001',
    title: '文明劝导巡逻',
    description: '劝导文明养犬、不乱扔垃圾，佩戴红袖章。',
    place: '小区南门集合',
    organiser: 'txsj-secretary',
    role: 'branchSecretary',
    day: -40,
    hour: 8,
    hours: 2,
    slots: [{ key: ANY_SLOT, name: '志愿者', capacity: 8 }],
    people: ['txsj-lead-3', 'txsj-lead-5', 'txsj-committee-chair', 'txsj-resident-5', 0, 1, 2],
  },
  {
    id: 'aseedpatrol00002',
    title: '文明劝导巡逻',
    description: '劝导文明养犬、不乱扔垃圾，佩戴红袖章。',
    place: '小区南门集合',
    organiser: 'txsj-secretary',
    role: 'branchSecretary',
    day: -12,
    hour: 8,
    hours: 2,
    slots: [{ key: ANY_SLOT, name: '志愿者', capacity: 8 }],
    people: ['txsj-lead-3', 'txsj-lead-5', 'txsj-resident-3b', 3, 4],
  },
  {
    id: 'aseedclinic00001',
    title: '社区免费义诊',
    description: '量血压、测血糖，医生现场答疑。',
    place: '小区活动室',
    organiser: 'txsj-committee',
    role: 'committeeMember',
    day: -20,
    hour: 9,
    hours: 3,
    slots: [
      { key: 's1', name: '义诊医生', capacity: 2 },
      { key: 's2', name: '引导员', capacity: 4 },
    ],
    people: [5, 'txsj-lead-3', 'txsj-resident-5', 6],
  },
  {
    id: 'aseedvaccine0001',
    title: '疫苗接种帮扶日',
    description: '陪同行动不便的老人去社区卫生站接种，帮忙登记。',
    place: '侨兴社区卫生服务站',
    organiser: 'txsj-lead-3',
    role: 'buildingLead',
    buildings: [3],
    day: -6,
    hour: 9,
    hours: 4,
    slots: [{ key: ANY_SLOT, name: '志愿者', capacity: 4 }],
    people: ['txsj-lead-3', 'txsj-resident-3b', 'txsj-resident-3'],
  },
  {
    id: 'aseedclean000001',
    title: '3栋楼道清洁',
    description: '清理楼道堆放杂物，消防通道保持畅通。',
    place: '3栋大堂',
    organiser: 'txsj-lead-3',
    role: 'buildingLead',
    buildings: [3],
    day: 5,
    hour: 9,
    hours: 2,
    slots: [{ key: ANY_SLOT, name: '志愿者', capacity: 6 }],
    people: ['txsj-lead-3'],
  },
  {
    id: 'aseedguard000001',
    title: '周末文明劝导',
    description: '文明劝导员在南门、东门各一组；党员请亮身份佩戴党徽。',
    place: '小区南门、东门',
    organiser: 'txsj-secretary',
    role: 'branchSecretary',
    day: 6,
    hour: 8,
    hours: 2,
    slots: [
      { key: 's1', name: '文明劝导员', capacity: 5 },
      { key: 's2', name: '宣传员', capacity: 2 },
    ],
    people: ['txsj-lead-5', 7],
  },
  {
    id: 'aseedelder000001',
    title: '敬老包饺子',
    description: '和独居老人一起包饺子，名额有限，满了可以候补。',
    place: '小区活动室',
    organiser: 'txsj-committee',
    role: 'committeeMember',
    day: 8,
    hour: 15,
    hours: 3,
    slots: [{ key: ANY_SLOT, name: '志愿者', capacity: 3 }],
    people: [8, 9, 10, 11, 12],
  },
];

export const activitiesSeed: FeatureSeed = {
  name: 'activities',
  async write(db: Database, base: SeedData, now: Date) {
    const byKey = new Map(base.people.map((p) => [p._id, p]));
    const txsjGen = base.people.filter(
      (p) => p._id.startsWith('p-gen-') && base.memberships.some((m) => m.personId === p._id && m.compoundId === 'txsj'),
    );
    const personOf = (k: string | number) => (typeof k === 'number' ? txsjGen[k] : byKey.get(`p-${k}`)!);
    const homeOf = (pid: string) => base.memberships.find((m) => m.personId === pid && m.status === 'active');
    const buildingName = (id: string) => base.buildings.find((b) => b._id === id)?.name ?? '';
    // Shanghai midnight today.
    const midnight = Math.floor((now.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
    const counts: Record<string, number> = {
      activities: 0,
      activitySignups: 0,
      volunteerHours: 0,
      serviceVolunteers: 0,
      serviceTeams: 0,
      helpRequests: 0,
    };
    for (const p of PLANS) {
      const organiser = personOf(p.organiser);
      const startAt = new Date(midnight + p.day * DAY + p.hour * HOUR);
      const endAt = new Date(startAt.getTime() + p.hours * HOUR);
      const buildingIds = (p.buildings ?? []).map((n) => `txsj-b${n}`);
      const act: ActivityDoc = {
        _id: p.id,
        communityId: COMMUNITY_ID,
        compoundId: 'txsj',
        compoundName: '天翔世家',
        buildingIds,
        audienceLabel: `天翔世家 ${buildingIds.length ? buildingIds.map(buildingName).join('、') : '全体'}${p.partyOnly ? '（限党员）' : ''}`,
        partyOnly: !!p.partyOnly,
        title: p.title,
        description: p.description,
        images: [],
        place: p.place,
        // Sign-up closes at 20:00 the evening before (not at 03:00).
        startAt,
        endAt,
        deadline: new Date(midnight + (p.day - 1) * DAY + 20 * HOUR),
        startDay: formatDate(startAt),
        slots: p.slots,
        capacity: p.slots.reduce((n, s) => n + s.capacity, 0),
        waitlistMax: 200,
        organiserId: organiser._id,
        organiserName: organiser.name,
        organiserRole: p.role,
        clientRequestId: `seed-${p.id}`,
        status: 'open',
        checkinSecret: `seed-secret-${p.id}`,
        createdAt: new Date(startAt.getTime() - 10 * DAY),
      };
      const queues: Record<string, string[]> = Object.fromEntries(p.slots.map((s) => [s.key, []]));
      const members: string[] = [];
      const past = endAt.getTime() < now.getTime();
      for (const [i, k] of p.people.entries()) {
        const who = personOf(k);
        const slot = p.slots.length > 1 ? p.slots[i % p.slots.length] : p.slots[0];
        queues[slot.key].push(who._id);
        members.push(who._id);
        const confirmed = queues[slot.key].length <= slot.capacity;
        const m = homeOf(who._id)!;
        const sid = `${p.id}_${who._id}`;
        const inAt = past && confirmed ? new Date(startAt.getTime() + (i % 3) * 10 * 60_000) : null;
        const outAt = inAt ? new Date(endAt.getTime() - (i % 2) * 15 * 60_000) : null;
        const minutes = inAt && outAt ? creditedMinutes(inAt, outAt, startAt, endAt) : null;
        const s: SignupDoc = {
          _id: sid,
          activityId: p.id,
          personId: who._id,
          openid: who.openid,
          name: who.name,
          partyBadge: who.partyMember && who.showPartyBadge,
          ...(who.phone ? { phone: who.phone } : {}),
          buildingId: m.buildingId,
          buildingName: buildingName(m.buildingId),
          slotKey: slot.key,
          status: confirmed ? 'confirmed' : 'waitlisted',
          startAt,
          joinedAt: new Date(act.createdAt.getTime() + i * HOUR),
          checkedInAt: inAt,
          checkedOutAt: outAt,
          minutes,
          updatedAt: now,
        };
        await db.collection('activitySignups').add({ data: s });
        counts.activitySignups++;
        if (minutes !== null) {
          const period = periodOf(startAt);
          const h: HoursDoc = {
            _id: sid,
            personId: who._id,
            name: who.name,
            partyBadge: s.partyBadge,
            activityId: p.id,
            title: p.title,
            communityId: COMMUNITY_ID,
            compoundId: 'txsj',
            buildingId: m.buildingId,
            period,
            year: period.slice(0, 4),
            minutes,
            corrected: false,
            updatedAt: now,
          };
          await db.collection('volunteerHours').add({ data: h });
          counts.volunteerHours++;
        }
      }
      const list: ActivityListDoc = { _id: p.id, members, queues, size: members.length, version: members.length };
      await db.collection('activityLists').add({ data: list });
      await db.collection('activities').add({ data: act });
      counts.activities++;
    }
    // Neighbour service: a retired teacher, a doctor, a lawyer (generated residents), and 郑海涛 who fixes wiring.
    const vols: [number | string, VolunteerDoc['skills'], string][] = [
      [20, ['teacher'], '退休语文老师，工作日下午可辅导功课'],
      [21, ['doctor'], '社区医院内科医生，晚上和周末可咨询'],
      [22, ['lawyer'], '执业律师，周末上午可咨询'],
      ['txsj-resident-5', ['electrician'], '会修电路，周末在家'],
    ];
    for (const [k, skills, availability] of vols) {
      const who = personOf(k);
      const m = homeOf(who._id)!;
      await db.collection('serviceVolunteers').add({
        data: {
          _id: who._id,
          personId: who._id,
          name: who.name,
          compoundId: 'txsj',
          buildingId: m.buildingId,
          buildingName: buildingName(m.buildingId),
          skills,
          availability,
          phone: who.phone ?? '',
          updatedAt: now,
        } satisfies VolunteerDoc,
      });
      counts.serviceVolunteers++;
    }
    const team = (id: string, name: string, skill: TeamDoc['skill'], k: number | string): TeamDoc => ({
      _id: id,
      compoundId: 'txsj',
      name,
      skill,
      memberIds: [personOf(k)._id],
      updatedBy: 'p-txsj-secretary',
      updatedAt: now,
    });
    const teams = [
      team('tseedteacher', '邻里辅导队', 'teacher', 20),
      team('tseeddoctor', '邻里医生队', 'doctor', 21),
      team('tseedlawyer', '法律顾问队', 'lawyer', 22),
      team('tseedelectric', '便民维修队', 'electrician', 'txsj-resident-5'),
    ];
    for (const t of teams) await db.collection('serviceTeams').add({ data: t });
    counts.serviceTeams = teams.length;
    const helps: [string, string | number, HelpRequestDoc['kind'], string, TeamDoc, string][] = [
      ['hseed0001', 'txsj-resident-3', 'medical', '老伴夜里血压偏高，想问问要不要去医院。', teams[1], '谢谢医生半夜回电话，放心多了！'],
      ['hseed0002', 30, 'tutoring', '孩子初二数学跟不上，想请老师周末辅导一次。', teams[0], '王老师讲得真清楚，孩子说听懂了。'],
      ['hseed0003', 31, 'legal', '租客拖欠房租三个月，想咨询怎么处理。', teams[2], '律师给的建议很实用，谢谢！'],
    ];
    for (const [id, k, kind, text, t, thanks] of helps) {
      const who = personOf(k);
      const taker = personOf(vols.find(([, s]) => s.includes(t.skill))![0]);
      const at = new Date(now.getTime() - 9 * DAY);
      await db.collection('helpRequests').add({
        data: {
          _id: id,
          compoundId: 'txsj',
          requesterId: who._id,
          requesterName: who.name,
          kind,
          text,
          contact: who.phone ?? '13800000000',
          teamIds: [t._id],
          status: 'closed',
          takerId: taker._id,
          takerName: taker.name,
          takerContact: taker.phone ?? '',
          takenAt: new Date(at.getTime() + HOUR),
          thanks,
          closedAt: new Date(at.getTime() + DAY),
          createdAt: at,
        } satisfies HelpRequestDoc,
      });
      counts.helpRequests++;
    }
    return counts;
  },
};
