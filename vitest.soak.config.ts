// Soak runs (`npm run test:soak`): the reliability suite with many more property runs and concurrency rounds,
// plus test/soak/. Not part of `npm test`.
import { defineConfig } from 'vitest/config';

process.env.FUZZ_RUNS ??= '400';
process.env.CONCURRENCY_ROUNDS ??= '25';

export default defineConfig({
  test: {
    include: ['test/integration/reliability/**/*.test.ts', 'test/soak/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
