// One runner for every suite. Each project can be run alone with `--selectProjects`.
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2020', transform: { react: { runtime: 'automatic' } } } },
];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@core/(.*)$': '<rootDir>/core/$1', '^@/(.*)$': '<rootDir>/src/$1' },
  testEnvironment: 'node',
};
// Functions import the real wx-server-sdk; in these suites the emulator answers instead.
const withEmulatedSdk = { ...common.moduleNameMapper, '^wx-server-sdk$': '<rootDir>/emulator/sdk.ts' };
module.exports = {
  // Seeding the demo (every feature's data) and 200-call concurrency tests take seconds on 2 busy cores.
  testTimeout: 60_000,
  // The page audits first: long files, small on disk (see the file).
  testSequencer: '<rootDir>/tests/support/sequencer.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/core/**/*.test.ts', '<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'emulator', testMatch: ['<rootDir>/tests/emulator/**/*.test.ts'] },
    { ...common, displayName: 'functions', testMatch: ['<rootDir>/tests/functions/**/*.test.ts'], moduleNameMapper: withEmulatedSdk },
    // The local HTTP runtime (what `npm start` serves) with the functions' TypeScript sources.
    { ...common, displayName: 'runtime', testMatch: ['<rootDir>/tests/runtime/**/*.test.ts'], moduleNameMapper: withEmulatedSdk },
    // The built bundles in dist/cloudfunctions under the CloudBase runtime's Node version (needs build:functions).
    { ...common, displayName: 'bundles', testMatch: ['<rootDir>/tests/bundles/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
