/**
 * The community overview's demo: two small compounds beside 天翔世家 and 御家兰庭 so
 * the comparison means something (侨兴小苑, 12 homes; 南街3号院, 4 homes: every
 * per-home cell shows 样本太少), 天翔世家 as the model compound, and the monthly
 * snapshots of the last 12 months computed by the snapshot job's own function from
 * the other features' demo data (so this seed runs last).
 */
import type { Database } from '../../cloudfunctions/_shared/database';
import type { BuildingDoc, CompoundDoc, HomeDoc } from '../../cloudfunctions/_shared/directory';
import { snapshotCompound } from '../../cloudfunctions/community/snapshot';
import { roomSortKey } from '../../core/platform/text';
import { periodOf } from '../../core/platform/time';
import { trailingPeriods } from '../../core/community/rules';
import type { FeatureSeed } from './seed-features';
import { COMMUNITY_ID, TXSJ, type SeedData } from './seed-data';

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

export const communitySeed: FeatureSeed = {
  name: 'community',
  async write(db: Database, base: SeedData, now: Date) {
    const dir = smallDirectory();
    for (const c of dir.compounds) await db.collection('compounds').add({ data: c });
    for (const b of dir.buildings) await db.collection('buildings').add({ data: b });
    await db.collection('homes').add({ data: dir.homes });
    await db.collection('communityProfiles').add({ data: { _id: COMMUNITY_ID, modelCompoundId: COMMUNITY_DEMO.model, updatedAt: now } });
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
    };
  },
};
