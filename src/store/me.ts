/**
 * The signed-in person's `me.get`, kept so a page can decide what to show without a
 * second call (README: one call before first content). It is kept in memory and in the
 * phone's storage, so a page opened from a link or after the app was closed still has
 * it. The 首页, 我的 and 我的房屋 refresh it (`refreshMe`) every time they are shown;
 * every other page takes the kept one (`loadMe`) and calls `me.get` only when there is
 * none. A role granted or revoked meanwhile shows on the next visit to the 首页; the
 * functions decide every request on the server anyway.
 */
import Taro from '@tarojs/taro';
import type { Me } from '@core/accounts/contract';
import { api } from '@/services/cloud';

/** Storage key; the person's own data on their own phone (cleared when they sign out). */
const KEY = 'jinlin.me';

function stored(): Me | null {
  try {
    const v = Taro.getStorageSync(KEY) as Me | '' | undefined;
    return v && typeof v === 'object' && Array.isArray(v.roles) && Array.isArray(v.homes) ? v : null;
  } catch {
    return null;
  }
}

let current: Me | null | undefined;
const listeners = new Set<(me: Me | null) => void>();

export function cachedMe(): Me | null {
  if (current === undefined) current = stored();
  return current;
}

export function setMe(me: Me | null): void {
  current = me;
  try {
    if (me) Taro.setStorageSync(KEY, me);
    else Taro.removeStorageSync(KEY);
  } catch {
    // storage full or unavailable: memory still holds it
  }
  listeners.forEach((l) => l(me));
}

/** Always one `me.get` (pages whose content is `me`, and after a change to it). */
export async function refreshMe(): Promise<Me> {
  const me = await api('accounts').call('me.get', {});
  setMe(me);
  return me;
}

/** The kept `me` when there is one, else one `me.get`. */
export async function loadMe(): Promise<Me> {
  return cachedMe() ?? refreshMe();
}

/** The same as `loadMe` (older name). */
export const meOrLoad = loadMe;

export function subscribeMe(listener: (me: Me | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
