// Test runner: unit and integration tests share one DynamoDB Local started by the global setup.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/infra/**/*.test.ts',
      'test/e2e/**/*.test.ts',
    ],
    // The 5,000-member ward runs after the rest, alone (vitest.large.config.ts).
    exclude: [...configDefaults.exclude, 'test/integration/bot/large-ward.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Hang guards, not expectations: the tests wait for what they await. The heavy storage tests (pages past
    // 1 MB, BatchGetItem of hundreds of keys) took 30 s and their seeding hooks 60 s on DynamoDB Local when
    // another file ran beside them, so the guards leave room for a busy machine; a hook whose work is larger
    // (the 2,000-member ward of storage.test.ts) carries its own guard. Each worker has its own DynamoDB Local
    // (test/support/global-setup.ts).
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // Two cores here: more workers only fight over them and over the one DynamoDB Local.
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
