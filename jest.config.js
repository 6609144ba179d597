// One runner for every suite. Each project can be run alone with `--selectProjects`.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2020', transform: { react: { runtime: 'automatic' } } } }];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@core/(.*)$': '<rootDir>/core/$1' },
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/core/**/*.test.ts', '<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'emulator', testMatch: ['<rootDir>/tests/emulator/**/*.test.ts'] },
    {
      ...common,
      displayName: 'functions',
      testMatch: ['<rootDir>/tests/functions/**/*.test.ts'],
      // Functions import the real wx-server-sdk; in tests the emulator answers instead.
      moduleNameMapper: { ...common.moduleNameMapper, '^wx-server-sdk$': '<rootDir>/emulator/sdk.ts' },
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
