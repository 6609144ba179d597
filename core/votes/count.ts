/**
 * How an owners' vote is counted (民法典 第二百七十八条, and the Supreme People's
 * Court interpretation on 建筑物区分所有权, arts. 8–9). A PURE function: the same
 * roll and ballots always give the same result, so anyone holding the published
 * roll (room, area) and the published ballots (room, choice) can recount it.
 *
 * THE ROLL (who counts, and for how much)
 * - Area: each home's 专有部分面积 from the property register (`areaCenti`,
 *   hundredths of m², integers only: no float ever enters the count).
 * - Owners (人数): one home is one owner; an owner of several homes is ONE owner
 *   whose areas are added; all unsold homes of the developer together are ONE
 *   owner (司法解释 第九条). Co-owners of one home are one owner (one ballot).
 *   `buildRoll` groups homes into entries by their registered owners; the roll is
 *   frozen when the vote opens.
 *
 * THE THRESHOLDS (every comparison is done on integers, by cross-multiplying)
 * - Turnout (参与表决): participating area ≥ 2/3 of the roll's area AND
 *   participating owners ≥ 2/3 of the roll's owners. Both must hold.
 *     3 × partArea ≥ 2 × totalArea  and  3 × partOwners ≥ 2 × totalOwners
 * - Approval, items 1–5 and 9 (过半数): approving area > 1/2 of PARTICIPATING area
 *   AND approving owners > 1/2 of participating owners. Exactly one half fails.
 *   Item 5 (using the repair fund) is one of these: a simple majority.
 *     2 × yesArea > partArea  and  2 × yesOwners > partOwners
 * - Approval, items 6–8 (raising the repair fund; rebuilding or reconstructing;
 *   changing the use of common parts or running a business on them): ≥ 3/4 of
 *   participating area AND owners. Exactly three quarters passes.
 *     4 × yesArea ≥ 3 × partArea  and  4 × yesOwners ≥ 3 × partOwners
 * - Abstentions (弃权) participate: they count in turnout and in the
 *   participating denominators, never as approval.
 * - Candidates / bidders: every candidate's own area and owner count is held to
 *   the approval threshold above; the passing ones are elected in order of owners,
 *   then area, up to the seats. A tie at the last seat is reported (`tieAtLastSeat`)
 *   and that seat is left for another vote.
 * - A changed ballot replaces the earlier one: only the owner's latest counts.
 */

/** The nine matters of 民法典 第二百七十八条 第一款. */
export const MATTER_KINDS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type MatterKind = (typeof MATTER_KINDS)[number];
export const MATTER_KIND_LABELS: Record<MatterKind, string> = {
  1: '制定和修改业主大会议事规则',
  2: '制定和修改管理规约',
  3: '选举业主委员会或者更换业主委员会成员',
  4: '选聘和解聘物业服务企业或者其他管理人',
  5: '使用建筑物及其附属设施的维修资金',
  6: '筹集建筑物及其附属设施的维修资金',
  7: '改建、重建建筑物及其附属设施',
  8: '改变共有部分的用途或者利用共有部分从事经营活动',
  9: '有关共有和共同管理权利的其他重大事项',
};
/** Items 6–8 need three quarters; the others more than half. */
export function isSpecialMajority(kind: MatterKind): boolean {
  return kind === 6 || kind === 7 || kind === 8;
}
export function thresholdLabel(kind: MatterKind): string {
  return isSpecialMajority(kind)
    ? '参与表决的专有部分面积四分之三以上且参与表决人数四分之三以上的业主同意'
    : '参与表决的专有部分面积过半数且参与表决人数过半数的业主同意';
}
export const TURNOUT_LABEL = '专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决';

// ---------------------------------------------------------------- the roll

export interface RegisterHome {
  homeId: string;
  label: string;
  areaCenti: number;
  /** Names (and phones) on the property register; empty = unknown owner, the home counts alone. */
  owners: { name: string; phone?: string }[];
  /** Unsold (or sold but not delivered) and held by the developer. */
  developerHeld?: boolean;
}
export interface RollEntry {
  /** Stable within one roll: the owner's key (never shown: it is built from names). */
  key: string;
  homeIds: string[];
  areaCenti: number;
  developer: boolean;
}

/** The name the register uses for the developer's unsold homes. */
export const DEVELOPER_NAME = '开发商';

/** Who owns a home, as one key: co-owners together; the developer as one; an unknown owner as the home itself. */
export function ownerKeyOf(h: Pick<RegisterHome, 'homeId' | 'owners' | 'developerHeld'>): string {
  if (h.developerHeld || h.owners.some((o) => o.name.trim() === DEVELOPER_NAME)) return 'developer';
  if (h.owners.length === 0) return `home:${h.homeId}`;
  const norm = (s: string) => s.normalize('NFC').replace(/[\s\u3000·•]/g, '');
  return (
    'owners:' +
    h.owners
      .map((o) => `${norm(o.name)}|${(o.phone ?? '').replace(/\D/g, '')}`)
      .sort()
      .join(';')
  );
}

/** Homes → roll entries: one per owner, areas added, the developer's unsold homes as one. */
export function buildRoll(homes: RegisterHome[]): RollEntry[] {
  const byKey = new Map<string, RollEntry>();
  for (const h of homes) {
    if (!Number.isSafeInteger(h.areaCenti) || h.areaCenti < 0) throw new RangeError(`面积有误：${h.label}`);
    const key = ownerKeyOf(h);
    const e = byKey.get(key) ?? { key, homeIds: [], areaCenti: 0, developer: key === 'developer' };
    e.homeIds.push(h.homeId);
    e.areaCenti += h.areaCenti;
    byKey.set(key, e);
  }
  return [...byKey.values()];
}

export function rollTotals(roll: Pick<RollEntry, 'areaCenti'>[]): Totals {
  return { owners: roll.length, areaCenti: roll.reduce((s, e) => s + e.areaCenti, 0) };
}

// ---------------------------------------------------------------- ballots and the tally

export interface Totals {
  owners: number;
  areaCenti: number;
}
export type MatterFormat = 'approval' | 'election';
export const APPROVAL_OPTIONS = ['approve', 'reject', 'abstain'] as const;
export const ABSTAIN = 'abstain';
export const CHOICE_LABELS: Record<string, string> = { approve: '同意', reject: '反对', abstain: '弃权' };

export interface MatterShape {
  kind: MatterKind;
  format: MatterFormat;
  /** Candidate / bidder ids (election only). */
  candidateIds?: string[];
  /** Seats to fill (election only). */
  seats?: number;
}

/** What a ballot may choose: approve|reject|abstain, or up to `seats` distinct candidates, or abstain. */
export function choiceProblem(m: MatterShape, choices: string[]): string | null {
  if (choices.length === 0) return '请选择';
  if (new Set(choices).size !== choices.length) return '选项重复';
  if (m.format === 'approval')
    return choices.length === 1 && (APPROVAL_OPTIONS as readonly string[]).includes(choices[0]) ? null : '请选择同意、反对或弃权';
  if (choices.length === 1 && choices[0] === ABSTAIN) return null;
  if (choices.includes(ABSTAIN)) return '弃权时不能再选候选人';
  if (choices.length > (m.seats ?? 1)) return `最多选${m.seats ?? 1}位`;
  if (!choices.every((c) => (m.candidateIds ?? []).includes(c))) return '候选人不存在';
  return null;
}

/** The running tally: participants, and per choice (option or candidate) the owners and area. */
export interface Tally {
  participants: Totals;
  choices: Record<string, Totals>;
}
export function emptyTally(): Tally {
  return { participants: { owners: 0, areaCenti: 0 }, choices: {} };
}

/**
 * One ballot into the tally: `previous` is the owner's earlier choice (a change), or
 * null for a first ballot. Returns a new tally (the input is not modified).
 */
export function applyBallot(t: Tally, areaCenti: number, previous: string[] | null, next: string[]): Tally {
  const out: Tally = {
    participants: { ...t.participants },
    choices: Object.fromEntries(Object.entries(t.choices).map(([k, v]) => [k, { ...v }])),
  };
  const add = (c: string, sign: 1 | -1) => {
    const v = out.choices[c] ?? { owners: 0, areaCenti: 0 };
    v.owners += sign;
    v.areaCenti += sign * areaCenti;
    out.choices[c] = v;
  };
  if (previous) for (const c of previous) add(c, -1);
  else {
    out.participants.owners += 1;
    out.participants.areaCenti += areaCenti;
  }
  for (const c of next) add(c, 1);
  return out;
}

export interface CastBallot {
  /** The roll entry's key. */
  key: string;
  choices: string[];
  /** When it was cast; a later ballot of the same owner replaces an earlier one. */
  at: number;
}

/** The tally of ballots against a roll: the latest ballot per owner; ballots of owners not on the roll are ignored. */
export function tallyBallots(roll: RollEntry[], ballots: CastBallot[]): Tally {
  const area = new Map(roll.map((e) => [e.key, e.areaCenti]));
  const latest = new Map<string, CastBallot>();
  for (const b of ballots) {
    if (!area.has(b.key)) continue;
    const prev = latest.get(b.key);
    if (!prev || b.at >= prev.at) latest.set(b.key, b);
  }
  let t = emptyTally();
  for (const b of latest.values()) t = applyBallot(t, area.get(b.key)!, null, b.choices);
  return t;
}

/**
 * Two tallies of DISJOINT sets of owners added (the final count's batches: each batch
 * is tallied with `tallyBallots` over its own roll entries, then the batches are added).
 */
export function addTallies(a: Tally, b: Tally): Tally {
  const choices: Record<string, Totals> = Object.fromEntries(Object.entries(a.choices).map(([k, v]) => [k, { ...v }]));
  for (const [k, v] of Object.entries(b.choices)) {
    const c = choices[k] ?? { owners: 0, areaCenti: 0 };
    choices[k] = { owners: c.owners + v.owners, areaCenti: c.areaCenti + v.areaCenti };
  }
  return {
    participants: { owners: a.participants.owners + b.participants.owners, areaCenti: a.participants.areaCenti + b.participants.areaCenti },
    choices,
  };
}

// ---------------------------------------------------------------- the result

export interface Measure {
  /** Met? */
  met: boolean;
  owners: number;
  areaCenti: number;
  /** Of what (the roll for turnout, the participants for approval). */
  ofOwners: number;
  ofAreaCenti: number;
  /** Each side on its own (a result is met only when both are). */
  ownersMet: boolean;
  areaMet: boolean;
  /** Still needed to meet it (0 when met): owners and hundredths of m². */
  needOwners: number;
  needAreaCenti: number;
}

export interface ChoiceResult extends Measure {
  id: string;
}

export interface CountResult {
  kind: MatterKind;
  format: MatterFormat;
  special: boolean;
  roll: Totals;
  turnout: Measure;
  /** approval: approve / reject / abstain; election: every candidate, plus abstain. */
  choices: ChoiceResult[];
  /** approval: the matter passed; election: at least one seat filled. */
  passed: boolean;
  /** election: the candidates elected, in order. */
  elected: string[];
  tieAtLastSeat: boolean;
  /** One line in Chinese, e.g. "参与表决不足：还差 12 户 / 1,234.50 m² 参与". */
  summary: string;
  /** "还差 N 户 / N m² 参与", or '' once turnout is met. */
  missing: string;
}

/** Smallest n with n × den ≥ num × total (n ≥ num/den of total), integers only. */
function atLeast(total: number, num: number, den: number): number {
  return Math.ceil((total * num) / den - 1e-9);
}
/** Smallest n with n × den > num × total (strictly more than num/den of total). */
function moreThan(total: number, num: number, den: number): number {
  return Math.floor((total * num) / den) + 1;
}

function measure(owners: number, areaCenti: number, of: Totals, rule: 'twoThirds' | 'half' | 'threeQuarters'): Measure {
  const ownersMet =
    rule === 'twoThirds' ? 3 * owners >= 2 * of.owners : rule === 'half' ? 2 * owners > of.owners : 4 * owners >= 3 * of.owners;
  const areaMet =
    rule === 'twoThirds'
      ? 3 * areaCenti >= 2 * of.areaCenti
      : rule === 'half'
        ? 2 * areaCenti > of.areaCenti
        : 4 * areaCenti >= 3 * of.areaCenti;
  const needO = rule === 'twoThirds' ? atLeast(of.owners, 2, 3) : rule === 'half' ? moreThan(of.owners, 1, 2) : atLeast(of.owners, 3, 4);
  const needA =
    rule === 'twoThirds' ? atLeast(of.areaCenti, 2, 3) : rule === 'half' ? moreThan(of.areaCenti, 1, 2) : atLeast(of.areaCenti, 3, 4);
  return {
    met: ownersMet && areaMet && of.owners > 0,
    owners,
    areaCenti,
    ofOwners: of.owners,
    ofAreaCenti: of.areaCenti,
    ownersMet,
    areaMet,
    needOwners: ownersMet ? 0 : Math.max(0, needO - owners),
    needAreaCenti: areaMet ? 0 : Math.max(0, needA - areaCenti),
  };
}

/** 123450 → "1,234.50" */
export function areaText(centi: number): string {
  const whole = Math.floor(centi / 100).toLocaleString('en-US');
  return `${whole}.${String(centi % 100).padStart(2, '0')}`;
}

export function missingText(m: Pick<Measure, 'needOwners' | 'needAreaCenti'>, what = '参与'): string {
  if (m.needOwners === 0 && m.needAreaCenti === 0) return '';
  const parts: string[] = [];
  if (m.needOwners > 0) parts.push(`${m.needOwners} 户`);
  if (m.needAreaCenti > 0) parts.push(`${areaText(m.needAreaCenti)} m²`);
  return `还差 ${parts.join(' / ')} ${what}`;
}

/** The result of a tally against the roll's totals. */
export function resultOf(m: MatterShape, roll: Totals, t: Tally): CountResult {
  const special = isSpecialMajority(m.kind);
  const turnout = measure(t.participants.owners, t.participants.areaCenti, roll, 'twoThirds');
  const rule = special ? 'threeQuarters' : 'half';
  const ids = m.format === 'approval' ? [...APPROVAL_OPTIONS] : [...(m.candidateIds ?? []), ABSTAIN];
  const choices: ChoiceResult[] = ids.map((id) => {
    const v = t.choices[id] ?? { owners: 0, areaCenti: 0 };
    return { id, ...measure(v.owners, v.areaCenti, t.participants, rule) };
  });
  let passed = false;
  let elected: string[] = [];
  let tieAtLastSeat = false;
  if (m.format === 'approval') {
    passed = turnout.met && choices[0].met;
  } else if (turnout.met) {
    const seats = m.seats ?? 1;
    const passing = choices.filter((c) => c.id !== ABSTAIN && c.met).sort((a, b) => b.owners - a.owners || b.areaCenti - a.areaCenti);
    if (passing.length > seats) {
      const last = passing[seats - 1];
      const next = passing[seats];
      tieAtLastSeat = last.owners === next.owners && last.areaCenti === next.areaCenti;
    }
    elected = passing
      .slice(0, seats)
      .filter((c) => !tieAtLastSeat || !(c.owners === passing[seats - 1].owners && c.areaCenti === passing[seats - 1].areaCenti))
      .map((c) => c.id);
    passed = elected.length > 0;
  }
  const missing = missingText(turnout);
  let summary: string;
  if (!turnout.met) summary = `参与表决不足，未形成决定：${missing}`;
  else if (m.format === 'approval') {
    const yes = choices[0];
    summary = passed
      ? `表决通过（同意 ${yes.owners} 户、${areaText(yes.areaCenti)} m²）`
      : `未通过：${special ? '同意未达四分之三' : '同意未过半数'}（${!yes.ownersMet && !yes.areaMet ? '人数和面积' : !yes.ownersMet ? '人数' : '面积'}不足）`;
  } else summary = passed ? `当选 ${elected.length} 位${tieAtLastSeat ? '，末位票数相同，需另行表决' : ''}` : '无人达到当选票数';
  return { kind: m.kind, format: m.format, special, roll, turnout, choices, passed, elected, tieAtLastSeat, summary, missing };
}

/** Roll + ballots + kind → result: what a sub-district office can recompute from the published lists. */
export function countVote(m: MatterShape, roll: RollEntry[], ballots: CastBallot[]): CountResult {
  return resultOf(m, rollTotals(roll), tallyBallots(roll, ballots));
}
