/**
 * `npm run deploy`: the plan covers exactly the functions and collections the repo
 * declares, the dry run prints it offline, the reader refuses bad metadata, and
 * executePlan drives the real libraries' method names in the right order.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { COLLECTIONS } from '../../core/collections';
import { DEMO_ENV, ENVIRONMENTS, TEMPLATES, TEMPLATE_KEYS, environmentConfig, templateProblems } from '../../core/templates';
import {
  checkPrerequisites,
  executePlan,
  formatPlan,
  planDeploy,
  type DeployClients,
  type DeployOptions,
  type Plan,
  type Step,
} from '../../scripts/deploy';
import { FunctionConfigError, readFunctionConfig, readFunctionConfigs, type FunctionConfig } from '../../scripts/lib/function-config';

const ROOT = join(__dirname, '..', '..');
const FN_DIR = join(ROOT, 'cloudfunctions');
const OPTS: DeployOptions = { envId: 'test-env', version: '1.2.3', desc: '测试', privateKeyPath: '/tmp/key' };

/** Function folders as the brief defines them, found independently of the reader. */
const FOLDERS = readdirSync(FN_DIR)
  .filter((d) => d !== '_shared' && existsSync(join(FN_DIR, d, 'index.ts')))
  .sort();
const rawJson = (fn: string, file: string) => JSON.parse(readFileSync(join(FN_DIR, fn, file), 'utf8'));

const of = <K extends Step['kind']>(plan: Plan, kind: K) => plan.steps.filter((s): s is Extract<Step, { kind: K }> => s.kind === kind);

describe('planDeploy', () => {
  const plan = planDeploy(OPTS);

  it('covers exactly the functions in cloudfunctions/ (not _shared), on Nodejs20.19 with their declared settings', () => {
    const fns = of(plan, 'function');
    expect(fns.map((f) => f.name).sort()).toEqual(FOLDERS);
    expect(FOLDERS.length).toBeGreaterThan(0);
    for (const f of fns) {
      const deploy = rawJson(f.name, 'deploy.json');
      const config = rawJson(f.name, 'config.json');
      expect(f.runtime).toBe('Nodejs20.19');
      expect(f.timeout).toBe(deploy.timeout);
      expect(f.timeout).toBeLessThanOrEqual(60);
      expect(f.memorySize).toBe(deploy.memorySize);
      expect(f.installDependency).toBe(true);
      expect(f.triggers).toEqual(config.triggers ?? []);
      expect(f.openapi).toEqual(config.permissions?.openapi ?? []);
      expect(f.dir).toBe(join(ROOT, 'dist', 'cloudfunctions', f.name));
    }
  });

  it('covers exactly the collections and indexes in COLLECTIONS, unique flags kept, every collection admin-only', () => {
    expect(of(plan, 'collection').map((c) => c.name)).toEqual(COLLECTIONS.map((c) => c.name));
    const expected = COLLECTIONS.flatMap((c) =>
      c.indexes.map((i) => ({
        collection: c.name,
        name: i.name,
        keys: Object.entries(i.keys).map(([field, direction]) => ({ field, direction })),
        unique: i.unique === true,
      })),
    );
    expect(of(plan, 'index').map(({ kind: _k, ...rest }) => rest)).toEqual(expected);
    expect(expected.some((i) => i.unique)).toBe(true);
    expect(of(plan, 'permission')).toEqual(COLLECTIONS.map((c) => ({ kind: 'permission', collection: c.name, permission: 'ADMINONLY' })));
  });

  it('3. orders builds, collections, indexes, permissions, functions (their timer triggers after the collections), upload', () => {
    const order = ['build-functions', 'build-weapp', 'collection', 'index', 'permission', 'function', 'upload'];
    const kinds = plan.steps.map((s) => order.indexOf(s.kind));
    expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
    const upload = of(plan, 'upload')[0];
    expect(upload).toMatchObject({
      version: '1.2.3',
      desc: '测试',
      robot: 1,
      privateKeyPath: '/tmp/key',
      appid: JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8')).appid,
    });
    expect(of(plan, 'build-weapp')[0].env).toEqual({ NODE_ENV: 'production', CLOUD_ENV: 'test-env' });
  });

  it('--skip-upload leaves out the weapp build and the upload', () => {
    const p = planDeploy({ ...OPTS, skipUpload: true });
    expect(of(p, 'upload')).toHaveLength(0);
    expect(of(p, 'build-weapp')).toHaveLength(0);
  });

  it('refuses to start without credentials, and says so before anything changes', () => {
    const keyDir = mkdtempSync(join(tmpdir(), 'deploy-key-'));
    const key = join(keyDir, 'private.key');
    writeFileSync(key, 'k');
    try {
      // The demo environment has no placeholder templates (see the templates test below).
      const real = planDeploy(
        { ...OPTS, envId: DEMO_ENV, privateKeyPath: key },
        { projectConfig: { appid: 'wx0123456789abcdef', miniprogramRoot: 'dist/weapp/' } },
      );
      expect(checkPrerequisites(real, { TCB_SECRET_ID: 'id', TCB_SECRET_KEY: 'key' })).toEqual([]);
      const problems = checkPrerequisites(real, { TCB_SECRET_KEY: 'key' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/TCB_SECRET_ID/);
      expect(checkPrerequisites(real, { TCB_SECRET_ID: 'id' })[0]).toMatch(/TCB_SECRET_KEY/);
      expect(
        checkPrerequisites(
          planDeploy(
            { ...OPTS, envId: DEMO_ENV, privateKeyPath: undefined },
            { projectConfig: { appid: 'wx0123456789abcdef', miniprogramRoot: 'dist/weapp/' } },
          ),
          { TCB_SECRET_ID: 'id', TCB_SECRET_KEY: 'key' },
        )[0],
      ).toMatch(/MP_PRIVATE_KEY_PATH/);
      expect(
        checkPrerequisites(
          planDeploy({ ...OPTS, envId: DEMO_ENV }, { projectConfig: { appid: 'touristappid', miniprogramRoot: 'dist/weapp/' } }),
          { TCB_SECRET_ID: 'id', TCB_SECRET_KEY: 'key' },
        ).join('\n'),
      ).toMatch(/AppID/);
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
  });
});

describe('pre-checks: templates, plugins, privacy APIs', () => {
  const env = { TCB_SECRET_ID: 'id', TCB_SECRET_KEY: 'key' };
  const skip = { ...OPTS, skipUpload: true };

  it('2. refuses an environment whose subscribe templates are placeholders or missing, names each; the demo is ready', () => {
    const problems = checkPrerequisites(planDeploy({ ...skip, envId: 'jinlin-prod-x' }), env);
    expect(problems.join('\n')).toMatch(/core\/templates\.ts has no entry for environment "jinlin-prod-x"/);
    expect(templateProblems('jinlin-prod-x')).toHaveLength(1);
    ENVIRONMENTS['jinlin-test-half'] = {
      miniprogramState: 'trial',
      templateIds: { ...ENVIRONMENTS[DEMO_ENV].templateIds, bill: 'REPLACE_WITH_BILL_TEMPLATE_ID', vote: '' },
    };
    try {
      expect(templateProblems('jinlin-test-half').map((p) => /template "(\w+)"/.exec(p)?.[1])).toEqual(['bill', 'vote']);
      expect(environmentConfig('jinlin-test-half')).toMatchObject({
        miniprogramState: 'trial',
        templateIds: { vote: 'REPLACE_WITH_VOTE_TEMPLATE_ID' },
      });
    } finally {
      delete ENVIRONMENTS['jinlin-test-half'];
    }
    expect(checkPrerequisites(planDeploy({ ...skip, envId: DEMO_ENV }), env)).toEqual([]);
  });

  it('2. every template has keywords, and every environment names every template', () => {
    for (const k of TEMPLATE_KEYS) expect(Object.keys(TEMPLATES[k].fields).length).toBeGreaterThan(0);
    for (const cfg of Object.values(ENVIRONMENTS)) expect(Object.keys(cfg.templateIds).sort()).toEqual([...TEMPLATE_KEYS].sort());
  });

  it('2, 6, 4. the dry run prints templates, plugins (WechatSI, to add in the console) and privacy APIs', () => {
    const text = formatPlan(planDeploy(skip));
    expect(text).toContain('== Subscribe-message templates');
    for (const k of TEMPLATE_KEYS) expect(text).toContain(`- ${k}: REPLACE_WITH_${k.toUpperCase()}_TEMPLATE_ID`);
    expect(text).toMatch(
      /== Plugins \(add each in the MP console first[^\n]*\n- WechatSI \(provider wx069ba97219f66d99, version [\d.]+\) in subpackage packages\/notices/,
    );
    expect(text).toMatch(/- wx\.chooseMessageFile → 选中的文件/);
    expect(text).toMatch(/- wx\.setClipboardData → 剪切板/);
  });
});

describe('dry run', () => {
  it('prints every function, collection, index and permission, offline, and exits 0', async () => {
    // No credentials in the child: a dry run never needs them (nor the network).
    const env = { PATH: process.env.PATH, HOME: process.env.HOME } as unknown as NodeJS.ProcessEnv;
    const { stdout } = await promisify(execFile)(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(ROOT, 'scripts', 'deploy.ts'), '--dry-run', '--env', 'test-env'],
      { cwd: ROOT, env },
    );
    expect(stdout).toContain('Deploy plan for CloudBase environment test-env');
    for (const f of readFunctionConfigs()) {
      expect(stdout).toContain(`function ${f.name}`);
      expect(stdout).toContain(`runtime Nodejs20.19, timeout ${f.timeout} s, memory ${f.memorySize} MB`);
      for (const apis of f.permissions.openapi.length ? [f.permissions.openapi.join(', ')] : []) expect(stdout).toContain(apis);
      for (const t of f.triggers) expect(stdout).toContain(`${t.name} (timer "${t.config}")`);
    }
    for (const c of COLLECTIONS) {
      expect(stdout).toContain(`collection ${c.name}\n`);
      expect(stdout).toContain(`${c.name}: ADMINONLY`);
      for (const i of c.indexes)
        expect(stdout).toMatch(new RegExp(`index ${c.name}\\.${i.name}: [^\\n]*${i.unique ? '\\[unique' : '$'}`, 'm'));
    }
    expect(stdout).toContain('Dry run only');
  }, 60_000);

  it('formatPlan shows a trigger and the unique mark', () => {
    const fn: FunctionConfig = {
      name: 'jobs',
      dir: '/x/jobs',
      runtime: 'Nodejs20.19',
      timeout: 30,
      memorySize: 256,
      permissions: { openapi: [] },
      triggers: [{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }],
    };
    const text = formatPlan(
      planDeploy(
        { ...OPTS, skipUpload: true },
        { functions: [fn], collections: [{ name: 'a', indexes: [{ name: 'k', keys: { k: 1 }, unique: true }] }] },
      ),
    );
    expect(text).toContain('triggers: tick (timer "0 */5 * * * * *")');
    expect(text).toContain('index a.k: k asc  [unique');
  });
});

describe('the function metadata reader', () => {
  let dir: string;
  const write = (config: unknown, deploy: unknown = { runtime: 'Nodejs20.19', timeout: 20, memorySize: 256 }) => {
    mkdirSync(join(dir, 'fn'), { recursive: true });
    writeFileSync(join(dir, 'fn', 'index.ts'), '');
    writeFileSync(join(dir, 'fn', 'config.json'), JSON.stringify(config));
    writeFileSync(join(dir, 'fn', 'deploy.json'), JSON.stringify(deploy));
  };
  const read = () => readFunctionConfig(dir, 'fn');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fn-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a good pair', () => {
    write({ permissions: { openapi: ['subscribeMessage.send'] }, triggers: [{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }] });
    expect(read()).toEqual({
      name: 'fn',
      dir: join(dir, 'fn'),
      runtime: 'Nodejs20.19',
      timeout: 20,
      memorySize: 256,
      permissions: { openapi: ['subscribeMessage.send'] },
      triggers: [{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }],
    });
  });

  it.each([
    ['a 6-field cron', { triggers: [{ name: 'tick', type: 'timer', config: '0 */5 * * * *' }] }, /7-field cron/],
    ['a 5-field cron', { triggers: [{ name: 'tick', type: 'timer', config: '*/5 * * * *' }] }, /7-field cron/],
    [
      'an unknown field (timeout belongs in deploy.json)',
      { timeout: 20, permissions: { openapi: [] } },
      /unknown field "timeout".*deploy\.json/,
    ],
    ['an unknown permissions field', { permissions: { openapi: [], cloud: true } }, /unknown field "permissions\.cloud"/],
    ['a non-timer trigger', { triggers: [{ name: 'x', type: 'http', config: '0 0 3 * * * *' }] }, /"timer"/],
    [
      'an unknown trigger field',
      { triggers: [{ name: 'x', type: 'timer', config: '0 0 3 * * * *', enable: true }] },
      /unknown field "triggers\[0\]\.enable"/,
    ],
  ])('refuses config.json with %s', (_what, config, message) => {
    write(config);
    expect(read).toThrow(FunctionConfigError);
    expect(read).toThrow(message);
    expect(read).toThrow(/config\.json/);
  });

  it.each([
    ['no runtime', { timeout: 20, memorySize: 256 }, /missing "runtime"/],
    ['another runtime', { runtime: 'Nodejs16.13', timeout: 20, memorySize: 256 }, /not supported/],
    ['a timeout over 60 s', { runtime: 'Nodejs20.19', timeout: 61, memorySize: 256 }, /timeout must be .* 1 to 60/],
    ['an unknown field', { runtime: 'Nodejs20.19', timeout: 20, memorySize: 256, region: 'ap-shanghai' }, /unknown field "region"/],
    ['an odd memory size', { runtime: 'Nodejs20.19', timeout: 20, memorySize: 300 }, /memorySize must be one of/],
  ])('refuses deploy.json with %s', (_what, deploy, message) => {
    write({}, deploy);
    expect(read).toThrow(FunctionConfigError);
    expect(read).toThrow(message);
    expect(read).toThrow(/deploy\.json/);
  });

  it('refuses a missing deploy.json and broken JSON', () => {
    write({});
    rmSync(join(dir, 'fn', 'deploy.json'));
    expect(read).toThrow(/deploy\.json: missing/);
    write({});
    writeFileSync(join(dir, 'fn', 'config.json'), '{ "permissions": ');
    expect(read).toThrow(/config\.json: not valid JSON/);
  });
});

/** A fake with exactly the client's method names (checked by tsc against the real typings). */
type Fake<T> = { [K in keyof T]: T[K] extends (...a: infer A) => unknown ? (...a: A) => Promise<unknown> : never };

function fakeClients(
  remote: {
    runtime?: string;
    triggers?: { TriggerName: string; Type: string; TriggerDesc: string }[];
    indexes?: Record<string, unknown[]>;
  } = {},
) {
  const calls: [string, ...unknown[]][] = [];
  const rec =
    (name: string, result: unknown = {}) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return result;
    };
  const functions: Fake<DeployClients['functions']> = {
    createFunction: rec('functions.createFunction'),
    getFunctionDetail: async (...args) => {
      calls.push(['functions.getFunctionDetail', ...args]);
      return { Runtime: remote.runtime ?? 'Nodejs20.19', Triggers: remote.triggers ?? [] };
    },
    createFunctionTriggers: rec('functions.createFunctionTriggers'),
    deleteFunctionTrigger: rec('functions.deleteFunctionTrigger'),
  };
  const database: Fake<DeployClients['database']> = {
    createCollectionIfNotExists: rec('database.createCollectionIfNotExists', { IsCreated: true }),
    describeCollection: async (name) => {
      calls.push(['database.describeCollection', name]);
      return { Indexes: remote.indexes?.[name] ?? [] };
    },
    updateCollection: rec('database.updateCollection'),
  };
  const permission: Fake<DeployClients['permission']> = { modifyResourcePermission: rec('permission.modifyResourcePermission') };
  class Project {
    constructor(opts: unknown) {
      calls.push(['ci.Project', opts]);
    }
  }
  const clients = {
    build: { functions: rec('build.functions'), weapp: rec('build.weapp') },
    functions,
    database,
    permission,
    ci: { Project, upload: rec('ci.upload', { subPackageInfo: [{ name: '__APP__', size: 2048 }] }) },
    log: () => undefined,
  } as unknown as DeployClients;
  return { clients, calls };
}

describe('executePlan', () => {
  const tick = { name: 'tick', type: 'timer' as const, config: '0 */5 * * * * *' };
  const fn: FunctionConfig = {
    name: 'notices',
    dir: '/x/notices',
    runtime: 'Nodejs20.19',
    timeout: 60,
    memorySize: 256,
    permissions: { openapi: ['subscribeMessage.send'] },
    triggers: [tick],
  };
  const collections = [
    { name: 'people', indexes: [{ name: 'openid', keys: { openid: 1 as const }, unique: true }] },
    { name: 'notices', indexes: [{ name: 'author', keys: { authorId: 1 as const, createdAt: -1 as const } }] },
  ];
  const plan = planDeploy(OPTS, {
    functions: [fn],
    collections,
    projectConfig: { appid: 'wx0123456789abcdef', miniprogramRoot: 'dist/weapp/' },
  });

  it('3. calls manager-node and miniprogram-ci in order: builds, collections, indexes, permissions, functions with triggers, upload', async () => {
    const { clients, calls } = fakeClients();
    await executePlan(plan, clients);
    expect(calls.map((c) => c[0])).toEqual([
      'build.functions',
      'build.weapp',
      'database.createCollectionIfNotExists',
      'database.createCollectionIfNotExists',
      'database.describeCollection',
      'database.updateCollection',
      'database.describeCollection',
      'database.updateCollection',
      'permission.modifyResourcePermission',
      'permission.modifyResourcePermission',
      'functions.createFunction',
      'functions.getFunctionDetail',
      'functions.createFunctionTriggers',
      'ci.Project',
      'ci.upload',
    ]);
    const find = (name: string) => calls.filter((c) => c[0] === name).map((c) => c.slice(1));
    expect(find('build.weapp')).toEqual([[{ NODE_ENV: 'production', CLOUD_ENV: 'test-env' }]]);
    expect(find('functions.createFunction')).toEqual([
      [
        {
          func: { name: 'notices', runtime: 'Nodejs20.19', timeout: 60, memorySize: 256, handler: 'index.main', installDependency: true },
          functionRootPath: join(ROOT, 'dist', 'cloudfunctions'),
          force: true,
        },
      ],
    ]);
    expect(find('functions.createFunctionTriggers')).toEqual([['notices', [tick]]]);
    expect(find('database.createCollectionIfNotExists')).toEqual([['people'], ['notices']]);
    expect(find('database.updateCollection')).toEqual([
      [
        'people',
        {
          CreateIndexes: [{ IndexName: 'openid', MgoKeySchema: { MgoIndexKeys: [{ Name: 'openid', Direction: '1' }], MgoIsUnique: true } }],
        },
      ],
      [
        'notices',
        {
          CreateIndexes: [
            {
              IndexName: 'author',
              MgoKeySchema: {
                MgoIndexKeys: [
                  { Name: 'authorId', Direction: '1' },
                  { Name: 'createdAt', Direction: '-1' },
                ],
                MgoIsUnique: false,
              },
            },
          ],
        },
      ],
    ]);
    expect(find('permission.modifyResourcePermission')).toEqual([
      [{ resourceType: 'collection', resource: 'people', permission: 'ADMINONLY' }],
      [{ resourceType: 'collection', resource: 'notices', permission: 'ADMINONLY' }],
    ]);
    expect(find('ci.Project')[0][0]).toMatchObject({
      appid: 'wx0123456789abcdef',
      type: 'miniProgram',
      projectPath: ROOT,
      privateKeyPath: '/tmp/key',
    });
    expect(find('ci.upload')[0][0]).toMatchObject({ version: '1.2.3', desc: '测试', robot: 1 });
  });

  it('keeps what is already right and replaces a trigger whose cron changed', async () => {
    const { clients, calls } = fakeClients({
      triggers: [
        { TriggerName: 'tick', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 0 3 * * * *' }) },
        { TriggerName: 'old', Type: 'timer', TriggerDesc: '0 0 4 * * * *' },
      ],
      indexes: { people: [{ Name: 'openid', Unique: true, Keys: [{ Name: 'openid', Direction: '1' }] }] },
    });
    await executePlan(plan, clients);
    const names = calls.map((c) => c[0]);
    expect(calls.filter((c) => c[0] === 'functions.deleteFunctionTrigger').map((c) => c.slice(1))).toEqual([
      ['notices', 'tick'],
      ['notices', 'old'],
    ]);
    expect(calls.filter((c) => c[0] === 'functions.createFunctionTriggers').map((c) => c.slice(1))).toEqual([['notices', [tick]]]);
    // people.openid exists as declared: only notices.author is created.
    expect(names.filter((n) => n === 'database.updateCollection')).toHaveLength(1);
  });

  it('stops on an index that exists with other keys, and on a function stuck on another runtime', async () => {
    const differing = fakeClients({ indexes: { people: [{ Name: 'openid', Unique: false, Keys: [{ Name: 'openid', Direction: '1' }] }] } });
    await expect(executePlan(plan, differing.clients)).rejects.toThrow(/index people\.openid exists but differs/);
    expect(differing.calls.some((c) => c[0] === 'ci.upload')).toBe(false);
    const oldRuntime = fakeClients({ runtime: 'Nodejs16.13' });
    await expect(executePlan(plan, oldRuntime.clients)).rejects.toThrow(/runtime Nodejs16\.13/);
    // Collections come first now (before any timer can fire); the upload never happens.
    expect(oldRuntime.calls.some((c) => c[0] === 'ci.upload')).toBe(false);
  });

  it('the method names exist on the real @cloudbase/manager-node services and miniprogram-ci (offline)', () => {
    const CloudBase = require('@cloudbase/manager-node') as typeof import('@cloudbase/manager-node');
    const app = new CloudBase({ secretId: 'offline', secretKey: 'offline', envId: 'offline' });
    const { clients } = fakeClients();
    for (const service of ['functions', 'database', 'permission'] as const) {
      for (const method of Object.keys(clients[service]))
        expect(typeof (app[service] as unknown as Record<string, unknown>)[method]).toBe('function');
    }
    const ci = require('miniprogram-ci') as Record<string, unknown>;
    for (const name of Object.keys(clients.ci)) expect(typeof ci[name]).toBe('function');
  }, 30_000);
});
