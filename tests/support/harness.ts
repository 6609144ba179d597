/**
 * A fresh in-memory emulator with the demo (seeded once per run and copied, see
 * demo-cache.ts), and callers that act as a given person. Functions are the TypeScript sources (jest maps wx-server-sdk to the
 * emulator); the e2e suite uses the bundled ones.
 */
import { COLLECTIONS } from '../../core/collections';
import type { Reply } from '../../core/platform/errors';
import { createEmulator, useEmulator, type Emulator } from '../../emulator';
import type { Database } from '../../cloudfunctions/_shared/database';
import { demoImage } from './demo-cache';
import { buildSeed, demoOpenid, type SeedData } from '../../scripts/lib/seed-data';
import { emulatorWiring, readFunctionConfigs } from '../../scripts/lib/function-config';

type Main = (event: unknown, context?: unknown) => Promise<Reply<unknown>>;

export interface Harness {
  emu: Emulator;
  db: Database;
  seed: SeedData;
  /** Call `fn` as the person whose seed key (or raw openid) is given; '' = no identity. */
  as(who: string): Caller;
  /** Total documents across all collections: "wrote nothing" checks compare this. */
  snapshot(): Promise<string>;
  close(): void;
}

export interface Caller {
  openid: string;
  call<T = any>(fn: string, action: string, payload?: unknown): Promise<Reply<T>>;
  /** Unwraps ok, throws with the error code otherwise. */
  ok<T = any>(fn: string, action: string, payload?: unknown): Promise<T>;
  raw(fn: string, event: unknown): Promise<Reply<unknown>>;
}

export interface HarnessOptions {
  /** Where the emulator's clock (timer triggers) starts. */
  clockStart?: Date;
  /** Feature demo data (scripts/lib/seed-features.ts) to write too; default none. */
  features?: string[];
}

export async function createHarness(
  functions: Record<string, Main>,
  seed: SeedData = buildSeed(),
  opts: HarnessOptions = {},
): Promise<Harness> {
  // Triggers and timeouts as each function's config.json / deploy.json declare them.
  const wiring = emulatorWiring(readFunctionConfigs());
  const image = await demoImage({ seed, features: opts.features ?? false, now: opts.clockStart });
  const emu = createEmulator({
    dataDir: ':memory:',
    image,
    collections: COLLECTIONS,
    functions: (n: string) => functions[n],
    mediaCheckCallback: { functionName: 'notices' },
    ...wiring,
    ...(opts.clockStart ? { clockStart: opts.clockStart } : {}),
  });
  useEmulator(emu);
  const db = emu.sdk.database() as unknown as Database;
  const as = (who: string): Caller => {
    const openid = who === '' ? '' : who.startsWith('demo-') || who.startsWith('o') ? who : demoOpenid(who);
    const identity = { openid };
    const raw = (fn: string, event: unknown) => emu.invoke(fn, event, identity) as Promise<Reply<unknown>>;
    // Like the client: group info travels at the event's top level, where WeChat decodes a CloudID.
    const call = (fn: string, action: string, payload?: unknown) => {
      const { groupInfo, ...rest } = (payload ?? {}) as { groupInfo?: unknown };
      return raw(fn, groupInfo === undefined ? { action, payload } : { action, payload: rest, groupInfo }) as Promise<Reply<any>>;
    };
    return {
      openid,
      raw,
      call,
      ok: async (fn, action, payload) => {
        const r = await call(fn, action, payload);
        if (!r.ok) throw Object.assign(new Error(`${action}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
        return r.data;
      },
    };
  };
  const snapshot = async () => {
    const parts: string[] = [];
    for (const c of COLLECTIONS) {
      const n = (await db.collection(c.name).count()).total;
      parts.push(`${c.name}:${n}`);
    }
    return parts.join(',');
  };
  return { emu, db, seed, as, snapshot, close: () => emu.close() };
}

let requestSeq = 0;
/** A fresh client request id, as a form makes when it opens. */
export function newRequestId(): string {
  return `test-${Date.now().toString(36)}-${(++requestSeq).toString(36)}`;
}
