import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // DuckDB and the browser tests are heavy; two cores are shared between forks
    pool: 'forks',
    maxWorkers: 2,
  },
});
