/**
 * Layer rules, checked by `npm run lint:deps` (part of `npm test`):
 * core is pure (no Taro, no SDK, no I/O layers); functions never reach the client or
 * the emulator; the client never reaches the SDK, the emulator or the functions.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      severity: 'error',
      from: { path: '^core/' },
      to: {
        path: '(^src/|^cloudfunctions/|^emulator/|^scripts/|node_modules/(@tarojs|wx-server-sdk|@cloudbase|better-sqlite3|exceljs|mingo)/)',
      },
    },
    {
      name: 'functions-stay-server-side',
      severity: 'error',
      from: { path: '^cloudfunctions/' },
      to: { path: '(^src/|^emulator/|^scripts/|node_modules/@tarojs/)' },
    },
    {
      name: 'client-never-reaches-the-server',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '(^cloudfunctions/|^emulator/|^scripts/|node_modules/(wx-server-sdk|@cloudbase|better-sqlite3|exceljs|mingo)/)' },
    },
    {
      name: 'emulator-is-not-the-app',
      severity: 'error',
      from: { path: '^emulator/' },
      to: { path: '(^src/|^cloudfunctions/|^scripts/)' },
    },
    // A feature never imports another feature's internals; shared pieces live in
    // core/platform, cloudfunctions/_shared, and the client's services/hooks/components.
    {
      name: 'core-features-apart',
      severity: 'error',
      from: { path: '^core/(?!platform/)([^/]+)/' },
      to: { path: '^core/[^/]+/', pathNot: ['^core/$1/', '^core/platform/'] },
    },
    {
      name: 'function-features-apart',
      severity: 'error',
      from: { path: '^cloudfunctions/(?!_shared/|home/)([^/]+)/' },
      to: { path: '^cloudfunctions/[^/]+/', pathNot: ['^cloudfunctions/$1/', '^cloudfunctions/_shared/'] },
    },
    // The 首页 function composes every feature's card: it reaches only their declared card loaders.
    {
      name: 'home-reads-only-cards',
      severity: 'error',
      from: { path: '^cloudfunctions/home/' },
      to: { path: '^cloudfunctions/(?!_shared/|home/)[^/]+/', pathNot: ['^cloudfunctions/[^/]+/card\\.ts$'] },
    },
    {
      name: 'client-features-apart',
      severity: 'error',
      from: { path: '^src/(?:features|packages)/([^/]+)/' },
      to: {
        path: '^src/(?:features|packages)/[^/]+/',
        pathNot: ['^src/(?:features|packages)/$1/', '^src/features/(?:types|route-table|routes|links|index)\\.ts$'],
      },
    },
    { name: 'no-circular', severity: 'error', from: { path: '^(core|cloudfunctions|src)/' }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts$|^dist/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
