/**
 * The community's figures: their keys, and what each means (definition, caveat, which
 * way is better). Pure data with no dependency, so the pages can name them too;
 * core/community/rules.ts computes them.
 */
export const FIGURE_KEYS = [
  'noticeReach',
  'feeCollection',
  'statementOnTime',
  'repairMedianDays',
  'repairOverdueShare',
  'repairSatisfaction',
  'concernsAnswered',
  'concernsSatisfaction',
  'volunteerHoursPer100',
  'visitedHomes',
  'votesHeld',
  'voteTurnout',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type FigureUnit = 'percent' | 'days' | 'score' | 'hours' | 'count' | 'yesno';

export interface FigureDef {
  key: FigureKey;
  label: string;
  /** Shorter, for the gap sentence ("收缴率比示范小区低 6 个百分点"). */
  short: string;
  unit: FigureUnit;
  /** Which way is better; null = neither (a count of votes). */
  better: 'higher' | 'lower' | null;
  definition: string;
  caveat: string;
  /** The feature the figure waits for (民情, 走访): no data yet, shown as 暂无数据. */
  pending?: string;
}

export const FIGURES: Record<FigureKey, FigureDef> = {
  noticeReach: {
    key: 'noticeReach',
    label: '通知48小时知晓率',
    short: '通知知晓率',
    unit: 'percent',
    better: 'higher',
    definition: '本月发布的通知中，48小时内在小程序打开或由楼栋长当面告知的户数，占通知覆盖户数的比例。',
    caveat: '只统计通过本系统发布的通知；贴在楼道的纸质通知、微信群转发不计入。',
  },
  feeCollection: {
    key: 'feeCollection',
    label: '物业费收缴率',
    short: '收缴率',
    unit: 'percent',
    better: 'higher',
    definition: '本月账单已缴金额占应缴金额的比例（按金额计，统计时点为快照日）。',
    caveat: '线下缴纳未登记入账的不计入；月初快照时当月收缴尚未结束，数字会偏低。',
  },
  statementOnTime: {
    key: 'statementOnTime',
    label: '账目按时公示',
    short: '账目公示',
    unit: 'yesno',
    better: 'higher',
    definition: '本月账目在月末后10天内结账并公示为"按时"。',
    caveat: '未到公示期限（月末后10天）时显示暂无数据。',
  },
  repairMedianDays: {
    key: 'repairMedianDays',
    label: '报修完成天数（中位数）',
    short: '报修完成天数',
    unit: 'days',
    better: 'lower',
    definition: '本月报修中已完成的，从报修到完成所用天数的中位数。',
    caveat: '只统计已完成的报修；大修、需采购配件的报修会拉长天数。',
  },
  repairOverdueShare: {
    key: 'repairOverdueShare',
    label: '报修超时率',
    short: '报修超时率',
    unit: 'percent',
    better: 'lower',
    definition: '本月报修中超过完成时限才完成（或至快照日仍未完成且已超时）的比例。',
    caveat: '时限按报修类别和是否紧急设定；已取消、已合并的报修不计入。',
  },
  repairSatisfaction: {
    key: 'repairSatisfaction',
    label: '报修满意度',
    short: '报修满意度',
    unit: 'score',
    better: 'higher',
    definition: '本月报修中住户评价的平均分（1–5分）。',
    caveat: '只统计打了分的报修，不评价的住户不计入。',
  },
  concernsAnswered: {
    key: 'concernsAnswered',
    label: '民情按时答复率',
    short: '民情答复率',
    unit: 'percent',
    better: 'higher',
    definition:
      '本月提出的民情（合并掉的重复件不计）中，在首次答复时限内得到答复的比例。时限未到且还没答复的不计入，时限已过仍未答复的算未按时。',
    caveat: '按提出的月份统计；答复时限由各小区设定（默认3天），时限不同的小区比较时要留意；代为登记的民情也计入。',
  },
  concernsSatisfaction: {
    key: 'concernsSatisfaction',
    label: '民情满意度',
    short: '民情满意度',
    unit: 'percent',
    better: 'higher',
    definition: '本月提出的民情中，提出人评价"满意"的占已评价的比例，以最后一次评价为准。',
    caveat: '只统计评价过的民情，不评价的不计入；评"不满意"后会重新处理，之后再评满意按满意计。',
  },
  volunteerHoursPer100: {
    key: 'volunteerHoursPer100',
    label: '志愿服务时长（每百户）',
    short: '每百户志愿时长',
    unit: 'hours',
    better: 'higher',
    definition: '本月活动签到签退记录的志愿服务小时数，按每百户折算。',
    caveat: '只统计在系统中签到签退的活动；未登记的服务不计入。',
  },
  visitedHomes: {
    key: 'visitedHomes',
    label: '半年走访户数占比',
    short: '走访覆盖率',
    unit: 'percent',
    better: 'higher',
    definition: '近六个月（含本月）党员上门、电话或路遇走访到的户数占总户数的比例；不在家不计。',
    caveat: '只统计在系统中登记的走访；走访记录保留一年，本数字只用近六个月。',
  },
  votesHeld: {
    key: 'votesHeld',
    label: '表决次数',
    short: '表决次数',
    unit: 'count',
    better: null,
    definition: '本月结束投票并公布结果的业主表决事项数。',
    caveat: '次数多少不代表好坏，要看事项本身。',
  },
  voteTurnout: {
    key: 'voteTurnout',
    label: '表决参与率',
    short: '表决参与率',
    unit: 'percent',
    better: 'higher',
    definition: '本月结束的表决中，参与表决的业主人数占表决名册人数的比例。',
    caveat: '按人数计，不按专有部分面积计；无表决的月份显示暂无数据。',
  },
};
