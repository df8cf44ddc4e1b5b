import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // The second is the README's Vitest global setup, run as written (test/readme/server.test.ts).
    globalSetup: ['test/support/global-setup.ts', 'test/readme/vitest-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
