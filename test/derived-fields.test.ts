// Reading only the fields derive uses (ReadOptions.fields and fieldsWhere, as readRun does) must
// change nothing but speed: the same series, the same per-input counts and rejections, on every
// fixture run and on a run whose CPU comes from time_* counters and whose unused measurements and
// per-core CPU series hold bad values.
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSeriesBuilder, DERIVED_FIELDS, DERIVED_SELECTION } from '../src/metrics/derive.js';
import { loadRun } from '../src/run/load.js';
import { readSources } from '../src/sources/read.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(repoRoot, 'fixtures', 'runs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'derived-fields-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function readBoth(runDir: string) {
  const spec = await loadRun(runDir);
  const out = [];
  for (const selection of [{}, { fields: DERIVED_FIELDS }, DERIVED_SELECTION]) {
    const builder = createSeriesBuilder(spec.nodes.map((n) => n.host));
    const result = await readSources(spec, (host, p) => builder.add(host, p), selection);
    out.push({ series: builder.finish(), stats: builder.stats, ...result });
  }
  return out;
}

describe('reading only the derived fields', () => {
  for (const run of readdirSync(fixtures).sort())
    it(`gives the same series and input reports on fixture run ${run}`, async () => {
      const [all, some, fewest] = await readBoth(path.join(fixtures, run));
      expect(some).toEqual(all);
      expect(fewest).toEqual(all);
    });

  it('keeps CPU time_* counters and still rejects bad values of unused measurements', async () => {
    const dir = path.join(tmp, 'counters');
    mkdirSync(path.join(dir, 'metrics'), { recursive: true });
    writeFileSync(
      path.join(dir, 'run.yaml'),
      'id: counters\nstart: 2025-01-01T00:00:00Z\nduration: 1m\ninterval: 10s\nnodes:\n  - { host: a, role: server }\nsources:\n  - path: metrics/a.lp\n  - path: metrics/a-disk.csv\n',
    );
    const t0 = Date.parse('2025-01-01T00:00:00Z') * 1e6;
    const lines: string[] = [];
    for (let i = 0; i < 5; i++) {
      const ts = BigInt(t0) + BigInt(i) * 10_000_000_000n;
      lines.push(
        `cpu,cpu=cpu-total,host=a time_user=${i * 2.5},time_system=0,time_idle=${i * 7.5},time_nice=0,time_iowait=0,time_irq=0,time_softirq=0,time_steal=0,time_guest=0 ${ts}`,
        `cpu,cpu=cpu0,host=a usage_idle=${90 - i},time_user=${i} ${ts}`,
        `mem,host=a used_percent=${40 + i},total=1000i ${ts}`,
        `disk,host=a free=${i}i,used_percent=5 ${ts}`,
      );
    }
    lines.push(
      `disk,host=a free=abc ${t0}`,
      `cpu,cpu=cpu1,host=a usage_idle=zz ${t0}`,
      `swap,host=a used=1e999 ${t0}`,
      `kernel,host=a boot_time=1 ${t0}x`,
    );
    writeFileSync(path.join(dir, 'metrics', 'a.lp'), `${lines.join('\n')}\n`);
    // A measurement nobody reads: its fields are present (so no row is "without fields") but unread.
    writeFileSync(
      path.join(dir, 'metrics', 'a-disk.csv'),
      `timestamp,measurement,host,free,used_percent\n${t0 / 1e6},disk,a,5,1.5\n${t0 / 1e6},disk,a,,\n${t0 / 1e6 + 1000},disk,a,,7\n`,
    );
    const [all, some, fewest] = await readBoth(dir);
    expect(some).toEqual(all);
    expect(fewest).toEqual(all);
    expect(some!.series[0]!.values).toEqual([25, 25, 25, 25]);
    expect(some!.series[1]!.values).toEqual([40, 41, 42, 43, 44]);
    expect(some!.inputs[0]!.records).toBe(20);
    expect(some!.inputs[0]!.rejected).toBe(4);
    expect(some!.inputs[1]!.records).toBe(2);
    expect(some!.inputs[1]!.rejected).toBe(1);
  });
});
