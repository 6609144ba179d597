/**
 * Concerns demo data at both compounds: concerns in every state (电动车在楼道充电,
 * 广场舞噪音, 外墙脱落, 楼道堆物, 宠物粪便), one escalated after 3 days without an
 * answer at each, 我也关心 followers and a merged duplicate; the 议事厅's deliberation
 * on where to build 天翔世家's e-bike charging shed, through every step to 实施 and
 * 反馈, with its expense booked in the ledger through the fees ledger's own append
 * (appendInTx: the hash chain stays whole) and linked from the task; and a topic
 * at 御家兰庭 now in 征集. Dates are relative to `now`.
 */
import type { Database } from '../../cloudfunctions/_shared/database';
import type { Ctx } from '../../cloudfunctions/_shared/router';
import { transaction } from '../../cloudfunctions/_shared/repo';
import { appendInTx } from '../../cloudfunctions/fees/common';
import type { ConcernDoc, ConcernEvent, ConcernFollowerDoc, TopicCommentDoc, TopicDoc } from '../../cloudfunctions/concerns/docs';
import { CATEGORY_FUND, kindOfCategory } from '../../core/fees/rules';
import { DEFAULT_ESCALATE_DAYS } from '../../core/concerns/limits';
import { FOREVER, onBoard, type ConcernCategory, type ConcernStatus, type Stance, type Visibility } from '../../core/concerns/rules';
import { periodOf, shanghai } from '../../core/platform/time';
import type { FeatureSeed } from './seed-features';
import { TXSJ, YJLT, type SeedData } from './seed-data';

const DAY = 86_400_000;

interface Spec {
  id: string;
  raiser: string; // person id
  category: ConcernCategory;
  description: string;
  visibility: Visibility;
  about?: 'building' | 'compound';
  daysAgo: number;
  /** What happened, in order. */
  status: ConcernStatus;
  escalated?: boolean;
  answer?: { byId: string; byName: string; byRole: string; daysAgo: number; text: string; outcome?: ConcernDoc['outcome'] };
  rating?: { verdict: 'satisfied' | 'unsatisfied'; reason?: string; daysAgo: number };
  asked?: boolean;
  mergedInto?: string;
  topicId?: string;
  followers?: string[];
}

function concernDoc(base: SeedData, s: Spec, now: Date): ConcernDoc {
  const person = base.people.find((p) => p._id === s.raiser)!;
  const m = base.memberships.find((x) => x.personId === s.raiser && x.status === 'active')!;
  const home = base.homes.find((h) => h._id === m.homeId)!;
  const at = (d: number) => new Date(now.getTime() - d * DAY);
  const createdAt = at(s.daysAgo);
  const firstDue = new Date(createdAt.getTime() + DEFAULT_ESCALATE_DAYS * DAY);
  const events: ConcernEvent[] = [{ action: 'raise', by: person._id, byName: person.name, byRole: '住户', at: createdAt }];
  if (s.escalated && !s.rating)
    events.push({
      action: 'escalate',
      by: 'system',
      byName: '系统',
      byRole: '系统',
      at: firstDue,
      note: '3天未答复，已上报党支部和业委会',
    });
  if (s.answer)
    events.push({
      action: s.answer.outcome && s.answer.outcome.kind !== 'answer' ? 'convert' : 'answer',
      by: s.answer.byId,
      byName: s.answer.byName,
      byRole: s.answer.byRole,
      at: at(s.answer.daysAgo),
      note: s.answer.text,
    });
  if (s.asked) events.push({ action: 'ask', by: 'system', byName: '系统', byRole: '系统', at: at(s.answer!.daysAgo - 14) });
  if (s.rating)
    events.push({
      action: s.rating.verdict === 'satisfied' ? 'rate' : 'reopen',
      by: person._id,
      byName: person.name,
      byRole: '住户',
      at: at(s.rating.daysAgo),
      note: s.rating.verdict === 'satisfied' ? '满意' : `不满意：${s.rating.reason}`,
    });
  if (s.mergedInto)
    events.push({
      action: 'merge',
      by: 'p-txsj-lead-3',
      byName: '李秀英',
      byRole: '党员楼栋长',
      at: at(s.daysAgo - 1),
      note: '与另一条相同的民情合并，请关注那一条的进展',
    });
  const open = s.status === 'open';
  const reopened = s.rating?.verdict === 'unsatisfied';
  const level = s.escalated || reopened ? 'branch' : 'lead';
  const answeredAt = s.answer ? at(s.answer.daysAgo) : null;
  return {
    _id: s.id,
    clientRequestId: `seed-${s.id}`,
    communityId: home.communityId,
    compoundId: home.compoundId,
    compoundName: home.compoundName,
    buildingId: home.buildingId,
    buildingName: home.buildingName,
    about: s.about ?? 'building',
    homeId: home._id,
    homeLabel: home.label,
    category: s.category,
    description: s.description,
    photos: [],
    media: [],
    mediaTraceIds: [],
    visibility: s.visibility,
    source: 'resident',
    raiserId: person._id,
    raiserName: person.name,
    partyKeys: [`p:${person._id}`],
    status: s.status,
    open,
    level,
    escalated: level === 'branch',
    escalatedOpen: level === 'branch' && open,
    onBoard: onBoard(s.visibility, s.status),
    dueAt: open
      ? reopened
        ? new Date(at(s.rating!.daysAgo).getTime() + DEFAULT_ESCALATE_DAYS * DAY)
        : s.escalated
          ? new Date(firstDue.getTime() + DEFAULT_ESCALATE_DAYS * DAY)
          : firstDue
      : FOREVER,
    firstDueAt: firstDue,
    firstAnsweredAt: answeredAt,
    answeredAt,
    answer: s.answer?.text ?? null,
    answeredBy: s.answer?.byId ?? null,
    outcome: s.answer ? (s.answer.outcome ?? { kind: 'answer' }) : null,
    askDue: s.status === 'answered' && !s.asked,
    askAt: s.status === 'answered' && !s.asked ? new Date(answeredAt!.getTime() + 14 * DAY) : FOREVER,
    asked: !!s.asked,
    rating: s.rating?.verdict ?? null,
    ratingReason: s.rating?.reason ?? null,
    reopens: reopened ? 1 : 0,
    followers: s.followers?.length ?? 0,
    mergedIntoId: s.mergedInto ?? null,
    topicId: s.topicId ?? null,
    period: periodOf(createdAt),
    events,
    version: events.length,
    createdAt,
    updatedAt: events[events.length - 1].at,
  };
}

/** Generic residents of a compound (not the named demo people): followers and commenters. */
function neighbours(base: SeedData, compoundId: string, n: number, skip = 0) {
  const homesIn = new Set(base.homes.filter((h) => h.compoundId === compoundId).map((h) => h._id));
  return base.memberships
    .filter((m) => m.status === 'active' && homesIn.has(m.homeId) && m.personId.startsWith('p-gen-'))
    .slice(skip, skip + n);
}

const LEAD3 = { byId: 'p-txsj-lead-3', byName: '李秀英', byRole: '党员楼栋长' };
const LEAD5 = { byId: 'p-txsj-lead-5', byName: '张卫东', byRole: '党员楼栋长' };
const SEC = { byId: 'p-txsj-secretary', byName: '王志明', byRole: '小区党支部书记' };
const YJ_SEC = { byId: 'p-yjlt-secretary', byName: '郑国强', byRole: '小区党支部书记' };

/** What neighbours raised in past months (the community overview's 民情 figures have a year to read). */
const PAST: [ConcernCategory, string][] = [
  ['环境卫生', '垃圾桶满了没人清，味道很大。'],
  ['公共设施', '单元门禁坏了，门一直关不上。'],
  ['停车与电动车', '消防通道上停了车，救护车进不来。'],
  ['噪音', '楼上装修周末一早就开始打钻。'],
  ['安全', '地下车库有一段灯不亮。'],
  ['物业服务', '电梯里的广告屏声音太大。'],
  ['建议', '希望在中心花园加几把休息的椅子。'],
  ['邻里纠纷', '楼上空调外机滴水到我家窗台。'],
];
/** Days from raised to first answer, in turn (3 is the default deadline: 4 and 5 are late). */
const ANSWER_DAYS = [1, 2, 1, 3, 2, 5, 1, 4];

/**
 * Eleven past months of closed concerns at both compounds, from generated residents
 * (one home each per month): most answered within the time and rated 满意, some late,
 * some re-answered after 不满意 and never rated again, some never rated. Visible to
 * handlers only, so the board keeps showing this month's.
 */
function pastSpecs(base: SeedData, now: Date): Spec[] {
  const out: Spec[] = [];
  for (const [compoundId, perMonth, slower, answerers] of [
    [TXSJ, 9, 0, [LEAD3, LEAD5, SEC]],
    [YJLT, 6, 1, [YJ_SEC]],
  ] as const) {
    const people = neighbours(base, compoundId, 60, 40);
    for (let k = 1; k <= 11; k++) {
      const n = perMonth + (k % 3);
      // Spread over the 2nd to the 26th of the Shanghai month k months back, at 10:00.
      const monthStart = shanghai(now).startOf('month').subtract(k, 'month');
      for (let i = 0; i < n; i++) {
        const raisedAt = monthStart
          .add(1 + ((i * 3) % 25), 'day')
          .add(10, 'hour')
          .toDate();
        const daysAgo = (now.getTime() - raisedAt.getTime()) / DAY;
        const [category, description] = PAST[(k + i) % PAST.length];
        const delay = ANSWER_DAYS[(k + i) % ANSWER_DAYS.length] + (i % 3 === 0 ? slower : 0);
        const kind = i % 5;
        out.push({
          id: `c-seed-past-${compoundId}-${k}-${i}`,
          raiser: people[(k * 7 + i) % people.length].personId,
          category,
          description,
          visibility: 'handlers',
          daysAgo,
          status: kind >= 3 ? 'answered' : 'satisfied',
          answer: { ...answerers[i % answerers.length], daysAgo: daysAgo - delay, text: '已处理，谢谢您的反映。' },
          ...(kind === 4
            ? { rating: { verdict: 'unsatisfied' as const, reason: '处理得太慢', daysAgo: daysAgo - delay - 2 } }
            : kind === 3
              ? {}
              : { rating: { verdict: 'satisfied' as const, daysAgo: daysAgo - delay - 1 } }),
          ...(kind >= 3 ? { asked: true } : {}),
        });
      }
    }
  }
  return out;
}

export const SHED_TOPIC = 't-seed-txsj-shed';
export const YJLT_COLLECT_TOPIC = 't-seed-yjlt-dance';

export const concernsSeed: FeatureSeed = {
  name: 'concerns',
  async write(db: Database, base: SeedData, now: Date) {
    const at = (d: number) => new Date(now.getTime() - d * DAY);
    const tx3 = neighbours(base, TXSJ, 40);
    const yj = neighbours(base, YJLT, 20);
    const specs: Spec[] = [
      // The shed: raised 40 days ago, put to the 议事厅, settled.
      {
        id: 'c-seed-txsj-ebike',
        raiser: 'p-txsj-resident-3',
        category: '停车与电动车',
        description: '3栋楼道里天天有人给电动车充电，电线从窗户拉进来，晚上很担心起火。',
        visibility: 'public',
        daysAgo: 40,
        status: 'satisfied',
        answer: {
          ...LEAD3,
          daysAgo: 39,
          text: '这件事大家都关心，已提交议事厅商量充电棚建在哪里。',
          outcome: { kind: 'topic', topicId: SHED_TOPIC },
        },
        rating: { verdict: 'satisfied', daysAgo: 3 },
        topicId: SHED_TOPIC,
        followers: tx3.slice(0, 12).map((m) => m.personId),
      },
      {
        id: 'c-seed-txsj-ebike-dup',
        raiser: 'p-txsj-resident-3b',
        category: '停车与电动车',
        description: '楼道充电太危险了，能不能建个充电的地方？',
        visibility: 'public',
        daysAgo: 39,
        status: 'merged',
        mergedInto: 'c-seed-txsj-ebike',
      },
      // Escalated after 3 days without an answer.
      {
        id: 'c-seed-txsj-dance',
        raiser: 'p-txsj-resident-5',
        category: '噪音',
        description: '中心广场的广场舞音响晚上九点半以后还很响，老人孩子睡不好。',
        visibility: 'public',
        about: 'compound',
        daysAgo: 5,
        status: 'open',
        escalated: true,
        followers: tx3.slice(12, 18).map((m) => m.personId),
      },
      // Turned into a repair, answered, not yet rated.
      {
        id: 'c-seed-txsj-wall',
        raiser: 'p-txsj-resident-5',
        category: '公共设施',
        description: '5栋北面外墙瓷砖脱落，下面是小孩玩的地方。',
        visibility: 'public',
        daysAgo: 6,
        status: 'answered',
        answer: { ...LEAD5, daysAgo: 5, text: '已转物业报修，先拉了警戒线，脚手架本周搭。' },
        followers: tx3.slice(18, 21).map((m) => m.personId),
      },
      // Answered, 不满意, reopened at the branch.
      {
        id: 'c-seed-txsj-clutter',
        raiser: 'p-txsj-resident-3b',
        category: '环境卫生',
        description: '3栋2单元楼道堆满纸箱和旧家具，消防通道都堵了。',
        visibility: 'handlers',
        daysAgo: 8,
        status: 'open',
        answer: { ...LEAD3, daysAgo: 6, text: '已经贴了清理通知。' },
        rating: { verdict: 'unsatisfied', reason: '通知贴了一周，东西还在', daysAgo: 1 },
      },
      // Answered two weeks ago, never rated: 解决了吗？ asked.
      {
        id: 'c-seed-txsj-pets',
        raiser: 'p-txsj-resident-3',
        category: '环境卫生',
        description: '3栋门口草坪上宠物粪便没人清理。',
        visibility: 'public',
        daysAgo: 18,
        status: 'answered',
        answer: { ...LEAD3, daysAgo: 16, text: '已在草坪插了提示牌，物业每天早晚各清扫一次。' },
        asked: true,
      },
      // Fresh, at the lead's.
      {
        id: 'c-seed-txsj-clutter2',
        raiser: 'p-txsj-resident-3',
        category: '安全',
        description: '3栋1单元楼道灯坏了好几天，晚上上下楼看不清。',
        visibility: 'public',
        daysAgo: 1,
        status: 'open',
      },
      // 御家兰庭.
      {
        id: 'c-seed-yjlt-ebike',
        raiser: 'p-yjlt-resident-5',
        category: '停车与电动车',
        description: '5栋电动车停在楼道里充电，过道只剩一人宽。',
        visibility: 'public',
        daysAgo: 4,
        status: 'open',
        escalated: true,
        followers: yj.slice(0, 5).map((m) => m.personId),
      },
      {
        id: 'c-seed-yjlt-dance',
        raiser: 'p-yjlt-resident-5',
        category: '噪音',
        description: '广场舞每天早上六点就开始放音乐。',
        visibility: 'public',
        about: 'compound',
        daysAgo: 12,
        status: 'satisfied',
        answer: { ...YJ_SEC, daysAgo: 10, text: '和舞蹈队商量了，改到七点半以后，音量调小。另提交议事厅定个规矩。' },
        rating: { verdict: 'satisfied', daysAgo: 9 },
      },
      {
        id: 'c-seed-yjlt-wall',
        raiser: 'p-yjlt-resident-5',
        category: '公共设施',
        description: '小区东门围墙有一段外墙脱落。',
        visibility: 'handlers',
        daysAgo: 2,
        status: 'open',
      },
    ];
    const docs = [...specs, ...pastSpecs(base, now)].map((s) => concernDoc(base, s, now));
    for (const d of docs) await db.collection('concerns').add({ data: d });
    let followers = 0;
    for (const s of specs) {
      for (const p of s.followers ?? []) {
        const f: ConcernFollowerDoc = { _id: `${s.id}_${p}`, concernId: s.id, personId: p, at: at(s.daysAgo - 1) };
        await db.collection('concernFollowers').add({ data: f });
        followers++;
      }
    }
    // The duplicate's raiser follows the original.
    await db.collection('concernFollowers').add({
      data: {
        _id: `c-seed-txsj-ebike_p-txsj-resident-3b`,
        concernId: 'c-seed-txsj-ebike',
        personId: 'p-txsj-resident-3b',
        at: at(38),
        via: 'c-seed-txsj-ebike-dup',
      },
    });
    await db
      .collection('concerns')
      .doc('c-seed-txsj-ebike')
      .update({ data: { followers: 13 } });

    // The shed's expense, booked through the ledger's own append (the chain stays whole).
    const txsj = base.compounds.find((c) => c._id === TXSJ)!;
    const ctx = {
      db,
      now,
      openid: '',
      cloud: undefined,
      actor: async () => ({ openid: '', personId: null, roles: [], homes: [] }),
    } as unknown as Ctx;
    const [entry] = await transaction(db, (tx) =>
      appendInTx(
        ctx,
        tx,
        txsj,
        [
          {
            kind: kindOfCategory('purchases'),
            category: 'purchases',
            fund: CATEGORY_FUND.purchases,
            amountFen: 3_860_000,
            memo: '东门电动车充电棚（议事厅议题）',
            sourceKey: `topic:${SHED_TOPIC}`,
            reverses: null,
            receipts: [],
            by: 'p-txsj-manager',
            byName: '刘洋',
          },
        ],
        at(6),
      ),
    );

    const sec = { by: SEC.byId, byName: SEC.byName };
    const shed: TopicDoc = {
      _id: SHED_TOPIC,
      clientRequestId: 'seed-shed',
      communityId: txsj.communityId,
      compoundId: TXSJ,
      compoundName: txsj.name,
      title: '电动车充电棚建在哪里',
      description: '楼道充电隐患大。候选位置：东门空地（离3、5栋近）或北侧绿化带（要移几棵树）。请各户发表意见。',
      sourceConcernId: 'c-seed-txsj-ebike',
      proposedBy: LEAD3.byId,
      stage: 'feedback',
      collectUntil: at(32),
      materials: [
        { title: '两处选址示意图和三家报价', photos: [] },
        { title: '消防部门关于集中充电的建议', photos: [] },
      ],
      media: [],
      mediaTraceIds: [],
      meeting: { at: at(30), place: '物业楼二楼小区议事厅' },
      participants: '党支部1人，业委会委员2人，物业经理1人，3栋、5栋住户代表各2人，社区工作人员1人',
      minutes: '对比两处选址：东门空地离3、5栋近、不用移树，但要改一段消防通道标线；北侧绿化带要移树、费用高。多数代表赞成东门。',
      opinion: '建议在东门空地建充电棚（约80个车位，带定时断电和监控），费用从共有部分收益中列支。',
      art278: true,
      art278Reason: '在共有部分建车棚、并从共有部分收益中列支，属于业主共同决定的事项',
      publicUntil: at(23),
      tasks: [
        {
          id: 'k-seed-vote',
          title: '业主大会表决建设方案',
          owner: '林国栋',
          dueOn: at(18).toISOString().slice(0, 10),
          link: null,
          createdAt: at(22),
        },
        { id: 'k-seed-build', title: '施工和验收', owner: '刘洋', dueOn: at(7).toISOString().slice(0, 10), link: null, createdAt: at(22) },
        {
          id: 'k-seed-pay',
          title: '支付车棚款项',
          owner: '钱会计',
          dueOn: at(5).toISOString().slice(0, 10),
          link: { kind: 'expense', id: entry._id, period: entry.period },
          createdAt: at(22),
        },
      ],
      report: '东门充电棚已建成并通电，共80个车位，晚上11点自动断电。楼道充电基本没有了。',
      comments: 0,
      satisfied: 0,
      unsatisfied: 0,
      consultedAt: at(30),
      implementedAt: at(4),
      period: periodOf(at(30)),
      events: [
        { stage: 'collect', by: LEAD3.byId, byName: LEAD3.byName, at: at(39) },
        { stage: 'brief', ...sec, at: at(32) },
        { stage: 'consult', ...sec, at: at(30) },
        { stage: 'publicize', ...sec, at: at(28) },
        { stage: 'implement', ...sec, at: at(22) },
        { stage: 'feedback', ...sec, at: at(4) },
      ],
      version: 7,
      createdAt: at(39),
      updatedAt: at(4),
    };
    const yjlt = base.compounds.find((c) => c._id === YJLT)!;
    const dance: TopicDoc = {
      ...shed,
      _id: YJLT_COLLECT_TOPIC,
      clientRequestId: 'seed-dance',
      communityId: yjlt.communityId,
      compoundId: YJLT,
      compoundName: yjlt.name,
      title: '广场舞的时间和音量',
      description: '有住户反映广场舞太早、太响。想定个小区公约：几点到几点、音量多大。请各户说说意见。',
      sourceConcernId: 'c-seed-yjlt-dance',
      proposedBy: YJ_SEC.byId,
      stage: 'collect',
      collectUntil: new Date(now.getTime() + 5 * DAY),
      materials: [],
      meeting: null,
      participants: null,
      minutes: null,
      opinion: null,
      art278: false,
      art278Reason: null,
      publicUntil: null,
      tasks: [],
      report: null,
      consultedAt: null,
      implementedAt: null,
      period: periodOf(at(2)),
      events: [{ stage: 'collect', by: YJ_SEC.byId, byName: YJ_SEC.byName, at: at(2) }],
      version: 1,
      createdAt: at(2),
      updatedAt: at(2),
    };
    await db.collection('topics').add({ data: shed });
    await db.collection('topics').add({ data: dance });
    // Threads, one per home: the shed's comments and ratings, and the dance topic's first opinions.
    const say: [Stance, string][] = [
      ['for', '东门近，晚上也亮堂'],
      ['suggest', '要装监控和定时断电'],
      ['against', '东门人多，车棚挡路'],
    ];
    const threads: TopicCommentDoc[] = [];
    const homeOf = (personId: string) => base.memberships.find((m) => m.personId === personId && m.status === 'active')!.homeId;
    const bName = (homeId: string) => base.homes.find((h) => h._id === homeId)!.buildingName;
    tx3.slice(0, 9).forEach((m, i) => {
      const [stance, text] = say[i % say.length];
      threads.push({
        _id: `${SHED_TOPIC}_${m.homeId}`,
        topicId: SHED_TOPIC,
        homeId: m.homeId,
        buildingName: bName(m.homeId),
        personId: m.personId,
        stance,
        text,
        objection: null,
        rating: i % 4 === 3 ? 'unsatisfied' : 'satisfied',
        edits: i % 3 === 0 ? 1 : 0,
        createdAt: at(36),
        updatedAt: at(3),
      });
    });
    const chenHome = homeOf('p-txsj-resident-3');
    threads.push({
      _id: `${SHED_TOPIC}_${chenHome}`,
      topicId: SHED_TOPIC,
      homeId: chenHome,
      buildingName: bName(chenHome),
      personId: 'p-txsj-resident-3',
      stance: 'for',
      text: '建在东门好，我们3栋老人多，走过去近。',
      objection: null,
      rating: 'satisfied',
      edits: 0,
      createdAt: at(35),
      updatedAt: at(3),
    });
    yj.slice(0, 4).forEach((m, i) => {
      const [stance, text] = (
        [
          ['suggest', '晚上八点半前结束，音箱朝外'],
          ['for', '早上七点半以后可以'],
          ['against', '跳舞是好事，不要管太严'],
          ['suggest', '周末可以晚一点'],
        ] as [Stance, string][]
      )[i];
      threads.push({
        _id: `${YJLT_COLLECT_TOPIC}_${m.homeId}`,
        topicId: YJLT_COLLECT_TOPIC,
        homeId: m.homeId,
        buildingName: bName(m.homeId),
        personId: m.personId,
        stance,
        text,
        objection: null,
        rating: null,
        edits: 0,
        createdAt: at(1),
        updatedAt: at(1),
      });
    });
    for (const t of threads) await db.collection('topicComments').add({ data: t });
    const shedThreads = threads.filter((t) => t.topicId === SHED_TOPIC);
    await db
      .collection('topics')
      .doc(SHED_TOPIC)
      .update({
        data: {
          comments: shedThreads.length,
          satisfied: shedThreads.filter((t) => t.rating === 'satisfied').length,
          unsatisfied: shedThreads.filter((t) => t.rating === 'unsatisfied').length,
        },
      });
    await db
      .collection('topics')
      .doc(YJLT_COLLECT_TOPIC)
      .update({ data: { comments: threads.length - shedThreads.length } });
    return { concerns: docs.length, concernFollowers: followers + 1, topics: 2, topicComments: threads.length, ledger: 1 };
  },
};
