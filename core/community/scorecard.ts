/**
 * 示范创建 scorecards: the community's criteria with weights (the 六有 standard for a
 * 邻里中心 first, then figures from the monthly snapshot), each compound's
 * self-assessment with photo evidence, the other compounds' 互评, and how a score is
 * made from them — as lines a person can check. Pure: the functions and the pages
 * read these; the client never recomputes a score.
 */
import { FIGURES, type Cell, type FigureKey } from './rules';

/** 六有: 有场所、有设施、有标志、有党旗、有书报、有制度 (each a yes/no with photo evidence). */
export const CHECK_ITEMS = [
  { key: 'place', label: '有场所', hint: '有固定的邻里中心（党群服务点）活动场所' },
  { key: 'facilities', label: '有设施', hint: '有桌椅、饮水、电教等基本设施' },
  { key: 'sign', label: '有标志', hint: '有统一的邻里中心标识标牌' },
  { key: 'flag', label: '有党旗', hint: '有党旗或党员活动标识' },
  { key: 'books', label: '有书报', hint: '有书报阅览角，书报定期更新' },
  { key: 'rules', label: '有制度', hint: '有上墙的管理和值班制度' },
] as const;
export type CheckKey = (typeof CHECK_ITEMS)[number]['key'];
export const CHECK_KEYS = CHECK_ITEMS.map((i) => i.key) as unknown as readonly [CheckKey, ...CheckKey[]];
export const CHECK_LABELS = Object.fromEntries(CHECK_ITEMS.map((i) => [i.key, i.label])) as Record<CheckKey, string>;

/** Figures a scorecard counts, each earning its weight × its share (a percentage, or 按时 = all of it). */
export const SCORED_FIGURES = [
  'noticeReach',
  'feeCollection',
  'statementOnTime',
  'concernsAnswered',
] as const satisfies readonly FigureKey[];
export type ScoredFigure = (typeof SCORED_FIGURES)[number];

/** The community's weights: one per 六有 item and per scored figure. */
export interface Criteria {
  items: Record<CheckKey, number>;
  figures: Record<ScoredFigure, number>;
}
/** The first standard a community gets: 六有 60 points (10 each), figures 40 (10 each). */
export const DEFAULT_CRITERIA: Criteria = {
  items: { place: 10, facilities: 10, sign: 10, flag: 10, books: 10, rules: 10 },
  figures: { noticeReach: 10, feeCollection: 10, statementOnTime: 10, concernsAnswered: 10 },
};

/** The weights a community set, each applying from its month on (earlier months keep theirs). */
export interface CriteriaChange {
  from: string;
  criteria: Criteria;
}
/** The weights that apply to `period`: the latest change from that month or before, else the default. */
export function criteriaFor(changes: readonly CriteriaChange[] | undefined, period: string): Criteria {
  const applying = (changes ?? []).filter((c) => c.from <= period).sort((a, b) => a.from.localeCompare(b.from));
  return applying.length ? applying[applying.length - 1].criteria : DEFAULT_CRITERIA;
}

/** A compound's own answer for one item. */
export interface SelfItem {
  met: boolean;
  /** Photos as evidence (how many passed or are still being checked). */
  photos: number;
}
/** What the rating compounds said of one item. */
export interface PeerTally {
  yes: number;
  no: number;
}

export interface ScoreLine {
  kind: 'item' | 'figure';
  key: string;
  label: string;
  weight: number;
  /** Null: not counted (no data or too few homes); the maximum shrinks by its weight. */
  earned: number | null;
  how: string;
}
export interface Score {
  /** 0–100 with one decimal, or null when nothing could be counted. */
  score: number | null;
  earned: number;
  available: number;
  lines: ScoreLine[];
  /** One sentence: how the lines became the score. */
  how: string;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * An item counts when the compound says 有 with at least one photo, and the compounds
 * that rated it did not mostly disagree (a tie keeps the compound's word).
 */
export function itemMet(self: SelfItem | null, peers: PeerTally): boolean {
  return !!self && self.met && self.photos > 0 && peers.yes >= peers.no;
}

function itemHow(self: SelfItem | null, peers: PeerTally): string {
  const own = !self ? '未自评' : self.met ? (self.photos > 0 ? `自评有（${self.photos}张照片）` : '自评有，但没有照片') : '自评没有';
  const others = peers.yes + peers.no ? `；互评${peers.yes}个小区认可、${peers.no}个不认可` : '；尚无互评';
  return own + others;
}

/** The score of one compound's month: 六有 from the assessment and 互评, figures from its snapshot cells. */
export function scoreOf(
  criteria: Criteria,
  self: Partial<Record<CheckKey, SelfItem>> | null,
  peers: Partial<Record<CheckKey, PeerTally>>,
  cells: Partial<Record<FigureKey, Cell>>,
): Score {
  const lines: ScoreLine[] = [];
  for (const item of CHECK_ITEMS) {
    const s = self?.[item.key] ?? null;
    const p = peers[item.key] ?? { yes: 0, no: 0 };
    const weight = criteria.items[item.key];
    lines.push({ kind: 'item', key: item.key, label: item.label, weight, earned: itemMet(s, p) ? weight : 0, how: itemHow(s, p) });
  }
  for (const key of SCORED_FIGURES) {
    const weight = criteria.figures[key];
    const c = cells[key];
    const label = FIGURES[key].label;
    if (!c || c.state !== 'value') {
      lines.push({ kind: 'figure', key, label, weight, earned: null, how: `${c?.text ?? '暂无数据'}，不计入，满分减少${weight}分` });
      continue;
    }
    const share = FIGURES[key].unit === 'yesno' ? (c.value! >= 1 ? 1 : 0) : Math.max(0, Math.min(1, c.value!));
    lines.push({ kind: 'figure', key, label, weight, earned: r1(weight * share), how: `${c.text} × ${weight}分` });
  }
  const counted = lines.filter((l) => l.earned !== null);
  const available = counted.reduce((s, l) => s + l.weight, 0);
  const earned = r1(counted.reduce((s, l) => s + l.earned!, 0));
  const score = available ? r1((earned / available) * 100) : null;
  return {
    score,
    earned,
    available,
    lines,
    how: score === null ? '没有可计分的项目' : `得分 = 已得 ${earned} 分 ÷ 可计满分 ${available} 分 × 100 = ${score}`,
  };
}

/** Tally the ratings of one compound's month per item. */
export function tally(ratings: { items: Partial<Record<CheckKey, boolean>> }[]): Record<CheckKey, PeerTally> {
  const out = Object.fromEntries(CHECK_KEYS.map((k) => [k, { yes: 0, no: 0 }])) as Record<CheckKey, PeerTally>;
  for (const r of ratings)
    for (const k of CHECK_KEYS) {
      if (r.items[k] === true) out[k].yes++;
      else if (r.items[k] === false) out[k].no++;
    }
  return out;
}
