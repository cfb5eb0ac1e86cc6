import { defineConfig } from 'vitest/config';

/** `npm run test:chaos`: the slow reliability runs (kill -9, 10,000 calls, 500 displays, 10,000 fuzz cases). */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
