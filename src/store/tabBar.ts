/**
 * The tab bar's state shared by the pages and the bar itself. On weapp the bar is
 * our own component (src/custom-tab-bar: the native one cannot grow for 大字模式),
 * so badges live here; on h5 Taro draws the bar and its native badge API is used.
 */
import Taro from '@tarojs/taro';

export const TABS = [
  { path: 'pages/home/index', text: '首页', icon: 'home' },
  { path: 'pages/notices/index', text: '通知', icon: 'notices' },
  { path: 'pages/services/index', text: '服务', icon: 'services' },
  { path: 'pages/me/index', text: '我的', icon: 'me' },
] as const;

const badges: (string | null)[] = TABS.map(() => null);
const listeners = new Set<() => void>();

export function tabBadges(): readonly (string | null)[] {
  return badges;
}

export function subscribeTabBar(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Show `text` on tab `index` (null removes it). */
export function setTabBadge(index: number, text: string | null): void {
  badges[index] = text;
  listeners.forEach((l) => l());
  if (process.env.TARO_ENV === 'weapp') return;
  try {
    const p = text ? Taro.setTabBarBadge({ index, text }) : Taro.removeTabBarBadge({ index });
    void Promise.resolve(p).catch(() => undefined);
  } catch {
    /* not a tab context */
  }
}
