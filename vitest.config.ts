import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fast-check.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Browser and build tests share one built site; run files one at a time so they do not race for dist/.
    fileParallelism: false,
  },
});
