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

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', './tests/support/summary-reporter.ts'] : ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', sequence: { groupOrder: 0 }, include: ['src/**/*.test.ts', 'web/**/*.test.ts', 'web/**/*.test.tsx', 'tests/checks/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          sequence: { groupOrder: 0 },
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
                sequence: { groupOrder: 0 },
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
          globalSetup: [LOG_AUDIT],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time on a 2-core machine, after the timing group.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
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
          // Alone, after unit and integration and before the browsers (vitest 5 runs projects
          // without a group order in parallel, so every project names its group): a p99 measured
          // while the suite runs beside it would measure the suite, not the app.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
