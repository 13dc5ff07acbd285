import { defineConfig } from 'vitest/config';

// Two cores: integration and e2e tests spawn servers and python3 workers, so keep parallelism modest.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'scenarios/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
