// Lint: the recommended rules of ESLint and typescript-eslint, nothing stylistic (formatting is left to
// .editorconfig and the authors). `npm run lint` must stay clean; warnings are advice.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'dist.*', 'data/', 'test-results/', 'dashboard/.observablehq/', '.site-root-*/', '.ci/', '**/*.duckdb*'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // `_name` marks a parameter kept for its position; a warning, since tsc does not check unused names and code lands in parallel
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // an empty catch says "this failure only loses a convenience"; the comment beside it says which
      'no-empty': ['error', { allowEmptyCatch: true }],
      // regex-heavy extraction code: a redundant escape is harmless, so it is advice, not a failure
      'no-useless-escape': 'warn',
      'no-useless-assignment': 'warn',
      'preserve-caught-error': 'warn',
      // control characters are matched on purpose when cleaning extracted text
      'no-control-regex': 'off',
    },
  },
  {
    // the pipeline's modules: no `any` (guide: TypeScript strict, none at module boundaries)
    files: ['pipeline/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // tests and scripts may use `any` to poke at loosely typed results
    files: ['tests/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'warn' },
  },
  {
    // the dashboard's components and the client code run in the browser
    files: ['dashboard/**/*.js', 'dashboard/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
