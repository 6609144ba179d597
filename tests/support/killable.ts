/**
 * Workers as the jobs timer runs them, and the database as a dying process sees it.
 * `killable(db)` wraps every call (collection → query → get/set …) so that after
 * `kill()` each one throws, as when CloudBase ends a function mid-batch; `onSet`
 * runs after each document `set` resolves (a test kills after the n-th write).
 */
import type { Ctx } from '../../cloudfunctions/_shared/router';
import type { Database } from '../../cloudfunctions/_shared/database';

/** A Ctx like the router's for a system worker (no caller), over `db`. */
export function workerCtx(cloud: unknown, db: Database): Ctx {
  return { cloud: cloud as Ctx['cloud'], db, openid: '', now: new Date(), actor: async () => ({ openid: '', personId: null, roles: [], homes: [] }) };
}

export function killable(db: Database, onSet: () => void = () => {}): { db: Database; kill: () => void } {
  let dead = false;
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop, recv) {
        const v = Reflect.get(t, prop, recv);
        // `command` and serverDate() are values the SDK inspects, not calls on the wire.
        if (typeof v !== 'function') return v && typeof v === 'object' && prop !== 'command' ? guard(v) : v;
        return (...args: unknown[]) => {
          if (dead) throw new Error('process killed');
          const out = v.apply(t, args);
          if (prop === 'set' && out && typeof (out as Promise<unknown>).then === 'function') return (out as Promise<unknown>).then((r) => (onSet(), r));
          return out && typeof out === 'object' && typeof (out as Promise<unknown>).then !== 'function' && prop !== 'serverDate' ? guard(out) : out;
        };
      },
    });
  return { db: guard(db), kill: () => (dead = true) };
}
