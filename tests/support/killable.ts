/**
 * The database as a process killed with -9 sees it: every call after `kill()`
 * throws, inside a transaction too, so an open transaction never commits (the SDK's
 * runTransaction then rolls it back; in production the server drops it after 30 s). `onCall(method)` runs after each call
 * returns, to kill at a chosen point (the pattern of tests/functions/jobs.test.ts).
 */
import type { Ctx } from '../../cloudfunctions/_shared/router';
import type { Database } from '../../cloudfunctions/_shared/database';

export function killable(db: Database, onCall: (method: string) => void = () => undefined) {
  let dead = false;
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop, recv) {
        const v = Reflect.get(t, prop, recv);
        if (typeof v !== 'function') return v && typeof v === 'object' && prop !== 'command' ? guard(v) : v;
        return (...args: unknown[]) => {
          if (dead) throw new Error('process killed');
          // A transaction's callback gets the guarded transaction: a kill inside it stops it before commit.
          if (prop === 'runTransaction' && typeof args[0] === 'function') {
            const fn = args[0] as (tx: object) => unknown;
            args = [(tx: object) => fn(guard(tx)), ...args.slice(1)];
          }
          const out = v.apply(t, args);
          if (out && typeof (out as Promise<unknown>).then === 'function')
            return (out as Promise<unknown>).then((r) => (onCall(String(prop)), r));
          return out && typeof out === 'object' && prop !== 'serverDate' ? guard(out) : out;
        };
      },
    });
  return {
    db: guard(db),
    kill: () => (dead = true),
    get dead() {
      return dead;
    },
  };
}

/** A Ctx like the router's for a timer-run worker (no caller) over `db`. */
export function workerCtx(cloud: unknown, db: Database): Ctx {
  return {
    cloud: cloud as Ctx['cloud'],
    db,
    openid: '',
    now: new Date(),
    actor: async () => ({ openid: '', personId: null, roles: [], homes: [] }),
  };
}
