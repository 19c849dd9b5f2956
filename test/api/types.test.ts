// Type-checks the public API as a package user sees it (test/api/types.test-d.ts) and the examples,
// against the compiled declarations in dist/.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/dist.js';

const run = promisify(execFile);
let root: string;
beforeAll(async () => {
  root = await ensureBuilt();
});

describe('public types', () => {
  it('type-check: types.test-d.ts and examples/*.ts compile against dist/index.d.ts', async () => {
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = await run(process.execPath, [tsc, '-p', path.join(root, 'test', 'api', 'tsconfig.json')], {
      cwd: root,
    }).catch((e: { stdout: string; code: number }) => e);
    expect('stdout' in r ? r.stdout : '', 'tsc output').toBe('');
  });
});
