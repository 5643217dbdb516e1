// The 5,000-member ward (test/integration/bot/large-ward.test.ts), run by `npm test` after the rest, on its own:
// its seeding and jobs keep DynamoDB Local busy for minutes, and beside it other files' hang guards ran out.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/integration/bot/large-ward.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    pool: 'forks',
    maxWorkers: 1,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
