import { defineConfig } from 'vitest/config';

/**
 * Three tiers (docs/ARCHITECTURE.md): unit tests beside the source, integration tests of use cases
 * and HTTP against PGlite — and again against PostgreSQL when TEST_DATABASE_URL is set — and
 * end-to-end journeys in headless Chromium.
 */
const pg = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', './tests/support/summary-reporter.ts'] : ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'web/**/*.test.ts', 'web/**/*.test.tsx', 'tests/checks/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
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
                include: ['tests/integration/**/*.test.ts'],
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
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
