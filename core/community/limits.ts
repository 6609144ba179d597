/** Limits of the community overview, read by the schemas, the rules and the pages. */
export const COMMUNITY_LIMITS = {
  /** A cell whose base holds fewer homes than this shows 样本太少 (a figure of 1–4 homes can point at a home). */
  minBase: 5,
  /** Months in the trend (the period shown and the 11 before it). */
  trendMonths: 12,
  /** Compounds side by side at most (columns on a phone). */
  compareMax: 6,
  /** Days after month end by which a statement counts as published on time. */
  statementDays: 10,
  /** Hours after publication within which a home counts as having known a notice. */
  reachHours: 48,
  /** 示范创建: photos of evidence per 六有 item; the note beside an item; a 互评's comment. */
  evidencePhotos: 3,
  itemNote: 60,
  rateComment: 200,
  /** 互学 cases: title, problem, what was done, photos, figures that moved. */
  caseTitle: 30,
  caseText: 600,
  casePhotos: 6,
  caseFigures: 3,
  /** Cases listed per page (newest first, the featured above them). */
  casePage: 20,
} as const;
