/** Words the community pages and functions share (no zod, no dayjs: the client imports this). */
export const CASE_SOURCES = ['concern', 'topic', 'repair', 'activity', 'other'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
/** Where a 互学 case came from. */
export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  concern: '民情',
  topic: '议事厅',
  repair: '报修',
  activity: '志愿活动',
  other: '其他',
};
