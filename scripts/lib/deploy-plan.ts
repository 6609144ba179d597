/**
 * What `npm run deploy` will do, as data: `planDeploy(opts)` lists every step with all
 * its parameters, built from the functions' metadata (scripts/lib/function-config.ts)
 * and `COLLECTIONS` (core/collections.ts). Pure: no network, nothing written; the only
 * reads are those two sources and project.config.json. `formatPlan` prints it (the dry
 * run); `checkPrerequisites` lists what a real run would refuse to start without.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COLLECTIONS, type CollectionSpec } from '../../core/collections';
import { FUNCTIONS_DIST_DIR, readFunctionConfigs, type FunctionConfig, type Runtime, type TimerTrigger } from './function-config';
import { TEMPLATES, TEMPLATE_KEYS, environmentConfig, templateProblems, type MiniprogramState } from '../../core/templates';
import { subPackagesFor } from '../../src/features/routes';
import { scanPrivacyApis, type PrivacyUse } from './privacy';

const ROOT = join(__dirname, '..', '..');

/** Every collection is admin-only (仅管理端可读写): all access goes through functions. */
export const COLLECTION_PERMISSION = 'ADMINONLY' as const;

export interface DeployOptions {
  /** CloudBase environment id (`--env`). */
  envId: string;
  /** Mini-program version to upload (`--version`). */
  version: string;
  /** Upload description (`--desc`). */
  desc: string;
  /** miniprogram-ci robot 1..30 (`--robot`, default 1). */
  robot?: number;
  /** Path of the mini-program upload key (env MP_PRIVATE_KEY_PATH). */
  privateKeyPath?: string;
  /** Functions and database only (`--skip-upload`). */
  skipUpload?: boolean;
}

/** Where the plan's facts come from; defaults read the repo. Tests may pass their own. */
export interface PlanSources {
  functions?: FunctionConfig[];
  collections?: CollectionSpec[];
  projectConfig?: { appid: string; miniprogramRoot: string };
  checks?: PreChecks;
}

export type Step =
  | { kind: 'build-functions'; outDir: string }
  | { kind: 'build-weapp'; outDir: string; env: { NODE_ENV: 'production'; CLOUD_ENV: string } }
  | {
      kind: 'function';
      name: string;
      /** The built folder that is zipped and uploaded (dist/cloudfunctions/<name>). */
      dir: string;
      runtime: Runtime;
      timeout: number;
      memorySize: number;
      handler: 'index.main';
      /** CloudBase installs package.json's dependencies (wx-server-sdk, exceljs). */
      installDependency: true;
      triggers: TimerTrigger[];
      /** From config.json, which is uploaded inside the function's package. */
      openapi: string[];
    }
  | { kind: 'collection'; name: string }
  | { kind: 'index'; collection: string; name: string; keys: { field: string; direction: 1 | -1 }[]; unique: boolean }
  | { kind: 'permission'; collection: string; permission: typeof COLLECTION_PERMISSION }
  | {
      kind: 'upload';
      appid: string;
      /** miniprogram-ci project root (project.config.json's miniprogramRoot points at the build). */
      projectPath: string;
      miniprogramRoot: string;
      privateKeyPath: string;
      version: string;
      desc: string;
      robot: number;
    };

export type StepKind = Step['kind'];

export interface Plan {
  envId: string;
  steps: Step[];
  /** What the environment needs besides the steps, printed by the dry run and checked before a real run. */
  checks: PreChecks;
}

/** The console work the deploy cannot do: templates, plugins, the privacy guide. */
export interface PreChecks {
  /** Subscribe-message templates this environment sends (core/templates.ts). */
  templates: { key: string; console: string; id: string; fields: Readonly<Record<string, string>> }[];
  miniprogramState: MiniprogramState;
  /** Plugins in app.json: each must be added in the MP console (设置 → 第三方设置 → 插件管理) first. */
  plugins: { name: string; provider: string; version: string; subpackage: string }[];
  /** Privacy APIs the weapp calls: docs/privacy-guide.md must be the console's 用户隐私保护指引. */
  privacy: PrivacyUse[];
}

export function preChecks(envId: string): PreChecks {
  const env = environmentConfig(envId);
  return {
    templates: TEMPLATE_KEYS.map((k) => ({ key: k, console: TEMPLATES[k].console, id: env.templateIds[k], fields: TEMPLATES[k].fields })),
    miniprogramState: env.miniprogramState,
    plugins: subPackagesFor('weapp').flatMap((p) =>
      Object.entries(p.plugins ?? {}).map(([name, v]) => ({ name, provider: v.provider, version: v.version, subpackage: p.root })),
    ),
    privacy: scanPrivacyApis(ROOT),
  };
}

export function readProjectConfig(): { appid: string; miniprogramRoot: string } {
  const pc = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8')) as { appid?: string; miniprogramRoot?: string };
  return { appid: pc.appid ?? '', miniprogramRoot: pc.miniprogramRoot ?? 'dist/weapp/' };
}

/** The deploy, step by step: builds, collections, indexes, permissions, functions (with their timers), upload. */
export function planDeploy(opts: DeployOptions, sources: PlanSources = {}): Plan {
  const functions = sources.functions ?? readFunctionConfigs();
  const collections = sources.collections ?? COLLECTIONS;
  const steps: Step[] = [{ kind: 'build-functions', outDir: FUNCTIONS_DIST_DIR }];
  let project: { appid: string; miniprogramRoot: string } | undefined;
  if (!opts.skipUpload) {
    project = sources.projectConfig ?? readProjectConfig();
    steps.push({
      kind: 'build-weapp',
      outDir: join(ROOT, project.miniprogramRoot),
      env: { NODE_ENV: 'production', CLOUD_ENV: opts.envId },
    });
  }
  // Collections first: a timer trigger fires within a minute of its function's
  // creation, and a job that finds no collection fails (and retries) until they exist.
  for (const c of collections) steps.push({ kind: 'collection', name: c.name });
  for (const c of collections) {
    for (const i of c.indexes) {
      steps.push({
        kind: 'index',
        collection: c.name,
        name: i.name,
        keys: Object.entries(i.keys).map(([field, direction]) => ({ field, direction })),
        unique: i.unique === true,
      });
    }
  }
  for (const c of collections) steps.push({ kind: 'permission', collection: c.name, permission: COLLECTION_PERMISSION });
  for (const f of functions) {
    steps.push({
      kind: 'function',
      name: f.name,
      dir: join(FUNCTIONS_DIST_DIR, f.name),
      runtime: f.runtime,
      timeout: f.timeout,
      memorySize: f.memorySize,
      handler: 'index.main',
      installDependency: true,
      triggers: f.triggers.map((t) => ({ ...t })),
      openapi: [...f.permissions.openapi],
    });
  }
  if (project) {
    steps.push({
      kind: 'upload',
      appid: project.appid,
      projectPath: ROOT,
      miniprogramRoot: project.miniprogramRoot,
      privateKeyPath: opts.privateKeyPath ?? '',
      version: opts.version,
      desc: opts.desc,
      robot: opts.robot ?? 1,
    });
  }
  return { envId: opts.envId, steps, checks: sources.checks ?? preChecks(opts.envId) };
}

/** Environment variables as read here (a plain record, so tests can pass their own). */
export type Env = Record<string, string | undefined>;

/**
 * Everything a real run needs before it changes anything: API keys, an env id, a real
 * AppID and an upload key when uploading. Returns the problems (empty: good to go).
 */
export function checkPrerequisites(plan: Plan, env: Env): string[] {
  const problems: string[] = [];
  if (!plan.envId || plan.envId.startsWith('<')) problems.push('missing --env <envId> (the CloudBase environment id)');
  if (!env.TCB_SECRET_ID) problems.push('missing TCB_SECRET_ID (Tencent Cloud API key id: 访问管理 → API密钥管理)');
  if (!env.TCB_SECRET_KEY) problems.push('missing TCB_SECRET_KEY (Tencent Cloud API key secret)');
  // Messages with a placeholder template id fail on WeChat: refuse before anything changes.
  if (plan.envId && !plan.envId.startsWith('<')) problems.push(...templateProblems(plan.envId));
  if (env.CLOUD_ENV && env.CLOUD_ENV !== plan.envId) {
    problems.push(
      `CLOUD_ENV=${env.CLOUD_ENV} differs from --env ${plan.envId}: the mini-program would call another environment (unset CLOUD_ENV; deploy sets it)`,
    );
  }
  const upload = plan.steps.find((s): s is Extract<Step, { kind: 'upload' }> => s.kind === 'upload');
  if (upload) {
    if (!upload.appid || upload.appid === 'touristappid')
      problems.push(
        'project.config.json has no real AppID (appid is "touristappid"); put the mini-program AppID there, or pass --skip-upload',
      );
    if (!upload.privateKeyPath)
      problems.push(
        'missing MP_PRIVATE_KEY_PATH (the mini-program upload key: MP console → 开发管理 → 开发设置 → 小程序代码上传), or pass --skip-upload',
      );
    else if (!existsSync(upload.privateKeyPath)) problems.push(`MP_PRIVATE_KEY_PATH: ${upload.privateKeyPath} does not exist`);
    if (!/^\d+\.\d+\.\d+([-.][0-9A-Za-z.-]+)?$/.test(upload.version))
      problems.push(`--version ${JSON.stringify(upload.version)} should look like 1.2.3`);
    if (!upload.desc.trim()) problems.push('--desc must not be empty');
    if (!Number.isInteger(upload.robot) || upload.robot < 1 || upload.robot > 30)
      problems.push(`--robot must be 1..30, got ${upload.robot}`);
  }
  return problems;
}

const rel = (p: string) => relative(ROOT, p) || '.';

/** The plan as the dry run prints it: every function's settings, every collection, index and permission. */
export function formatPlan(plan: Plan): string {
  const out: string[] = [`Deploy plan for CloudBase environment ${plan.envId}`, ''];
  let n = 0;
  let section = '';
  const head = (title: string) => {
    if (section !== title) {
      out.push('', `== ${title} ==`);
      section = title;
    }
  };
  for (const s of plan.steps) {
    n++;
    switch (s.kind) {
      case 'build-functions':
        head('Build');
        out.push(`${n}. build cloud functions → ${rel(s.outDir)}/ (npm run build:functions)`);
        break;
      case 'build-weapp':
        head('Build');
        out.push(
          `${n}. build the mini-program → ${rel(s.outDir)}/ (NODE_ENV=${s.env.NODE_ENV} CLOUD_ENV=${s.env.CLOUD_ENV} taro build --type weapp)`,
        );
        break;
      case 'function':
        head('Cloud functions (create or update)');
        out.push(`${n}. function ${s.name}  from ${rel(s.dir)}/`);
        out.push(
          `     runtime ${s.runtime}, timeout ${s.timeout} s, memory ${s.memorySize} MB, handler ${s.handler}, installDependency ${s.installDependency} (云端安装依赖)`,
        );
        out.push(`     triggers: ${s.triggers.length ? s.triggers.map((t) => `${t.name} (${t.type} "${t.config}")`).join(', ') : 'none'}`);
        out.push(`     openapi permissions (config.json): ${s.openapi.length ? s.openapi.join(', ') : 'none'}`);
        break;
      case 'collection':
        head('Collections (create if missing)');
        out.push(`${n}. collection ${s.name}`);
        break;
      case 'index':
        head('Indexes (create if missing; an index that differs is an error)');
        out.push(
          `${n}. index ${s.collection}.${s.name}: ${s.keys.map((k) => `${k.field} ${k.direction === 1 ? 'asc' : 'desc'}`).join(', ')}${s.unique ? '  [unique 唯一]' : ''}`,
        );
        break;
      case 'permission':
        head('Collection permissions');
        out.push(`${n}. ${s.collection}: ${s.permission} (仅管理端可读写)`);
        break;
      case 'upload':
        head('Mini-program upload (miniprogram-ci)');
        out.push(
          `${n}. upload ${rel(s.projectPath)}/${s.miniprogramRoot.replace(/\/$/, '')} as version ${s.version} ("${s.desc}"), appid ${s.appid}, robot ${s.robot}, key ${s.privateKeyPath || '(MP_PRIVATE_KEY_PATH not set)'}`,
        );
        break;
    }
  }
  out.push('', ...formatChecks(plan.checks));
  const count = (k: StepKind) => plan.steps.filter((s) => s.kind === k).length;
  out.push(
    '',
    `${count('function')} functions, ${count('collection')} collections, ${count('index')} indexes (${plan.steps.filter((s) => s.kind === 'index' && s.unique).length} unique), ${count('permission')} permissions, ${count('upload') ? 'upload' : 'no upload'}.`,
  );
  return out.join('\n').replace(/\n\n\n+/g, '\n\n');
}

/** The pre-checks as the dry run prints them: what must be in the MP console before residents use this version. */
export function formatChecks(c: PreChecks): string[] {
  const out: string[] = ['== Subscribe-message templates (core/templates.ts; MP console → 订阅消息) =='];
  for (const t of c.templates) {
    const flag = /^REPLACE_WITH_/.test(t.id) ? '  ← placeholder: deploy refuses this environment' : '';
    out.push(`- ${t.key}: ${t.id} 「${t.console}」 keywords ${Object.values(t.fields).join(', ')}${flag}`);
  }
  out.push(`  messages open the ${c.miniprogramState} version (miniprogramState)`);
  out.push('', '== Plugins (add each in the MP console first: 设置 → 第三方设置 → 插件管理 → 添加插件) ==');
  for (const p of c.plugins) out.push(`- ${p.name} (provider ${p.provider}, version ${p.version}) in subpackage ${p.subpackage}`);
  if (!c.plugins.length) out.push('- none');
  out.push('', "== Privacy APIs (the console's 用户隐私保护指引 must declare each; text in docs/privacy-guide.md) ==");
  for (const u of c.privacy) out.push(`- ${u.api} → ${u.info} (${u.files.join(', ')})`);
  if (!c.privacy.length) out.push('- none');
  return out;
}
