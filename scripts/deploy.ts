/**
 * One-command deploy to WeChat CloudBase (docs/deploy.md):
 *
 *   npm run deploy -- --env <envId> [--version 1.2.3] [--desc "…"] [--robot 1] [--skip-upload]
 *   npm run deploy -- --dry-run [--env <envId>]      # print the plan, offline, exit 0
 *   npm run deploy -- --verify --env <envId>         # which cloud calls each deployed function may make
 *
 * Builds the functions and the weapp (CLOUD_ENV=<envId>), creates or updates every
 * function (runtime, timeout, memory, 云端安装依赖, timer triggers), creates every
 * collection and index from core/collections.ts, sets every collection admin-only, then
 * uploads the weapp as a version with miniprogram-ci.
 *
 * Credentials come from the environment: TCB_SECRET_ID, TCB_SECRET_KEY (optional
 * TCB_TOKEN) and MP_PRIVATE_KEY_PATH (the mini-program upload key). Anything missing is
 * reported before anything is built or changed.
 *
 * The work is split in two: `planDeploy(opts) → Plan` (scripts/lib/deploy-plan.ts, pure)
 * and `executePlan(plan, clients)` (scripts/lib/deploy-execute.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as Ci from 'miniprogram-ci';
import { executePlan, type DeployClients } from './lib/deploy-execute';
import { checkPrerequisites, formatPlan, planDeploy, type DeployOptions, type Env, type Plan } from './lib/deploy-plan';
import { FUNCTIONS_DIST_DIR, readFunctionConfigs } from './lib/function-config';
import { formatVerify, verifyPermissions } from './lib/deploy-verify';

export { executePlan, describeStep, type DeployClients } from './lib/deploy-execute';
export {
  checkPrerequisites,
  formatPlan,
  planDeploy,
  COLLECTION_PERMISSION,
  type DeployOptions,
  type Plan,
  type Step,
} from './lib/deploy-plan';

const ROOT = join(__dirname, '..');

export interface CliArgs {
  opts: DeployOptions;
  dryRun: boolean;
  verify: boolean;
}

const USAGE =
  'usage: npm run deploy -- --env <envId> [--version x.y.z] [--desc text] [--robot 1..30] [--skip-upload] [--dry-run | --verify]';

/** Parses `--env x --version 1.2.3 --desc … --robot n --skip-upload --dry-run` (also `--flag=value`). */
export function parseArgs(argv: string[], env: Env = process.env): CliArgs {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const withValue = ['env', 'version', 'desc', 'robot'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unexpected argument ${JSON.stringify(a)}\n${USAGE}`);
    const [, name, inline] = m;
    if (withValue.includes(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new Error(`--${name} needs a value\n${USAGE}`);
      values[name] = v;
    } else if (name === 'dry-run' || name === 'skip-upload' || name === 'verify') {
      flags.add(name);
    } else if (name === 'help') {
      throw new Error(USAGE);
    } else {
      throw new Error(`unknown option --${name}\n${USAGE}`);
    }
  }
  const pkgVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const version = values.version ?? pkgVersion;
  const dryRun = flags.has('dry-run');
  return {
    dryRun,
    verify: flags.has('verify'),
    opts: {
      envId: values.env ?? (dryRun ? '<envId>' : ''),
      version,
      desc: values.desc ?? `近邻 ${version}`,
      robot: values.robot === undefined ? 1 : Number(values.robot),
      privateKeyPath: env.MP_PRIVATE_KEY_PATH ? resolve(env.MP_PRIVATE_KEY_PATH) : undefined,
      skipUpload: flags.has('skip-upload'),
    },
  };
}

/** The real clients: @cloudbase/manager-node for the env, miniprogram-ci, and the two builds. Loaded only for a real run. */
export function createClients(plan: Plan, env: Env): DeployClients {
  const CloudBase = require('@cloudbase/manager-node') as typeof import('@cloudbase/manager-node');
  const app = new CloudBase({
    secretId: env.TCB_SECRET_ID,
    secretKey: env.TCB_SECRET_KEY,
    token: env.TCB_TOKEN || undefined,
    envId: plan.envId,
  });
  const planned = plan.steps.flatMap((s) => (s.kind === 'function' ? [s.name] : []));
  return {
    build: {
      async functions() {
        const { buildFunctions } = await import('./build-functions');
        process.env.CLOUD_ENV = plan.envId; // core/templates.ts reads it as a build constant
        const built = await buildFunctions();
        for (const f of built) console.log(`  ${f.name}/index.js ${(f.bytes / 1024).toFixed(1)} KB`);
        const names = readFunctionConfigs(FUNCTIONS_DIST_DIR).map((f) => f.name);
        const absent = planned.filter((n) => !names.includes(n));
        if (absent.length) throw new Error(`not built: ${absent.join(', ')}`);
      },
      async weapp(buildEnv) {
        const r = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], {
          cwd: ROOT,
          stdio: 'inherit',
          env: { ...process.env, ...buildEnv },
        });
        if (r.status !== 0) throw new Error(`taro build --type weapp exited with ${r.status ?? r.signal}`);
        if (!existsSync(join(ROOT, 'dist', 'weapp', 'app.json'))) throw new Error('dist/weapp/app.json was not written');
      },
    },
    functions: app.functions,
    database: app.database,
    permission: app.permission,
    ci: (() => {
      const ci = require('miniprogram-ci') as typeof Ci;
      return { Project: ci.Project, upload: ci.upload };
    })(),
  };
}

async function main(): Promise<void> {
  const { opts, dryRun, verify } = parseArgs(process.argv.slice(2));
  const plan = planDeploy(opts);
  if (verify) {
    const missing = ['TCB_SECRET_ID', 'TCB_SECRET_KEY'].filter((k) => !process.env[k]);
    if (!opts.envId || missing.length) throw new Error(`--verify needs --env <envId> and ${missing.join(', ') || 'credentials'}`);
    const CloudBase = require('@cloudbase/manager-node') as typeof import('@cloudbase/manager-node');
    const app = new CloudBase({
      secretId: process.env.TCB_SECRET_ID,
      secretKey: process.env.TCB_SECRET_KEY,
      token: process.env.TCB_TOKEN || undefined,
      envId: opts.envId,
    });
    const rows = await verifyPermissions(plan, (name, params) => app.functions.invokeFunction(name, params));
    console.log(formatVerify(opts.envId, rows));
    if (rows.some((r) => r.outcome === 'refused' || r.outcome === 'no answer')) process.exit(3);
    return;
  }
  const problems = checkPrerequisites(plan, process.env);
  if (dryRun) {
    console.log(formatPlan(plan));
    if (problems.length)
      console.log(`\nDry run only. A real run would refuse to start until:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    else console.log('\nDry run only: nothing was built or changed.');
    return;
  }
  if (problems.length) {
    console.error(`deploy: nothing was changed. Fix first:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(2);
  }
  console.log(formatPlan(plan) + '\n');
  await executePlan(plan, createClients(plan, process.env));
  console.log(`\nDeployed to ${plan.envId}.`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`deploy failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
