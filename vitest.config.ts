import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The bundled command keeps V8's compiled chart renderer in a cache folder: not the user's.
    env: { BENCH_REPORT_CACHE_DIR: path.join(os.tmpdir(), 'bench-report-test-cache') },
  },
});
