/**
 * Every cloud function's `main`, for scripts that call them in-process (bench, cost).
 * Call after installRequireHook(), so `wx-server-sdk` resolves to the emulator. The
 * list is the folders of cloudfunctions/ with an index.ts, so a new function is in.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type FunctionMain = (e: unknown, c?: unknown) => Promise<any>;

export function loadFunctionMains(): Record<string, FunctionMain> {
  const dir = join(__dirname, '..', '..', 'cloudfunctions');
  const names = readdirSync(dir).filter((n) => !n.startsWith('_') && existsSync(join(dir, n, 'index.ts')));
  return Object.fromEntries(names.map((n) => [n, (require(join(dir, n)) as { main: FunctionMain }).main]));
}
