/**
 * The feature registry and app.config.ts agree, in both builds: every registered
 * route is a page of app.json (h5-only pages only in h5) with index.tsx and
 * index.config.ts on disk, and every page of app.json is registered.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {}, useDidShow: () => undefined }));
jest.mock('@tarojs/components', () => ({ __esModule: true, View: 'view' }));
jest.mock('@/components/Btn', () => ({ __esModule: true, default: 'btn' }));

import { FEATURE_ROUTES, TAB_PAGES } from '../../src/features/routes';
import { FEATURES } from '../../src/features';
import { ROUTES, TAB_ROUTES } from '../../src/routes';
import { ACTIVITY_DETAIL_PAGE, NEIGHBOUR_SERVICE_PAGE } from '../../core/activities/rules';
import { APP_LINKS } from '../../core/platform/links';
import { CONCERN_DETAIL_PAGE, TOPIC_DETAIL_PAGE } from '../../core/concerns/rules';
import { linkUrl } from '../../src/features/links';

const SRC = join(__dirname, '..', '..', 'src');

interface AppConfig {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string }[] };
}

function appConfig(target: 'weapp' | 'h5'): AppConfig {
  const before = process.env.TARO_ENV;
  process.env.TARO_ENV = target;
  (globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c;
  let config: AppConfig | undefined;
  jest.isolateModules(() => {
    config = (require('../../src/app.config') as { default: AppConfig }).default;
  });
  process.env.TARO_ENV = before;
  return config!;
}

/** "packages/accounts/pages/bind/index" for every page of an app.json. */
function configPages(c: AppConfig): string[] {
  return [...c.pages, ...c.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
}

function registered(target: 'weapp' | 'h5'): string[] {
  const out: string[] = Object.values(TAB_PAGES);
  for (const r of FEATURE_ROUTES) {
    for (const [key, page] of Object.entries(r.pages)) {
      if (target === 'weapp' && (r.h5Only ?? []).includes(key)) continue;
      out.push(`${r.root}/${page}`);
    }
  }
  return out;
}

/** Every directory under src with an index.tsx page component and its config. */
function pagesOnDisk(): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(SRC, rel), { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (existsSync(join(SRC, child, 'index.config.ts'))) out.push(`${child}/index`);
      walk(child);
    }
  };
  walk('pages');
  walk('packages');
  return out.sort();
}

describe.each(['weapp', 'h5'] as const)('app.config.ts (%s)', (target) => {
  const config = appConfig(target);
  const pages = configPages(config);

  it('has every registered route, each with index.tsx and index.config.ts', () => {
    for (const page of registered(target)) {
      expect(pages).toContain(page);
      expect(existsSync(join(SRC, `${page}.tsx`))).toBe(true);
      expect(existsSync(join(SRC, `${page}.config.ts`))).toBe(true);
    }
  });

  it('has only registered pages, each once', () => {
    expect([...pages].sort()).toEqual([...registered(target)].sort());
    expect(new Set(pages).size).toBe(pages.length);
  });

  it('puts the tab pages in the main package, in the tab bar', () => {
    expect(config.pages).toEqual(Object.values(TAB_PAGES));
    expect(config.tabBar.list.map((t) => t.pagePath)).toEqual(Object.values(TAB_PAGES));
  });
});

describe('registry', () => {
  it('the weapp build has no h5-only page (本地演示登录)', () => {
    expect(configPages(appConfig('weapp'))).not.toContain('packages/accounts/pages/signin/index');
    expect(configPages(appConfig('h5'))).toContain('packages/accounts/pages/signin/index');
  });

  it('every page on disk is registered', () => {
    expect(pagesOnDisk()).toEqual([...registered('h5')].sort());
  });

  it('each feature registers the route table app.config.ts reads', () => {
    expect(FEATURES.map((f) => f.routes)).toEqual(expect.arrayContaining([...FEATURE_ROUTES]));
    expect(FEATURES).toHaveLength(FEATURE_ROUTES.length);
  });

  it('every grid and shortcut entry points at a registered route', () => {
    const paths = new Set(Object.values(ROUTES));
    for (const f of FEATURES) for (const e of [...f.services, ...f.shortcuts]) expect(paths).toContain(e.url);
    expect(TAB_ROUTES).toEqual(Object.values(TAB_PAGES).map((p) => '/' + p));
  });

  it('pages the server names (subscribe messages, links between features) are registered routes', () => {
    const paths = new Set(Object.values(ROUTES));
    for (const page of [ACTIVITY_DETAIL_PAGE, NEIGHBOUR_SERVICE_PAGE, CONCERN_DETAIL_PAGE, TOPIC_DETAIL_PAGE])
      expect(paths).toContain('/' + page);
    for (const [to, params] of Object.entries(APP_LINKS)) {
      const url = linkUrl({ to: to as keyof typeof APP_LINKS, params: Object.fromEntries(params.map((p) => [p, 'x'])) });
      expect(paths).toContain(url.split('?')[0]);
      expect(url).toContain(params.map((p) => `${p}=x`).join('&'));
    }
  });

  it('entry keys are unique within the grid and within the shortcuts', () => {
    const grid = FEATURES.flatMap((f) => f.services.map((e) => e.key));
    const shortcuts = FEATURES.flatMap((f) => f.shortcuts.map((e) => e.key));
    expect(new Set(grid).size).toBe(grid.length);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });
});
