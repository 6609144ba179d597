/**
 * The community overview's demo: two small compounds beside 天翔世家 and 御家兰庭 so
 * the comparison means something (侨兴小苑, 12 homes; 南街3号院, 4 homes: every
 * per-home cell shows 样本太少), 天翔世家 as the model compound, and the monthly
 * snapshots of the last 12 months computed by the snapshot job's own function from
 * the other features' demo data (so this seed runs last). 示范创建: 天翔世家 and
 * 御家兰庭 assessed their 六有 with photos this month and last (御家兰庭's 书报角 is
 * not ready), 互评 between them last month and 御家兰庭's of 天翔世家 this month (天翔世家's
 * of 御家兰庭 is left to do); two 互学 cases: the e-bike charging shed (featured) and the
 * gate the owners' donations rebuilt (捐资牌).
 */
import { current } from '../../emulator';
import type { Database } from '../../cloudfunctions/_shared/database';
import type { BuildingDoc, CompoundDoc, HomeDoc } from '../../cloudfunctions/_shared/directory';
import type { CaseDoc, RatingDoc, ScorecardDoc } from '../../cloudfunctions/community/docs';
import { snapshotCompound } from '../../cloudfunctions/community/snapshot';
import { CHECK_KEYS, DEFAULT_CRITERIA, type CheckKey } from '../../core/community/scorecard';
import { previousPeriod } from '../../core/community/rules';
import { roomSortKey } from '../../core/platform/text';
import { periodOf } from '../../core/platform/time';
import { trailingPeriods } from '../../core/community/rules';
import type { FeatureSeed } from './seed-features';
import { COMMUNITY_ID, TXSJ, YJLT, demoOpenid, type SeedData } from './seed-data';
import { demoPng } from './seed-repairs';

export const COMMUNITY_DEMO = {
  model: TXSJ,
  small: 'qxxy',
  tiny: 'nj3',
} as const;

const SMALL: { compound: CompoundDoc; building: string; units: number; floors: number; perFloor: number }[] = [
  {
    compound: { _id: COMMUNITY_DEMO.small, communityId: COMMUNITY_ID, name: '侨兴小苑' },
    building: '1栋',
    units: 2,
    floors: 3,
    perFloor: 2,
  },
  {
    compound: { _id: COMMUNITY_DEMO.tiny, communityId: COMMUNITY_ID, name: '南街3号院' },
    building: '1栋',
    units: 1,
    floors: 2,
    perFloor: 2,
  },
];

function smallDirectory() {
  const compounds: CompoundDoc[] = [];
  const buildings: BuildingDoc[] = [];
  const homes: HomeDoc[] = [];
  const at = new Date('2026-09-01T02:00:00Z');
  for (const s of SMALL) {
    const c = s.compound;
    const buildingId = `${c._id}-b1`;
    compounds.push(c);
    let count = 0;
    for (let u = 1; u <= s.units; u++) {
      for (let f = 1; f <= s.floors; f++) {
        for (let r = 1; r <= s.perFloor; r++) {
          const unit = String(u);
          const number = `${f}0${r}`;
          homes.push({
            _id: `${buildingId}_${unit}_${number}`,
            communityId: c.communityId,
            compoundId: c._id,
            compoundName: c.name,
            buildingId,
            buildingName: s.building,
            unit,
            number,
            label: `${s.building}${unit}单元${number}`,
            kind: 'flat',
            areaCenti: 8_000 + 1_000 * r,
            hasLift: false,
            registeredOwners: [],
            sortKey: roomSortKey(unit, number),
            updatedAt: at,
          });
          count++;
        }
      }
    }
    buildings.push({
      _id: buildingId,
      communityId: c.communityId,
      compoundId: c._id,
      no: 1,
      name: s.building,
      kind: 'residential',
      hasLift: false,
      units: Array.from({ length: s.units }, (_, i) => String(i + 1)),
      homeCount: count,
    });
  }
  return { compounds, buildings, homes };
}

/** A small PNG in the person's own folder for `purpose` (when an emulator runs; a plain id otherwise). */
async function photo(key: string, purpose: string, name: string, rgb: [number, number, number]): Promise<string> {
  const openid = demoOpenid(key);
  const cloudPath = `u/${openid}/${purpose}/seed-${name}.png`;
  const emu = current();
  if (!emu) return `cloud://demo.community/${cloudPath}`;
  const up = (await emu.runAs({ openid, source: 'wx_client' }, () =>
    emu.sdk.uploadFile({ cloudPath, fileContent: demoPng(rgb, 10 + (name.length % 12)) }),
  )) as { fileID: string };
  return up.fileID;
}
const passed = (fileIDs: string[]) =>
  fileIDs.map((fileID, i) => ({ fileID, traceId: `seed-${i}-${fileID.slice(-24)}`, status: 'pass' as const }));

const NOTES: Partial<Record<CheckKey, string>> = {
  place: '邻里中心在2栋架空层，约120平方米',
  books: '书报角正在筹备，下月添置书架',
};
const PEOPLE = {
  txsj: { key: 'txsj-secretary', name: '王志明', role: '小区党支部书记' },
  yjlt: { key: 'yjlt-secretary', name: '郑国强', role: '小区党支部书记' },
  yjltCommittee: { key: 'yjlt-committee', name: '吴丽华', role: '业委会委员' },
};

async function scorecardsAndCases(db: Database, now: Date) {
  const thisMonth = periodOf(now);
  const lastMonth = previousPeriod(now);
  const names: Record<string, string> = { [TXSJ]: '天翔世家', [YJLT]: '御家兰庭' };
  let cards = 0;
  for (const [compoundId, who, missing] of [
    [TXSJ, PEOPLE.txsj, [] as CheckKey[]],
    [YJLT, PEOPLE.yjlt, ['books'] as CheckKey[]],
  ] as const) {
    for (const [period, daysAgo] of [
      [lastMonth, 35],
      [thisMonth, 2],
    ] as const) {
      const items = [];
      for (const [i, key] of CHECK_KEYS.entries()) {
        const met = !missing.includes(key);
        const photos = met ? [await photo(who.key, 'scorecards', `${compoundId}-${period}-${key}`, [90 + i * 25, 150, 200 - i * 20])] : [];
        items.push({ key, met, photos, note: compoundId === YJLT || key === 'place' ? (NOTES[key] ?? null) : null });
      }
      const media = passed(items.flatMap((i) => i.photos));
      const doc: ScorecardDoc = {
        _id: `${compoundId}_${period}`,
        communityId: COMMUNITY_ID,
        compoundId,
        compoundName: names[compoundId],
        period,
        items,
        media,
        mediaTraceIds: media.map((m) => m.traceId),
        by: `p-${who.key}`,
        byName: who.name,
        byRole: who.role,
        clientRequestId: `seed-scorecard-${compoundId}-${period}`,
        version: 1,
        assessedAt: new Date(now.getTime() - daysAgo * 86_400_000),
      };
      await db.collection('communityScorecards').add({ data: doc });
      cards++;
    }
  }
  const all = (v: boolean) => Object.fromEntries(CHECK_KEYS.map((k) => [k, v])) as Record<CheckKey, boolean>;
  const rating = (
    period: string,
    from: string,
    to: string,
    who: (typeof PEOPLE)[keyof typeof PEOPLE],
    items: Record<CheckKey, boolean>,
    comment: string | null,
    daysAgo: number,
  ): RatingDoc => ({
    _id: `${period}_${from}_${to}`,
    communityId: COMMUNITY_ID,
    period,
    fromCompoundId: from,
    fromCompoundName: names[from],
    toCompoundId: to,
    items,
    comment,
    by: `p-${who.key}`,
    byName: who.name,
    byRole: who.role,
    clientRequestId: `seed-rating-${period}-${from}-${to}`,
    at: new Date(now.getTime() - daysAgo * 86_400_000),
  });
  const ratings = [
    rating(lastMonth, YJLT, TXSJ, PEOPLE.yjltCommittee, all(true), '场所宽敞，制度上墙，值得学习', 33),
    rating(lastMonth, TXSJ, YJLT, PEOPLE.txsj, { ...all(true), books: false }, '书报角还没建好', 32),
    rating(thisMonth, YJLT, TXSJ, PEOPLE.yjltCommittee, all(true), null, 1),
  ];
  for (const r of ratings) await db.collection('communityRatings').add({ data: r });

  const shedPhoto = await photo('txsj-secretary', 'cases', 'shed', [120, 170, 120]);
  const gatePhoto = await photo('yjlt-committee', 'cases', 'gate', [180, 160, 120]);
  const kase = (c: Omit<CaseDoc, 'clientRequestId' | 'communityId' | 'media' | 'mediaTraceIds' | 'updatedAt'>): CaseDoc => {
    const media = passed(c.photos);
    return {
      ...c,
      clientRequestId: `seed-${c._id}`,
      communityId: COMMUNITY_ID,
      media,
      mediaTraceIds: media.map((m) => m.traceId),
      updatedAt: c.createdAt,
    };
  };
  const at = (d: number) => new Date(now.getTime() - d * 86_400_000);
  const cases: CaseDoc[] = [
    kase({
      _id: 'k-seed-txsj-shed',
      compoundId: TXSJ,
      compoundName: '天翔世家',
      title: '电动车充电棚：楼道不再拉飞线',
      problem: '3栋、5栋不少住户把电动车推进楼道充电，电线从窗户拉下来，邻居担心起火，民情里反映了很多次。',
      done: '党支部把这件事提到小区议事厅：征集各户意见、现场看了两处位置，协商定在东门空地，业委会从公共收益里支出建棚，账目按月公示。建成后楼栋长逐户告知。',
      source: 'topic',
      figures: ['concernsSatisfaction', 'noticeReach'],
      period: periodOf(at(5)),
      photos: [shedPhoto],
      by: 'p-txsj-secretary',
      byRole: '小区党支部书记',
      featured: true,
      featuredAt: at(3),
      createdAt: at(5),
    }),
    kase({
      _id: 'k-seed-yjlt-gate',
      compoundId: YJLT,
      compoundName: '御家兰庭',
      title: '捐资牌：业主捐资重建小区大门',
      problem: '小区大门年久失修，门禁经常坏，公共维修资金申请周期长。',
      done: '业委会发起捐资，每一笔捐款都记入账本并按月公示，大门建成后立了捐资牌致谢（署名经本人同意），剩余款项继续公示去向。',
      source: 'other',
      figures: ['feeCollection'],
      period: periodOf(at(20)),
      photos: [gatePhoto],
      by: 'p-yjlt-committee',
      byRole: '业委会委员',
      featured: false,
      featuredAt: null,
      createdAt: at(20),
    }),
  ];
  for (const c of cases) await db.collection('communityCases').add({ data: c });
  return { communityScorecards: cards, communityRatings: ratings.length, communityCases: cases.length };
}

export const communitySeed: FeatureSeed = {
  name: 'community',
  async write(db: Database, base: SeedData, now: Date) {
    const dir = smallDirectory();
    for (const c of dir.compounds) await db.collection('compounds').add({ data: c });
    for (const b of dir.buildings) await db.collection('buildings').add({ data: b });
    await db.collection('homes').add({ data: dir.homes });
    await db
      .collection('communityProfiles')
      .add({ data: { _id: COMMUNITY_ID, modelCompoundId: COMMUNITY_DEMO.model, criteria: DEFAULT_CRITERIA, updatedAt: now } });
    const extra = await scorecardsAndCases(db, now);
    // The snapshot job's run for the demo: every compound, the 12 months to this one.
    const all = [...base.compounds.filter((c) => c.communityId === COMMUNITY_ID), ...dir.compounds];
    const periods = trailingPeriods(periodOf(now));
    for (const c of all) for (const p of periods) await snapshotCompound(db, c, p, now);
    return {
      compounds: dir.compounds.length,
      buildings: dir.buildings.length,
      homes: dir.homes.length,
      communityProfiles: 1,
      communitySnapshots: all.length * periods.length,
      ...extra,
    };
  },
};
