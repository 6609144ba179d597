/**
 * Every subscribe-message template, with its keyword mapping, and the template ids
 * of each CloudBase environment: ONE file that the client (the prompt) and the
 * functions (the send) both read. No zod here: the mini-program imports it.
 *
 * Adding a template (a new feature's message) is an edit of this file only:
 *   1. a key in TEMPLATES with what to pick in the mp console (订阅消息 → 公共模板库)
 *      and the keyword names of the chosen template, in the order its page lists them;
 *   2. its id in every environment of ENVIRONMENTS ('demo' may use any readable id).
 * `npm run deploy` refuses an environment whose ids are missing or still
 * REPLACE_WITH_…, and prints every template it expects (docs/deploy.md).
 */

/** What a template is for, what to choose in the console, and its keyword names. */
export interface TemplateSpec {
  /** The 公共模板库 title to choose (or one with the same keywords). */
  console: string;
  /** Our field → the template's keyword name (thing1, time2, phrase3 …). */
  fields: Readonly<Record<string, string>>;
}

export const TEMPLATES = {
  /** New notice / reminder to read it. */
  notice: { console: '通知公告提醒', fields: { title: 'thing1', author: 'thing2', time: 'time3', note: 'thing4' } },
  /** Repair progress: 受理 / 派单 / 完工 to the reporter, 新派单 to the staff member. */
  repair: { console: '报修进度通知', fields: { what: 'thing1', place: 'thing2', status: 'phrase3', time: 'time4', note: 'thing5' } },
  /** Activity sign-up / waitlist promotion / the day-before reminder. */
  activity: { console: '活动报名成功通知', fields: { title: 'thing1', time: 'time2', place: 'thing3', note: 'thing4' } },
  /** A bill is due (欠费提醒). */
  bill: { console: '缴费提醒', fields: { item: 'thing1', amount: 'amount2', period: 'thing3', note: 'thing4' } },
  /** A vote is open / your home has not voted. */
  vote: { console: '投票提醒', fields: { title: 'thing1', closes: 'time2', note: 'thing3' } },
  /** 挪车提醒: to the owner's household (or the lead / property office it is forwarded to); 车主已处理 to the person who asked. */
  vehicle: { console: '挪车提醒', fields: { plate: 'car_number1', reason: 'thing2', time: 'time3', note: 'thing4' } },
  /** A concern answered / escalated, 解决了吗？; a 议事 topic's 公示 and 反馈. */
  concern: { console: '事项进度通知', fields: { what: 'thing1', status: 'phrase2', time: 'time3', note: 'thing4' } },
} as const satisfies Record<string, TemplateSpec>;

export type TemplateKey = keyof typeof TEMPLATES;
export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as TemplateKey[];

/**
 * Which version of the mini-program a message opens (subscribeMessage.send's
 * `miniprogramState`): a development environment's testers run the 开发版, a trial
 * environment's the 体验版, production the 正式版. A message that names the wrong
 * one opens a version the person does not have.
 */
export type MiniprogramState = 'developer' | 'trial' | 'formal';

export interface EnvironmentConfig {
  miniprogramState: MiniprogramState;
  templateIds: Record<TemplateKey, string>;
}

/** The environment name of the local runtime and the tests (its sandbox accepts any id). */
export const DEMO_ENV = 'demo';

/**
 * Per CloudBase environment id (what `CLOUD_ENV` / `npm run deploy -- --env` names).
 * Add yours by copying the example, with the ids from 订阅消息 → 我的模板.
 */
export const ENVIRONMENTS: Record<string, EnvironmentConfig> = {
  [DEMO_ENV]: {
    miniprogramState: 'developer',
    templateIds: {
      notice: 'sandbox-notice-template',
      repair: 'sandbox-repair-template',
      activity: 'sandbox-activity-template',
      bill: 'sandbox-bill-template',
      vote: 'sandbox-vote-template',
      vehicle: 'sandbox-vehicle-template',
      concern: 'sandbox-concern-template',
    },
  },
  // 'jinlin-prod-1abc': {
  //   miniprogramState: 'formal',
  //   templateIds: { notice: '…', repair: '…', activity: '…', bill: '…', vote: '…', vehicle: '…', concern: '…' },
  // },
};

export const placeholderId = (key: TemplateKey) => `REPLACE_WITH_${key.toUpperCase()}_TEMPLATE_ID`;

/** An environment's config; one not listed gets placeholders (and `npm run deploy` refuses it). */
export function environmentConfig(envId: string): EnvironmentConfig {
  const listed = ENVIRONMENTS[envId];
  const ids = Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, listed?.templateIds[k] || placeholderId(k)])) as Record<TemplateKey, string>;
  return { miniprogramState: listed?.miniprogramState ?? 'formal', templateIds: ids };
}

/** What keeps `envId` from sending messages; empty when ready. The demo is always ready. */
export function templateProblems(envId: string): string[] {
  if (envId === DEMO_ENV) return [];
  const listed = ENVIRONMENTS[envId];
  if (!listed) return [`core/templates.ts has no entry for environment "${envId}": add its subscribe-message template ids`];
  return TEMPLATE_KEYS.filter((k) => !listed.templateIds[k] || /^REPLACE_WITH_/.test(listed.templateIds[k])).map(
    (k) =>
      `core/templates.ts: template "${k}" (${TEMPLATES[k].console}) of "${envId}" is a placeholder: add its id from 订阅消息 → 我的模板`,
  );
}

/**
 * The environment this build runs in: `CLOUD_ENV` is a build constant (config/index.ts
 * for the client, scripts/build-functions.ts for the functions). The h5 demo, the local
 * runtime and the tests have none: the demo.
 */
export const CURRENT_ENV: string = typeof CLOUD_ENV === 'string' && CLOUD_ENV ? CLOUD_ENV : DEMO_ENV;
const current = environmentConfig(CURRENT_ENV);
/** This environment's template ids. */
export const TEMPLATE_IDS: Readonly<Record<TemplateKey, string>> = current.templateIds;
export const MINIPROGRAM_STATE: MiniprogramState = current.miniprogramState;
