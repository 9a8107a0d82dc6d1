// Vitest for the browser tests (e2e/**/*.e2e.ts): one file at a time, long timeouts, the real server in a child process.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // a page on a loaded machine (CI runs beside other work; the axe check runs before each action) can take more
    // than the default second to show what a step waits for
    expect: { poll: { timeout: 10_000 } },
  },
});
