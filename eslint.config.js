// Lint for architecture, not only style: the core stays pure, the web app stays off the server,
// promises are never left floating, switches are exhaustive, UI text comes from translations,
// modules meet only at their public.ts.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import dataAccessInRepository, { QUERIES_NOT_YET_IN_A_REPOSITORY } from './tools/eslint/data-access-in-repository.js';
import moduleBoundaries from './tools/eslint/module-boundaries.js';
import noLiteralUiString from './tools/eslint/no-literal-ui-string.js';

/** The project's own rules (tools/eslint/), one plugin object for every block that uses them. */
const oc = { rules: { 'no-literal-ui-string': noLiteralUiString, 'data-access-in-repository': dataAccessInRepository, 'module-boundaries': moduleBoundaries } };

const serverOnly = ['**/platform/**', '**/modules/**', '**/cli/**', '**/app.js', 'fastify', 'fastify/*', '@fastify/*', 'drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*', 'better-auth', 'better-auth/*', 'node:*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'src/platform/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'tools/eslint/*.js', 'tools/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Its type view differs from tsc's contextual typing here: it flags casts tsc needs.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through src/platform/config.ts.' }],
    },
  },
  {
    // The pure core: no database, HTTP, file system, clock or process. (Its tests may read fixtures
    // from elsewhere, such as the seeded plan.)
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...serverOnly, '../../shared/**', '../../../shared/**', 'zod'], message: 'src/core is pure: plain data in, plain data out.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'The core does not read the process.' }, { name: 'fetch', message: 'The core does no I/O.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core takes time as an argument (no clock).' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The core takes time as an argument (no clock).' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'The core takes randomness as a seeded argument.' },
      ],
    },
  },
  {
    // Contracts are shared with the browser.
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: serverOnly, message: 'src/shared is used by the web app: no server imports.' }] }] },
  },
  {
    // The platform serves every module and knows none of them.
    files: ['src/platform/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/modules/**', '**/cli/**', '**/app.js'], message: 'src/platform knows no module: a module receives what it needs through ModuleDeps.' }] }] },
  },
  {
    // Modules meet only at each other's public.ts; dependsOn in the manifests says which may meet.
    files: ['src/modules/**/*.ts'],
    plugins: { oc },
    rules: { 'oc/module-boundaries': 'error' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { oc },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: serverOnly, message: 'The web app talks to the server only through /api/v1 and shared contracts.' }] }],
    },
  },
  {
    // One shape per module: Drizzle and the schema only in the repository (and seeds, the demo data).
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/**/repository.ts', 'src/modules/**/repository/**', 'src/modules/**/seed*.ts', 'src/modules/**/demo*.ts', 'src/modules/**/*.test.ts', ...QUERIES_NOT_YET_IN_A_REPOSITORY],
    plugins: { oc },
    rules: { 'oc/data-access-in-repository': 'error' },
  },
  {
    files: ['web/src/**/*.tsx'],
    ignores: ['web/**/*.test.tsx'],
    rules: { 'oc/no-literal-ui-string': 'error', 'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text as text.' }] },
  },
  {
    // Entry points and tests may read the environment; everything else gets Config.
    files: ['src/cli/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'vitest.config.ts', 'web/vite.config.ts', 'drizzle.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
