/**
 * Runs a deploy plan (scripts/lib/deploy-plan.ts) step by step against the clients it is
 * given: @cloudbase/manager-node's services for functions, database and permissions,
 * miniprogram-ci for the upload, and two build commands. Every step is idempotent, so an
 * interrupted deploy can simply be run again.
 *
 * The client types are `Pick`s of the real libraries' typings, so the method names used
 * here are checked by `tsc` against @cloudbase/manager-node 5.6.5 and miniprogram-ci.
 */
import { dirname } from 'node:path';
import type CloudBase from '@cloudbase/manager-node';
import type * as Ci from 'miniprogram-ci';
import type { Plan, Step } from './deploy-plan';

type Manager = InstanceType<typeof CloudBase>;

export interface DeployClients {
  build: {
    /** Builds dist/cloudfunctions (and checks it holds the planned functions). */
    functions(): Promise<void>;
    /** Builds the weapp with the given environment variables (CLOUD_ENV). */
    weapp(env: Record<string, string>): Promise<void>;
  };
  functions: Pick<Manager['functions'], 'createFunction' | 'getFunctionDetail' | 'createFunctionTriggers' | 'deleteFunctionTrigger'>;
  database: Pick<Manager['database'], 'createCollectionIfNotExists' | 'describeCollection' | 'updateCollection'>;
  permission: Pick<Manager['permission'], 'modifyResourcePermission'>;
  ci: { Project: typeof Ci.Project; upload: typeof Ci.upload };
  log?: (line: string) => void;
}

type FunctionStep = Extract<Step, { kind: 'function' }>;
type IndexStep = Extract<Step, { kind: 'index' }>;

/** A timer trigger as GetFunction reports it: TriggerDesc is `{"cron":"..."}` (or the bare cron). */
function cronOf(desc: string | undefined): string {
  if (!desc) return '';
  try {
    const parsed = JSON.parse(desc) as { cron?: string };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron.trim().split(/\s+/).join(' ');
  } catch {
    /* a bare cron string */
  }
  return desc.trim().split(/\s+/).join(' ');
}

async function deployFunction(c: DeployClients, s: FunctionStep, log: (l: string) => void): Promise<void> {
  // createFunction with force: creates it, or updates code and configuration when it
  // exists. Triggers are reconciled below instead (BatchCreateTrigger fails on a name that exists).
  await c.functions.createFunction({
    func: {
      name: s.name,
      runtime: s.runtime,
      timeout: s.timeout,
      memorySize: s.memorySize,
      handler: s.handler,
      installDependency: s.installDependency,
    },
    functionRootPath: dirname(s.dir),
    force: true,
  });
  const detail = await c.functions.getFunctionDetail(s.name);
  // The runtime can only be chosen when a function is created (UpdateFunctionConfiguration has no Runtime).
  if (detail.Runtime && detail.Runtime !== s.runtime) {
    throw new Error(
      `function ${s.name} exists on runtime ${detail.Runtime}, not ${s.runtime}; a runtime is fixed at creation: delete the function in the console (云函数 → ${s.name} → 删除) and deploy again`,
    );
  }
  const remote = (detail.Triggers ?? [])
    .filter((t) => (t.Type ?? 'timer') === 'timer')
    .map((t) => ({ name: t.TriggerName ?? t.Name, cron: cronOf(t.TriggerDesc ?? t.Config) }));
  const wanted = new Map(s.triggers.map((t) => [t.name, t.config]));
  for (const r of remote) {
    if (wanted.get(r.name) !== r.cron) {
      await c.functions.deleteFunctionTrigger(s.name, r.name);
      log(`  trigger ${s.name}/${r.name} removed (${r.cron})`);
    }
  }
  const missing = s.triggers.filter((t) => !remote.some((r) => r.name === t.name && r.cron === t.config));
  if (missing.length) {
    await c.functions.createFunctionTriggers(s.name, missing);
    for (const t of missing) log(`  trigger ${s.name}/${t.name} created (${t.config})`);
  }
}

type RemoteIndex = { Name: string; Unique?: boolean; Keys?: { Name?: string; Direction?: string }[] };

async function deployIndex(c: DeployClients, s: IndexStep, existing: RemoteIndex[], log: (l: string) => void): Promise<void> {
  const found = existing.find((i) => i.Name === s.name);
  if (found) {
    const sameKeys =
      (found.Keys ?? []).length === s.keys.length &&
      s.keys.every((k, i) => found.Keys?.[i]?.Name === k.field && String(found.Keys?.[i]?.Direction) === String(k.direction));
    if (!sameKeys || Boolean(found.Unique) !== s.unique) {
      throw new Error(
        `index ${s.collection}.${s.name} exists but differs (${JSON.stringify(found.Keys)}, unique ${Boolean(found.Unique)}); drop it in the console (数据库 → ${s.collection} → 索引管理) and deploy again`,
      );
    }
    log(`  index ${s.collection}.${s.name} already there`);
    return;
  }
  await c.database.updateCollection(s.collection, {
    CreateIndexes: [
      {
        IndexName: s.name,
        MgoKeySchema: { MgoIndexKeys: s.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })), MgoIsUnique: s.unique },
      },
    ],
  });
}

/** Runs every step in order; stops at the first failure (the error names the step). */
export async function executePlan(plan: Plan, clients: DeployClients): Promise<void> {
  const log = clients.log ?? ((l: string) => console.log(l));
  const indexesOf = new Map<string, RemoteIndex[]>();
  for (const [i, s] of plan.steps.entries()) {
    const label = describeStep(s);
    log(`[${i + 1}/${plan.steps.length}] ${label}`);
    try {
      switch (s.kind) {
        case 'build-functions':
          await clients.build.functions();
          break;
        case 'build-weapp':
          await clients.build.weapp(s.env);
          break;
        case 'function':
          await deployFunction(clients, s, log);
          break;
        case 'collection': {
          const r = await clients.database.createCollectionIfNotExists(s.name);
          if (!r.IsCreated) log(`  already there`);
          break;
        }
        case 'index': {
          if (!indexesOf.has(s.collection))
            indexesOf.set(s.collection, ((await clients.database.describeCollection(s.collection)).Indexes ?? []) as RemoteIndex[]);
          await deployIndex(clients, s, indexesOf.get(s.collection)!, log);
          break;
        }
        case 'permission':
          await clients.permission.modifyResourcePermission({
            resourceType: 'collection',
            resource: s.collection,
            permission: s.permission,
          });
          break;
        case 'upload': {
          const project = new clients.ci.Project({
            appid: s.appid,
            type: 'miniProgram',
            projectPath: s.projectPath,
            privateKeyPath: s.privateKeyPath,
            ignores: ['node_modules/**/*', '.git/**/*', 'dist/h5/**/*', 'dist/cloudfunctions/**/*', '.data/**/*'],
          });
          const r = await clients.ci.upload({
            project,
            version: s.version,
            desc: s.desc,
            robot: s.robot,
            setting: { es6: true, minify: true, minifyJS: true, minifyWXML: true, minifyWXSS: true, autoPrefixWXSS: true },
            onProgressUpdate: () => undefined,
          });
          const sizes = (r.subPackageInfo ?? []).map((p) => `${p.name} ${(p.size / 1024).toFixed(1)} KB`).join(', ');
          if (sizes) log(`  uploaded: ${sizes}`);
          break;
        }
      }
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new Error(`step ${i + 1} (${label}) failed: ${msg}`);
    }
  }
}

export function describeStep(s: Step): string {
  switch (s.kind) {
    case 'build-functions':
      return 'build cloud functions';
    case 'build-weapp':
      return `build weapp (CLOUD_ENV=${s.env.CLOUD_ENV})`;
    case 'function':
      return `function ${s.name} (${s.runtime}, ${s.timeout} s, ${s.memorySize} MB, ${s.triggers.length} trigger(s))`;
    case 'collection':
      return `collection ${s.name}`;
    case 'index':
      return `index ${s.collection}.${s.name}${s.unique ? ' [unique]' : ''}`;
    case 'permission':
      return `permission ${s.collection} → ${s.permission}`;
    case 'upload':
      return `upload mini-program ${s.version}`;
  }
}
