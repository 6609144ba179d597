/**
 * The demo: 侨兴社区 with the two compounds of the article, their buildings, homes,
 * fictional residents and role holders. Deterministic (same data every run) so tests
 * and screenshots can name people and rooms. `scale` adds generated compounds for
 * benchmarks (30,000 households) without changing the two real ones.
 */
import { withNameKeys } from '../../core/accounts/search';
import { homeId, homeLabel } from '../../core/accounts/rules';
import type { BuildingDoc, CompoundDoc, HomeDoc, MembershipDoc, PersonDoc, RoleDoc } from '../../cloudfunctions/_shared/directory';
import type { Relation } from '../../core/platform/roles';
import { roomSortKey } from '../../core/platform/text';

export const COMMUNITY_ID = 'qiaoxing';
export const TXSJ = 'txsj';
export const YJLT = 'yjlt';

export interface SeedData {
  communities: { _id: string; name: string }[];
  compounds: CompoundDoc[];
  buildings: BuildingDoc[];
  homes: HomeDoc[];
  people: PersonDoc[];
  memberships: MembershipDoc[];
  roles: RoleDoc[];
}

/** A tiny deterministic PRNG (mulberry32): the same seed gives the same demo. */
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

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢';
const GIVEN = [
  '建华',
  '秀兰',
  '志强',
  '丽娟',
  '国平',
  '海燕',
  '明辉',
  '春梅',
  '文斌',
  '玉珍',
  '德胜',
  '淑芬',
  '晓东',
  '桂英',
  '永红',
  '佳怡',
  '子涵',
  '思远',
  '雅琴',
  '家豪',
  '金凤',
  '宏伟',
  '小燕',
  '振华',
  '慧敏',
  '伟民',
  '素华',
  '天佑',
  '美玲',
  '俊杰',
];

function nameAt(i: number) {
  return SURNAMES[(i * 7) % SURNAMES.length] + GIVEN[(i * 13 + Math.floor(i / SURNAMES.length)) % GIVEN.length];
}

function phoneAt(i: number) {
  return `139${String(50000000 + ((i * 7919) % 49999999)).padStart(8, '0')}`;
}

const EPOCH = new Date('2026-09-01T02:00:00Z');

interface BuildingPlan {
  no: number;
  name: string;
  kind: 'residential' | 'shops';
  hasLift: boolean;
  units: number;
  floors: number;
  perFloor: number;
  /** Range of flat areas in hundredths of m². */
  area: [number, number];
}

function compoundPlans(compoundId: string): BuildingPlan[] {
  if (compoundId === TXSJ) {
    // 8 residential buildings (542 flats) + 43 shops = 585 homes, ~60,000 m².
    const plans: BuildingPlan[] = [];
    for (let no = 1; no <= 7; no++)
      plans.push({ no, name: `${no}栋`, kind: 'residential', hasLift: true, units: 2, floors: 17, perFloor: 2, area: [8950, 12880] });
    plans.push({ no: 8, name: '8栋', kind: 'residential', hasLift: true, units: 3, floors: 11, perFloor: 2, area: [8950, 12880] });
    plans.push({ no: 9, name: '沿街商铺', kind: 'shops', hasLift: false, units: 1, floors: 1, perFloor: 43, area: [3200, 9800] });
    return plans;
  }
  if (compoundId === YJLT) {
    // 3 lift buildings (216) + 4 walk-ups (80) = 296 homes, ~33,000 m².
    const plans: BuildingPlan[] = [];
    for (let no = 1; no <= 3; no++)
      plans.push({ no, name: `${no}栋`, kind: 'residential', hasLift: true, units: 2, floors: 18, perFloor: 2, area: [9800, 13200] });
    for (let no = 4; no <= 7; no++)
      plans.push({ no, name: `${no}栋`, kind: 'residential', hasLift: false, units: 2, floors: 5, perFloor: 2, area: [8600, 11800] });
    return plans;
  }
  // Generated compounds for scale runs: 6 buildings × 100 homes.
  return Array.from({ length: 6 }, (_, i) => ({
    no: i + 1,
    name: `${i + 1}栋`,
    kind: 'residential' as const,
    hasLift: i < 3,
    units: 2,
    floors: 25,
    perFloor: 2,
    area: [8000, 14000] as [number, number],
  }));
}

function buildCompound(compound: CompoundDoc, rand: () => number) {
  const buildings: BuildingDoc[] = [];
  const homes: HomeDoc[] = [];
  for (const plan of compoundPlans(compound._id)) {
    const buildingId = `${compound._id}-b${plan.no}`;
    const units: string[] = [];
    let count = 0;
    for (let u = 1; u <= plan.units; u++) {
      const unit = plan.kind === 'shops' ? '' : String(u);
      if (unit) units.push(unit);
      for (let f = 1; f <= plan.floors; f++) {
        for (let r = 1; r <= plan.perFloor; r++) {
          const number = plan.kind === 'shops' ? `S${String(r).padStart(2, '0')}` : `${f}${String(r).padStart(2, '0')}`;
          const kind = plan.kind === 'shops' ? 'shop' : 'flat';
          const [lo, hi] = plan.area;
          const areaCenti = lo + Math.floor(rand() * (hi - lo));
          homes.push({
            _id: homeId(buildingId, unit, number),
            communityId: compound.communityId,
            compoundId: compound._id,
            compoundName: compound.name,
            buildingId,
            buildingName: plan.name,
            unit,
            number,
            label: homeLabel(plan.name, unit, number, kind),
            kind,
            areaCenti,
            hasLift: plan.hasLift,
            registeredOwners: [],
            sortKey: roomSortKey(unit, number),
            updatedAt: EPOCH,
          });
          count++;
        }
      }
    }
    buildings.push({
      _id: buildingId,
      communityId: compound.communityId,
      compoundId: compound._id,
      no: plan.no,
      name: plan.name,
      kind: plan.kind,
      hasLift: plan.hasLift,
      units,
      homeCount: count,
    });
  }
  return { buildings, homes };
}

/** Named people the demo sign-in page lists, with the roles the article describes. */
interface NamedPerson {
  key: string;
  name: string;
  partyMember?: boolean;
  home?: { compoundId: string; building: number; unit: string; number: string; relation: Relation };
  roles?: Omit<RoleDoc, '_id' | 'personId' | 'grantedBy' | 'createdAt'>[];
}

const lead = (compoundId: string, ...nos: number[]) => ({
  role: 'buildingLead' as const,
  communityId: COMMUNITY_ID,
  compoundId,
  buildingIds: nos.map((n) => `${compoundId}-b${n}`),
});
const compoundRole = (role: RoleDoc['role'], compoundId: string) => ({ role, communityId: COMMUNITY_ID, compoundId });

export const NAMED_PEOPLE: NamedPerson[] = [
  { key: 'community-admin', name: '周文华', partyMember: true, roles: [{ role: 'communityAdmin', communityId: COMMUNITY_ID }] },
  // 天翔世家: owner-run, no property company; the committee hires a manager.
  {
    key: 'txsj-committee-chair',
    name: '林国栋',
    partyMember: true,
    home: { compoundId: TXSJ, building: 1, unit: '1', number: '801', relation: 'owner' },
    roles: [compoundRole('committeeMember', TXSJ)],
  },
  {
    key: 'txsj-committee',
    name: '黄美玲',
    home: { compoundId: TXSJ, building: 2, unit: '2', number: '502', relation: 'owner' },
    roles: [compoundRole('committeeMember', TXSJ)],
  },
  {
    key: 'txsj-secretary',
    name: '王志明',
    partyMember: true,
    home: { compoundId: TXSJ, building: 4, unit: '1', number: '1201', relation: 'owner' },
    roles: [compoundRole('branchSecretary', TXSJ)],
  },
  {
    key: 'txsj-lead-3',
    name: '李秀英',
    partyMember: true,
    home: { compoundId: TXSJ, building: 3, unit: '1', number: '602', relation: 'owner' },
    roles: [lead(TXSJ, 3)],
  },
  {
    key: 'txsj-lead-5',
    name: '张卫东',
    partyMember: true,
    home: { compoundId: TXSJ, building: 5, unit: '2', number: '301', relation: 'owner' },
    roles: [lead(TXSJ, 5, 6)],
  },
  { key: 'txsj-manager', name: '刘洋', roles: [compoundRole('propertyManager', TXSJ)] },
  { key: 'txsj-staff', name: '赵强', roles: [compoundRole('staff', TXSJ)] },
  { key: 'txsj-resident-3', name: '陈阿婆', home: { compoundId: TXSJ, building: 3, unit: '2', number: '101', relation: 'owner' } },
  { key: 'txsj-resident-3b', name: '吴晓峰', home: { compoundId: TXSJ, building: 3, unit: '1', number: '1502', relation: 'tenant' } },
  { key: 'txsj-resident-5', name: '郑海涛', home: { compoundId: TXSJ, building: 5, unit: '1', number: '702', relation: 'owner' } },
  { key: 'txsj-shop', name: '蔡老板', home: { compoundId: TXSJ, building: 9, unit: '', number: 'S07', relation: 'owner' } },
  // 御家兰庭: a property company re-tendered every 3 years by an owners' vote.
  {
    key: 'yjlt-committee',
    name: '吴丽华',
    home: { compoundId: YJLT, building: 1, unit: '1', number: '1001', relation: 'owner' },
    roles: [compoundRole('committeeMember', YJLT)],
  },
  {
    key: 'yjlt-secretary',
    name: '郑国强',
    partyMember: true,
    home: { compoundId: YJLT, building: 2, unit: '2', number: '702', relation: 'owner' },
    roles: [compoundRole('branchSecretary', YJLT)],
  },
  {
    key: 'yjlt-lead-3',
    name: '许春花',
    partyMember: true,
    home: { compoundId: YJLT, building: 3, unit: '1', number: '402', relation: 'owner' },
    roles: [lead(YJLT, 3, 4)],
  },
  { key: 'yjlt-manager', name: '孙志刚', partyMember: true, roles: [compoundRole('propertyManager', YJLT)] },
  { key: 'yjlt-resident-5', name: '何玉兰', home: { compoundId: YJLT, building: 5, unit: '1', number: '301', relation: 'owner' } },
];

export function demoOpenid(key: string) {
  return `demo-${key}`;
}

/**
 * @param extraHomes homes to add in generated compounds (0 for the demo; ~29,119 for
 *   the 30,000-household benchmark).
 * @param boundShare share of homes with a bound resident (generated people).
 */
export function buildSeed({ extraHomes = 0, boundShare = 0.6 } = {}): SeedData {
  const rand = rng(20081001);
  const communities = [{ _id: COMMUNITY_ID, name: '侨兴社区' }];
  // With their names' search keys, as setup writes them (compounds.search).
  const compounds: CompoundDoc[] = [
    withNameKeys({ _id: TXSJ, communityId: COMMUNITY_ID, name: '天翔世家' }),
    withNameKeys({ _id: YJLT, communityId: COMMUNITY_ID, name: '御家兰庭' }),
  ];
  // A district's other compounds sit in communities of ten, as a 社区 looks after a handful
  // of compounds and a 街道 several 社区: 侨兴社区 keeps its own at every size.
  for (let i = 0; i * 600 < extraHomes; i++) {
    const k = Math.floor(i / 10) + 1;
    if (i % 10 === 0) communities.push({ _id: `gen-community-${k}`, name: `示例社区${k}` });
    compounds.push(withNameKeys({ _id: `gen${i + 1}`, communityId: `gen-community-${k}`, name: `示例小区${i + 1}` }));
  }
  const buildings: BuildingDoc[] = [];
  const homes: HomeDoc[] = [];
  for (const c of compounds) {
    const built = buildCompound(c, rand);
    buildings.push(...built.buildings);
    homes.push(...built.homes);
  }
  // Every home gets registered owners (the property register the committee keeps).
  homes.forEach((h, i) => {
    h.registeredOwners = [{ name: nameAt(i + 100), phone: phoneAt(i) }];
  });
  const people: PersonDoc[] = [];
  const memberships: MembershipDoc[] = [];
  const roles: RoleDoc[] = [];
  const homeById = new Map(homes.map((h) => [h._id, h]));
  const bind = (person: PersonDoc, home: HomeDoc, relation: Relation) => {
    memberships.push({
      _id: `${person._id}_${home._id}`,
      personId: person._id,
      homeId: home._id,
      buildingId: home.buildingId,
      compoundId: home.compoundId,
      communityId: home.communityId,
      relation,
      status: 'active',
      via: 'seed',
      createdAt: EPOCH,
    });
  };
  const taken = new Set<string>();
  for (const np of NAMED_PEOPLE) {
    const person: PersonDoc = {
      _id: `p-${np.key}`,
      openid: demoOpenid(np.key),
      name: np.name,
      phone: phoneAt(people.length + 7),
      partyMember: !!np.partyMember,
      showPartyBadge: !!np.partyMember,
      createdAt: EPOCH,
    };
    people.push(person);
    if (np.home) {
      const id = homeId(`${np.home.compoundId}-b${np.home.building}`, np.home.unit, np.home.number);
      const home = homeById.get(id);
      if (!home) throw new Error(`seed: no home ${id}`);
      if (np.home.relation === 'owner') home.registeredOwners = [{ name: np.name, phone: person.phone }];
      bind(person, home, np.home.relation);
      taken.add(id);
    }
    for (const r of np.roles ?? [])
      roles.push({ _id: `r-${np.key}-${r.role}`, personId: person._id, grantedBy: 'seed', createdAt: EPOCH, ...r });
  }
  // Generated residents: owners of a share of the remaining homes, and party members
  // up to the article's counts (47 in 天翔世家, 37 in 御家兰庭).
  const partyLeft: Record<string, number> = { [TXSJ]: 47, [YJLT]: 37 };
  for (const np of NAMED_PEOPLE) if (np.partyMember && np.home) partyLeft[np.home.compoundId]--;
  let n = 0;
  for (const home of homes) {
    if (taken.has(home._id) || rand() >= boundShare) continue;
    const party = (partyLeft[home.compoundId] ?? 0) > 0 && rand() < 0.15;
    if (party) partyLeft[home.compoundId]--;
    const owner = home.registeredOwners[0];
    // About one in six agreed to 愿意楼栋长联系我, so a lead has people to call in the demo.
    const person: PersonDoc = {
      _id: `p-gen-${n}`,
      openid: `demo-gen-${n}`,
      name: owner.name,
      phone: owner.phone,
      partyMember: party,
      showPartyBadge: false,
      ...(n % 6 === 0 ? { contactLead: true } : {}),
      createdAt: EPOCH,
    };
    n++;
    people.push(person);
    bind(person, home, 'owner');
  }
  return { communities, compounds, buildings, homes, people, memberships, roles };
}
