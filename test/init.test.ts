// `bench-report init DIR`: a draft manifest from the data and logs, never overwriting one.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/io.js';
import { run } from '../src/cli/program.js';
import { parseManifest } from '../src/run/load.js';
import { REPO_ROOT } from './real-data.js';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const t: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: {}, cwd, isTTY: false };
  return { io: t, out, err };
}

function harnessDir(): string {
  // What the Luanti harness leaves: metrics-<host>.csv per node plus logs, no manifest.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'br-init-'));
  const src = path.join(REPO_ROOT, 'fixtures', 'runs', 'logs-18-of-20');
  cpSync(path.join(src, 'metrics'), dir, { recursive: true });
  cpSync(path.join(src, 'logs'), path.join(dir, 'logs'), { recursive: true });
  return dir;
}

describe('bench-report init', () => {
  it('drafts hosts, window and interval from the data and bots from the logs, roles marked as guesses', async () => {
    const dir = harnessDir();
    const t = io(dir);
    expect(await run(['init', '.'], t.io)).toBe(0);
    const text = readFileSync(path.join(dir, 'run.yaml'), 'utf8');
    const spec = parseManifest(text, 'run.yaml');
    expect(spec.nodes).toEqual([
      { host: 'bots-a', role: 'bots', bots: 10 },
      { host: 'bots-b', role: 'bots', bots: 8 },
      { host: 'luanti-server', role: 'server', bots: 0 },
    ]);
    // The fixture has 120 samples at 5 s from 12:00:00Z: the half-open window ends one interval after the last.
    expect(new Date(spec.start).toISOString()).toBe('2025-06-22T12:00:00.000Z');
    expect(new Date(spec.end).toISOString()).toBe('2025-06-22T12:10:00.000Z');
    expect(spec.intervalSeconds).toBe(5);
    expect(spec.sources).toHaveLength(3);
    expect(spec.logs?.map((l) => l.kind).sort()).toEqual(['bots', 'bots', 'luanti', 'ticks']);
    expect(text.match(/role: \w+ {2}# GUESS/g)).toHaveLength(3);
    // The draft builds.
    expect(await run(['build', '.', '--out', 'out', '--quiet'], io(dir).io)).toBe(0);
  });

  it('never overwrites an existing manifest', async () => {
    const dir = harnessDir();
    writeFileSync(path.join(dir, 'run.json'), '{"mine": true}\n');
    const t = io(dir);
    expect(await run(['init', '.'], t.io)).toBe(1);
    expect(t.err.join('')).toContain('a manifest already exists (run.json); init never overwrites one');
    expect(readFileSync(path.join(dir, 'run.json'), 'utf8')).toBe('{"mine": true}\n');
  });
});
