// Yardstick's run.json as a run: optional crash / join keys and the saturation record.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/pipeline.js';
import { splitBots } from '../src/run/yardstick.js';
import { REPO_ROOT } from './real-data.js';

const SRC = path.join(REPO_ROOT, 'fixtures', 'yardstick', 'walkaround-20260919-101500');

function variant(patch: Record<string, unknown>): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'br-ysv-')), 'walkaround-x');
  cpSync(SRC, dir, { recursive: true });
  const j = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...j, ...patch }));
  return dir;
}

describe('Yardstick run.json', () => {
  it('a recorded server crash makes the run incomplete; failed joins are flagged', async () => {
    const r = await build(variant({ server_crashed: true, players_failed_to_join: true }));
    expect(r.summary.run.status).toBe('incomplete');
    expect(r.summary.run.serverCrashed).toBe(true);
    const msgs = r.summary.flags.map((f) => f.message);
    expect(msgs).toContain('the harness recorded a server crash (yardstick: server_crashed = true)');
    expect(msgs).toContain(
      'the harness recorded that players failed to join (yardstick: players_failed_to_join = true)',
    );
  });

  it('shows a failed saturation check with its findings', async () => {
    const r = await build(
      variant({
        workload_saturation: {
          checked: true,
          ok: false,
          findings: [
            {
              node: '10.0.0.2',
              role: 'workload',
              resource: 'mean CPU usage',
              observed_pct: 94.2,
              threshold_pct: 85.0,
            },
          ],
        },
      }),
    );
    expect(r.markdown).toContain('10.0.0.2 mean CPU usage reached 94.2% (threshold 85%)');
  });

  it('spreads total_bots over workload hosts when bots_per_node does not add up', () => {
    expect(splitBots(10, 3)).toEqual([4, 3, 3]);
    expect(splitBots(0, 2)).toEqual([0, 0]);
  });
});
