// Lint config: typescript-eslint's recommended rules, the house rules of design.md §13, and the
// dependency rules of design.md §4 that a linter can check (test/architecture.test.ts keeps the
// rest). test/lint-boundaries.test.ts proves each boundary rule fires on a fixture that escapes it.
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const CORE = ['harness/core/**/*.{ts,mts,cts,js,mjs,cjs}'];
/** design.md §4 rule 6: the composition roots, the only harness files that start the fakes. */
const COMPOSITION_ROOTS = [
  'harness/create-harness.ts',
  // createHarness's loader of remote kinds given as module paths (kind: ./fakes/x.ts).
  'harness/remote-kinds.ts',
  'harness/scenario/**',
  'harness/cli/**',
  'harness/cli.ts',
];

const FOCUSED_TESTS = [
  {
    selector: "CallExpression[callee.object.name='it'][callee.property.name='only']",
    message: 'no focused tests',
  },
  {
    selector: "CallExpression[callee.object.name='describe'][callee.property.name='only']",
    message: 'no focused tests',
  },
];

const PURE = 'harness/core is pure (design.md §4 rule 1): time comes in as `now`, nothing else from outside.';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.mirrorlab/**',
      'test-results/**',
      '**/*.py',
      // Files that break the rules on purpose; test/lint-boundaries.test.ts lints them.
      'test/fixtures/lint/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // TypeScript sources are modules too: without these, import-x skips every .ts dependency.
      'import-x/extensions': ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts', '.cts'] },
      'import-x/resolver-next': [createNodeResolver()],
    },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // A clock closure handed to a fake before the harness exists reads the variable before its one assignment.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'no-restricted-syntax': ['error', ...FOCUSED_TESTS],
      // design.md §4: no import cycles (type-only imports are erased and do not count).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // design.md §4 rule 6: only the composition roots reach the fakes in mocks/.
    files: ['harness/**/*.{ts,mts,cts,js,mjs}'],
    ignores: [...COMPOSITION_ROOTS, 'harness/api.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './harness',
              from: './mocks',
              message:
                'only the composition roots (create-harness.ts, scenario/, cli/) import mocks/ (design.md §4 rule 6)',
            },
          ],
        },
      ],
    },
  },
  {
    // The public API names the handle type of createHarness's `remotes`: types only, never code.
    files: ['harness/api.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/mocks/**'],
              allowTypeImports: true,
              message:
                'harness/api.ts may import the public types of mocks/, never its code (design.md §4 rule 6)',
            },
          ],
        },
      ],
    },
  },
  {
    files: CORE,
    rules: {
      // Packages and node: builtins (static imports); relative paths leaving the core are checked below.
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^[^.]', message: `harness/core imports only harness/core. ${PURE}` }] },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './harness/core',
              from: './',
              except: ['./harness/core'],
              message: `harness/core imports only harness/core. ${PURE}`,
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'performance',
          'crypto',
          'fetch',
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'queueMicrotask',
          'globalThis',
          'global',
          'window',
          'navigator',
          'require',
          'Buffer',
          'XMLHttpRequest',
          'WebSocket',
          'console',
        ].map((name) => ({ name, message: PURE })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: PURE },
        { object: 'Math', property: 'random', message: PURE },
        { property: 'resolvedOptions', message: `It reads the process's locale and time zone. ${PURE}` },
        // Local-time readings depend on the process TZ; the core works in UTC (getUTC*) or an explicit zone.
        ...[
          'getTimezoneOffset',
          'getFullYear',
          'getMonth',
          'getDate',
          'getDay',
          'getHours',
          'getMinutes',
          'getSeconds',
          'getMilliseconds',
          'toLocaleString',
          'toLocaleDateString',
          'toLocaleTimeString',
        ].map((property) => ({
          property,
          message: `Local time depends on the process TZ; use getUTC* / an explicit zone. ${PURE}`,
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: `new Date without a time reads the clock. ${PURE}`,
        },
        { selector: "CallExpression[callee.name='Date']", message: `Date() reads the clock. ${PURE}` },
        { selector: 'ImportExpression', message: `No dynamic import() in the core. ${PURE}` },
        { selector: "CallExpression[callee.name='require']", message: `No require() in the core. ${PURE}` },
        { selector: "MetaProperty[meta.name='import']", message: `No import.meta in the core. ${PURE}` },
      ],
    },
  },
  {
    // The dashboard: plain browser modules (type-checked by mocks/xsoar/public/tsconfig.json).
    files: ['mocks/xsoar/public/**/*.js'],
    languageOptions: {
      globals: {
        document: 'readonly',
        window: 'readonly',
        fetch: 'readonly',
        EventSource: 'readonly',
        location: 'readonly',
        history: 'readonly',
        localStorage: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Node: 'readonly',
        Element: 'readonly',
        HTMLElement: 'readonly',
        HTMLButtonElement: 'readonly',
        HTMLInputElement: 'readonly',
        Intl: 'readonly',
      },
    },
  },
);
