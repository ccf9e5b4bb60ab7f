import { defineConfig } from 'vitest/config';

/**
 * Three tiers, by what a test needs:
 * - unit: functions on in-memory input (readers, extractors, tests/unit/); no warehouse, no process,
 *   no browser. `npm run test:unit`, well under 10 s.
 * - integration: builds warehouses, runs the models, spawns the CLI. The sample warehouses are built
 *   once by the global setup.
 * - browser: the site in chromium (tests/dashboard/site.test.ts, reviews.test.ts, regions.test.ts, unit-search.test.ts).
 * `npm test` runs all three.
 */
// tests/read/*-differential.test.ts compare readers on a generated corpus and LibreOffice re-saves:
// slow, so they run with the integration tests
const UNIT = ['tests/unit/**/*.test.ts', 'tests/extract/**/*.test.ts', 'tests/read/**/!(*-differential).test.ts'];
const BROWSER = ['tests/dashboard/site.test.ts', 'tests/dashboard/reviews.test.ts', 'tests/dashboard/regions.test.ts', 'tests/dashboard/unit-search.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // DuckDB and the browser tests are heavy; two cores are shared between forks
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, testTimeout: 10_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: [...UNIT, ...BROWSER],
          globalSetup: ['tests/helpers/global-setup.ts'],
          // the rules' suites run their tests concurrently so that one warehouse build serves the cases
          // of every test waiting at once (tests/helpers/constructed.ts); all of a file's tests at once
          maxConcurrency: 100,
        },
      },
      // one browser file at a time: each builds a site and drives chromium, heavy on two shared cores
      // (two builds at once are safe: each runs on its own copy of dashboard/, pipeline/jobs/site.ts)
      { extends: true, test: { name: 'browser', include: BROWSER, fileParallelism: false, globalSetup: ['tests/helpers/global-setup.ts'] } },
    ],
  },
});
