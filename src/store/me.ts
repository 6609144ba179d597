/**
 * The signed-in person's `me.get`, kept in memory so a secondary page can decide
 * what to show without a second call. Tab pages refresh it when they are shown.
 */
import type { Me } from '@core/accounts/contract';
import { api } from '@/services/cloud';

let current: Me | null = null;
const listeners = new Set<(me: Me | null) => void>();

export function cachedMe(): Me | null {
  return current;
}

export function setMe(me: Me | null): void {
  current = me;
  listeners.forEach((l) => l(me));
}

export async function loadMe(): Promise<Me> {
  const me = await api('accounts').call('me.get', {});
  setMe(me);
  return me;
}

/** The cached value when there is one, else one `me.get`. */
export async function meOrLoad(): Promise<Me> {
  return current ?? loadMe();
}

export function subscribeMe(listener: (me: Me | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
