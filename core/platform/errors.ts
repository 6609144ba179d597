/**
 * Typed errors shared by functions and client. Every failure a user can meet has a
 * stable code (for code paths and tests) and a Chinese message (for people).
 */
export const ERROR_MESSAGES = {
  BAD_REQUEST: '请求内容有误，请检查后重试',
  UNKNOWN_ACTION: '不支持的操作',
  UNAUTHENTICATED: '请先登录',
  NOT_REGISTERED: '请先完善个人信息',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '内容不存在或已删除',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  ALREADY_BOUND: '您已绑定该房屋',
  ALREADY_REQUESTED: '您已提交过该房屋的绑定申请，请等待审核',
  ALREADY_DECIDED: '该申请已处理',
  INVITE_INVALID: '邀请码无效或已过期',
  IMPORT_INVALID: '导入文件有误，未导入任何数据',
  CONTENT_REJECTED: '内容未通过安全检测，请修改后再发布',
  NOTICE_CLOSED: '该通知已撤回、已更正或未通过审核，不能再进行此操作',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  NETWORK: '网络不太好，请稍后重试',
  /** The call went out but no answer came in time: it may have happened. Retrying with the same request id is safe. */
  TIMEOUT: '服务器响应超时，请稍后查看结果再决定是否重试',
  TOO_MANY_PENDING: '您的待审核申请太多，请等已有申请处理后再提交',
  SELF_DECISION: '不能审批自己的申请或给自己授予角色',
  FILE_INVALID: '文件无效或无权使用，请重新上传',
  NOT_ELIGIBLE: '您不在本活动的报名范围内',
  SIGNUP_CLOSED: '报名已截止或活动已开始',
  ACTIVITY_FULL: '名额和候补都已满',
  BILL_PAID: '账单已缴清或正在支付，请刷新后再看',
  MONTH_CLOSED: '该月账目已结账，不能再记入或更改',
  PAY_FAILED: '微信支付下单未成功，请稍后重试',
  /** votes */
  VOTE_NOT_OPEN: '投票尚未开始或已经截止',
  VOTE_ALREADY_CAST: '该业主已经投过票，不能重复录入',
  VOTE_NOT_OWNER: '只有已绑定该房屋的业主本人可以投票（租户和家庭成员不能投票）',
  VOTE_PREVIOUS_OWNER_VOTED: '该房屋的原业主已经投票，新业主不能再投',
  VOTE_NOTICE_TOO_SHORT: '表决事项须在投票开始前至少公告15天',
  VOTE_ROLL_FROZEN: '投票已开始，业主名册已冻结，不能再更改',
  VOTE_NOT_ENDED: '投票尚未截止，或公示期未满',
  VOTE_STATE: '该表决事项当前状态不能进行此操作，请刷新后查看',
  INTERNAL: '系统繁忙，请稍后重试',
  /** repairs: a move the state machine does not allow from where the repair is now. */
  REPAIR_STATE: '这条报修当前状态不能进行此操作，请刷新后查看',
  /** onboarding: a claim code that is wrong, used or past its 24 hours. */
  CLAIM_INVALID: '认领码无效、已使用或已过期',
  /** onboarding: the place already has someone in the role; roles now come from them through 角色管理. */
  /** accounts: the community stands in only for a compound without a committee, one worker at a time. */
  STAND_IN_REFUSED: '该小区已有业委会或已由其他社区工作人员代行，无需再代行',
  CLAIM_TAKEN: '该小区（社区）已有人担任此角色，请联系其在「角色管理」中为您授予角色',
  /** vehicles */
  VEHICLE_LIMIT: '每户最多登记5个车牌，请先删除不用的',
  VEHICLE_TAKEN: '该车牌已由本小区另一户登记，如有误请联系物业',
  VEHICLE_OWN: '这是您家登记的车辆，不需要提醒自己',
  MOVE_STATE: '这条挪车提醒当前状态不能进行此操作，请刷新后查看',
  /** concerns: a move a concern's state does not allow now. */
  CONCERN_STATE: '这条民情当前状态不能进行此操作，请刷新后查看',
  /** concerns: a 议事厅 step out of order (征集 → 通报 → 协商 → 公示 → 实施 → 反馈). */
  TOPIC_STAGE: '议事步骤须按顺序进行，请刷新后查看',
  /** community: 互评 of one's own compound. */
  RATE_OWN_COMPOUND: '不能给本小区互评，请评其他小区',
  /** community: a second 互评 of the same compound by the same compound in one month. */
  ALREADY_RATED: '本月贵小区已评过该小区，每对小区每月只评一次',
  /** community: a scorecard not open for this (a past month, or not yet self-assessed). */
  SCORECARD_STATE: '该评分表当前不能进行此操作，请刷新后查看',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Machine-readable detail, e.g. zod issues or per-row import errors. */
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'AppError');
}

/** What every function answers: a typed result or a typed error, never a bare throw. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
