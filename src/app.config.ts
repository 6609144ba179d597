// Evaluated by Taro at build time (bundled with esbuild), so it may import plain
// data: the route table the features register (features/routes.ts). TARO_ENV
// decides which pages exist in each build (本地演示登录 is h5 only).
// tests/unit/app-config.test.ts checks both builds against the registry and the disk.
import { TAB_PAGES, subPackagesFor } from './features/routes';

const isH5 = process.env.TARO_ENV === 'h5';

export default defineAppConfig({
  // Tab pages must live in the main package; everything else is in subpackages.
  // Subscribe messages link to packages/notices/pages/detail/index?id=…
  pages: [TAB_PAGES.home, TAB_PAGES.notices, TAB_PAGES.services, TAB_PAGES.me],
  subPackages: subPackagesFor(isH5 ? 'h5' : 'weapp'),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c83a2a',
    navigationBarTitleText: '近邻',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f3f0',
    // weapp's default; on h5 it makes Taro draw its title bar with a back button.
    navigationStyle: 'default',
  },
  tabBar: {
    // weapp: our own bar (src/custom-tab-bar), which grows in 大字模式; h5: Taro's.
    custom: !isH5,
    color: '#5f5f5f',
    selectedColor: '#c83a2a',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: TAB_PAGES.home, text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: TAB_PAGES.notices, text: '通知', iconPath: 'assets/tab/notices.png', selectedIconPath: 'assets/tab/notices-active.png' },
      {
        pagePath: TAB_PAGES.services,
        text: '服务',
        iconPath: 'assets/tab/services.png',
        selectedIconPath: 'assets/tab/services-active.png',
      },
      { pagePath: TAB_PAGES.me, text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // h5: no page-slide animation. Taro's router hides the page being left on a timer
  // that a quick Back does not cancel, which left the tab blank (and the next page too).
  ...(isH5 ? { animation: false } : {}),
  ...(isH5 ? {} : { __usePrivacyCheck__: true }),
} as Parameters<typeof defineAppConfig>[0]);
