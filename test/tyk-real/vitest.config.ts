import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Runs only the real-gateway tests, which the main vitest.config.ts excludes:
 * `npx vitest run --config test/tyk-real/vitest.config.ts` (build the gateway first with
 * scripts/tyk-gateway/build.sh, or every test here is skipped).
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/tyk-real/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
