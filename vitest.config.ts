import { defineConfig } from 'vitest/config';

/**
 * Three tiers (docs/ARCHITECTURE.md): unit tests beside the source, integration tests of use cases
 * and HTTP against PGlite — and again against PostgreSQL when TEST_DATABASE_URL is set — and
 * end-to-end journeys in headless Chromium.
 */
const pg = process.env.TEST_DATABASE_URL;
/** Tests that measure latency: they run last, alone, so other test files do not share the two cores. */
const TIMING = ['tests/integration/**/*no-blocking*.test.ts'];
/** Every app log line a project wrote is scanned for personal data and secrets after its last test. */
const LOG_AUDIT = 'tests/support/log-audit.ts';
/**
 * Test files at once, across the projects of the main group. Vitest's default is one fewer than the
 * cores, which on a 2-core machine is one file at a time (and puts the projects in one queue);
 * the files mostly wait (on the database, the browser, the solver threads), so three keep both
 * cores busy. OC_TEST_WORKERS overrides it.
 */
const WORKERS = Number(process.env.OC_TEST_WORKERS ?? 3);
/**
 * Groups run one after another: the timing files first and alone (a p99 measured while the suite
 * runs beside it would measure the suite), then every other project together, sharing WORKERS.
 */
const TIMING_GROUP = 1;
const MAIN_GROUP = 2;

export default defineConfig({
  test: {
    maxWorkers: WORKERS,
    // expect.poll waits up to 10 s (vitest's default is 1 s): with files in parallel, a page may take
    // longer than a second to show what it loads, and a passing poll returns at once anyway.
    expect: { poll: { timeout: 10_000 } },
    reporters: process.env.CI ? ['default', './tests/support/summary-reporter.ts'] : ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', sequence: { groupOrder: MAIN_GROUP }, include: ['src/**/*.test.ts', 'web/**/*.test.ts', 'web/**/*.test.tsx', 'tests/checks/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          sequence: { groupOrder: MAIN_GROUP },
          include: ['tests/integration/**/*.test.ts'],
          exclude: TIMING,
          globalSetup: ['tests/support/global-setup.ts', LOG_AUDIT],
          env: { OC_TEST_DB: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(pg
        ? [
            {
              extends: true as const,
              test: {
                name: 'integration-postgres',
                sequence: { groupOrder: MAIN_GROUP },
                include: ['tests/integration/**/*.test.ts'],
                exclude: TIMING,
                globalSetup: [LOG_AUDIT],
                env: { OC_TEST_DB: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // One seeded database template and one Chromium for the run; each file its own copy, app and context.
          globalSetup: ['tests/support/e2e-setup.ts', LOG_AUDIT],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: MAIN_GROUP },
        },
      },
      {
        extends: true,
        test: {
          name: 'timing',
          include: TIMING,
          globalSetup: ['tests/support/global-setup.ts', LOG_AUDIT],
          env: { OC_TEST_DB: 'pglite' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Alone, before the rest (see TIMING_GROUP).
          fileParallelism: false,
          sequence: { groupOrder: TIMING_GROUP },
        },
      },
    ],
  },
});
