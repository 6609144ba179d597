// Evaluated at build time: TARO_ENV decides which pages exist in each build.
const isH5 = process.env.TARO_ENV === 'h5';

const accountPages = [
  'pages/bind/index',
  'pages/homes/index',
  'pages/approvals/index',
  'pages/roster/index',
  'pages/import/index',
  'pages/roles/index',
  'pages/privacy/index',
  // 本地演示登录 exists only in the h5 demo build, never in the WeChat package.
  ...(isH5 ? ['pages/signin/index'] : []),
];

export default defineAppConfig({
  // Tab pages must live in the main package; everything else is in subpackages.
  pages: ['pages/home/index', 'pages/notices/index', 'pages/services/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/account', pages: accountPages },
    // Subscribe messages link to packages/notices/pages/detail/index?id=…
    { root: 'packages/notices', pages: ['pages/detail/index', 'pages/post/index', 'pages/track/index', 'pages/unread/index'] },
  ],
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
    color: '#6b6b6b',
    selectedColor: '#c83a2a',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/notices/index', text: '通知', iconPath: 'assets/tab/notices.png', selectedIconPath: 'assets/tab/notices-active.png' },
      { pagePath: 'pages/services/index', text: '服务', iconPath: 'assets/tab/services.png', selectedIconPath: 'assets/tab/services-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  ...(isH5 ? {} : { __usePrivacyCheck__: true }),
} as Parameters<typeof defineAppConfig>[0]);
