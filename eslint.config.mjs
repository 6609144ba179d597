// One linter for the whole tree (`npm run lint`, part of `npm test`). ESLint checks
// code; layout is Prettier's alone (see .prettierrc.json), so no formatting rule here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jest from 'eslint-plugin-jest';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'e2e-shots/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Text rules (core/platform/text.ts, file ids) match control characters on purpose.
      'no-control-regex': 'off',
      // Chinese text uses the full-width space (U+3000) inside strings.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
      // The type-checked lib is es2020 (no Error `cause` option); messages carry the cause's text.
      'preserve-caught-error': 'off',
    },
  },
  // The emulator models the SDK's untyped wire (EJSON, request bodies), and tests and the bench scripts
  // poke at envelopes as callers see them; both load modules by path, lazily or after the require hook.
  {
    files: ['emulator/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  // The client: React's rules of hooks (the compiler-era rules are not on: Taro 4 does not use the React Compiler).
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // Tests: Jest's recommended rules (no focused or skipped tests, expect inside tests).
  {
    files: ['tests/**/*.ts', 'core/**/*.test.ts'],
    ...jest.configs['flat/recommended'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      ...jest.configs['flat/recommended'].rules,
      // Titles come from tables (`for (const [action, spec] of …) it(action, …)`); without types ESLint cannot see they are strings.
      'jest/valid-title': ['error', { ignoreTypeOfTestName: true, ignoreTypeOfDescribeName: true }],
      // The shared checks (tests/support/matrix.ts, e2e audit) assert inside helpers; an e2e step asserts by waiting for what must show.
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'refused*', 'audit*', 'walk*', '**.waitFor'] }],
      // A setup that checks its own steps (seeded, granted) fails loudly instead of testing on a wrong state.
      'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['beforeAll', 'beforeEach'] }],
    },
  },
  // CommonJS configuration files (jest, babel, dependency-cruiser, Taro's config).
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
