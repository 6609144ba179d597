import Taro from '@tarojs/taro';
import { TAB_ROUTES } from '@/routes';

/** Go to a page; tab pages need switchTab, the others navigateTo. */
export function go(url: string): void {
  const path = url.split('?')[0];
  if (TAB_ROUTES.includes(path)) Taro.switchTab({ url: path });
  else Taro.navigateTo({ url });
}

/** The current page as a URL ("/pages/me/index?x=1"), for coming back to it. */
export function currentUrl(): string | null {
  const pages = Taro.getCurrentPages();
  const page = pages[pages.length - 1];
  if (!page || !page.route) return null;
  const route = page.route.startsWith('/') ? page.route : '/' + page.route;
  const options = (page as { options?: Record<string, string> }).options || {};
  const query = Object.keys(options)
    .filter((k) => k !== '$taroTimestamp')
    .map((k) => `${k}=${encodeURIComponent(options[k])}`)
    .join('&');
  return query ? `${route}?${query}` : route;
}
