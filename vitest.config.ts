import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/chaos/**', 'node_modules/**'], // test/e2e/*.test.ts run too (headless Chromium)
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
