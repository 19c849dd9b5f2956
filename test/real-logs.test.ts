// Log parsers on the real files in ../shared/real-data (skipped with a message when absent).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { tickHealth } from '../src/analyze/tick-health.js';
import type { RunSpec } from '../src/model/types.js';
import { realFile } from './real-data.js';
import { readLogs } from '../src/logs/read-logs.js';

function spec(file: string, extra: Partial<RunSpec> = {}): RunSpec {
  return {
    id: 't',
    dir: path.dirname(file),
    manifestPath: 'run.yaml',
    start: 0,
    end: 1,
    intervalSeconds: 10,
    nodes: [{ host: 'srv', role: 'server', bots: 0 }],
    sources: [],
    timezone: 'UTC',
    logs: [{ path: path.basename(file) }],
    ...extra,
  };
}

const debugTxt = realFile('luanti-debug-txt', 'debug.txt');
const playerEvents = realFile('yardstick-luanti-extracted', 'player_events_extracted.tsv');
const tickTsv = realFile('yardstick-luanti-extracted', 'tick_metrics_extracted.tsv');

describe.skipIf(!debugTxt)('real Luanti 5.12 debug.txt (Latin-1, separators, client lines)', () => {
  it('finds its 3 joins, 3 leaves, 4 server starts and 4 shutdowns and decodes Latin-1', async () => {
    const ev = await readLogs(spec(debugTxt!));
    const count = (k: string) => ev.events.filter((e) => e.kind === k).length;
    // grep -a -c over the file gives the same counts: "joins game" 3, "leaves game" 3,
    // "listening on" 4, "Shutting down" 4, "ServerError" 0.
    expect(ev.logs[0]!.kind).toBe('luanti');
    expect(count('join')).toBe(3);
    expect(count('leave')).toBe(3);
    expect(count('server-start')).toBe(4);
    expect(count('shutdown')).toBe(4);
    expect(count('server-error')).toBe(0);
    expect(ev.logs[0]!.lines).toBe(1111);
    const first = ev.events.find((e) => e.kind === 'join')!;
    expect(first).toMatchObject({
      player: 'singleplayer',
      online: 1,
      time: Date.parse('2025-06-29T17:21:48Z'),
    });
    // The trailing-space empty list after a leave means nobody is online.
    expect(ev.events.find((e) => e.kind === 'leave')!.online).toBe(0);
  });
});

describe.skipIf(!debugTxt)('real debug.txt appended over several server starts', () => {
  it('keeps only the session of the run window (2025-07-23 02:25:57 start, one join and one leave)', async () => {
    const ev = await readLogs(
      spec(debugTxt!, { start: Date.parse('2025-07-23T02:26:00Z'), end: Date.parse('2025-07-23T02:32:00Z') }),
    );
    expect(ev.events.filter((e) => e.kind === 'join').map((e) => e.time)).toEqual([
      Date.parse('2025-07-23T02:26:05Z'),
    ]);
    expect(ev.events.filter((e) => e.kind === 'leave')).toHaveLength(1);
    expect(ev.events.filter((e) => e.kind === 'server-start')).toHaveLength(1);
    expect(ev.logs[0]!.earlierSessions).toBeGreaterThan(0);
  });
});

describe.skipIf(!playerEvents)('real Yardstick mod join lines', () => {
  it('counts the 20 "[YARDSTICK] Player joined" lines as joins, peak 20', async () => {
    const ev = await readLogs(spec(playerEvents!, { timezone: 'Europe/Amsterdam' }));
    const joins = ev.events.filter((e) => e.kind === 'join');
    expect(joins).toHaveLength(20);
    expect(Math.max(...joins.map((e) => e.online!))).toBe(20);
    expect(ev.events.filter((e) => e.kind === 'leave')).toHaveLength(20);
    // 22:43:10 local in Amsterdam (CEST, UTC+2) is 20:43:10 UTC.
    expect(joins[0]!.time).toBe(Date.parse('2025-07-18T20:43:10Z'));
  });
});

describe.skipIf(!tickTsv)('real Yardstick step-time TSV (malformed header, uptime clock)', () => {
  it('reads all 173 rows despite the literal \\t header and matches an independent percentile', async () => {
    const ev = await readLogs(spec(tickTsv!, { logs: [{ path: path.basename(tickTsv!), kind: 'ticks' }] }));
    expect(ev.logs[0]!.rejected).toBe(0);
    expect(ev.ticks).toHaveLength(173);
    const th = tickHealth(ev, 60)!;
    const steps = readFileSync(tickTsv!, 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => Number(l.split('\t')[3]))
      .sort((a, b) => a - b);
    expect(th.steps!.max).toBe(69.44);
    expect(th.steps!.max).toBe(steps[steps.length - 1]);
    expect(th.steps!.p50).toBe(quantileSorted(steps, 0.5));
    expect(th.steps!.overBudget).toBe(steps.filter((s) => s > 60).length);
    expect(th.steps!.playersPeak).toBe(20);
  });
});
