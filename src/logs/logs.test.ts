import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBotLineParser } from './bots.js';
import { localToEpoch } from './local-time.js';
import { parseLuantiLine } from './luanti.js';
import { detectLogKind, hostFromFileName } from './read-logs.js';
import { parseTelegrafLine } from './telegraf.js';
import { parseTickRow, tickColumns } from './ticks.js';

describe('local log times', () => {
  it('converts wall time in a zone to UTC, DST included', () => {
    expect(localToEpoch('2025-06-22 14:00:00', 'Europe/Amsterdam')).toBe(Date.parse('2025-06-22T12:00:00Z'));
    expect(localToEpoch('2025-01-22 14:00:00', 'Europe/Amsterdam')).toBe(Date.parse('2025-01-22T13:00:00Z'));
    expect(localToEpoch('2025-01-22 14:00:00', 'UTC')).toBe(Date.parse('2025-01-22T14:00:00Z'));
    expect(localToEpoch('22-01-2025', 'UTC')).toBeNaN();
  });
});

describe('Luanti server lines', () => {
  const p = (l: string) => parseLuantiLine(l, 'UTC', 'f:1');
  it('reads joins with the player list (the joining name may appear twice)', () => {
    expect(
      p('2025-01-01 00:00:01: ACTION[Server]: bot1 [127.0.0.1] joins game. List of players: bot0 bot1 bot1'),
    ).toMatchObject({ kind: 'join', player: 'bot1', online: 2 });
  });
  it('reads time-outs, ServerError at ERROR level only, shutdown and both lag formats', () => {
    expect(p('2025-01-01 00:00:01: ACTION[Server]: bot1 times out. List of players: ')).toMatchObject({
      kind: 'timeout',
      online: 0,
    });
    expect(p('2025-01-01 00:00:01: ERROR[Main]: ServerError: AsyncErr: boom')!.kind).toBe('server-error');
    expect(p('2025-01-01 00:00:01: ACTION[Main]: ServerError: just chat')).toBeNull();
    expect(p('2025-01-01 00:00:01: ACTION[Main]: Server: Shutting down')!.kind).toBe('shutdown');
    expect(
      p('2025-01-01 00:00:01: WARNING[Server]: Server: Maximum lag peaked at 1.31 (steplen=0.09)')!.value,
    ).toBe(1.31);
    expect(p('2025-01-01 00:00:01: INFO[Server]: Server: Maximum lag peaked to 1.44 s')!.value).toBe(1.44);
  });
  it('accepts docker-compose prefixes and LL_NONE lines, ignores separators and continuations', () => {
    expect(p('minetest    | 2022-06-09 10:04:09: ACTION[Main]: Server: Shutting down')!.kind).toBe(
      'shutdown',
    );
    expect(p('2025-06-29 17:56:23: [Main]: Server: Shutting down')!.kind).toBe('shutdown');
    expect(p('  Separator')).toBeNull();
    expect(p('\t[C]: in function error')).toBeNull();
  });
});

describe('bot and Telegraf lines', () => {
  it('attributes unprefixed walkbot lines to the user of its Connecting line', () => {
    const parse = createBotLineParser('n1');
    expect(
      parse("Connecting to 10.0.0.1:30000 as user 'bench_007' (register: false, auto_register: true)", 'f:1'),
    ).toBeNull();
    expect(parse('Bot is ready and authenticated!', 'f:2')).toMatchObject({
      kind: 'bot-ready',
      player: 'bench_007',
      host: 'n1',
    });
    expect(parse('[walkbot2] Failed to connect: timed out', 'f:3')).toMatchObject({
      kind: 'bot-failed',
      player: 'walkbot2',
    });
    expect(parse('Kicked: Server shutting down.', 'f:4')!.kind).toBe('bot-kicked');
  });
  it('keeps Telegraf errors and warnings, drops info', () => {
    expect(
      parseTelegrafLine(
        '2020-04-01T06:19:08Z E! [agent] Error writing to outputs.influxdb: could not write any address',
        'n2',
        'f:1',
      ),
    ).toMatchObject({
      kind: 'telegraf-error',
      host: 'n2',
      text: '[agent] Error writing to outputs.influxdb: could not write any address',
    });
    expect(
      parseTelegrafLine('2022-03-29T18:47:11Z I! Starting Telegraf 1.22.0', undefined, 'f:1'),
    ).toBeNull();
  });
  it('detects log kinds by content and hosts by file name', () => {
    expect(detectLogKind('2022-03-29T18:47:11Z I! Starting Telegraf 1.22.0\n')).toBe('telegraf');
    expect(
      detectLogKind('\n\n-------------\n  Separator\n-------------\n2025-01-01 00:00:00: ACTION[Main]: hi\n'),
    ).toBe('luanti');
    expect(detectLogKind('[walkbot1] Bot is ready and authenticated!\n')).toBe('bots');
    expect(detectLogKind('timestamp_s\ttick_duration_ms\ttick_count\tplayers_online\n')).toBe('ticks');
    expect(detectLogKind('hello\n')).toBeNull();
    expect(hostFromFileName('/x/walkbot_node2.log', ['node2', 'node22'])).toBe('node2');
    expect(hostFromFileName('/x/walkbot_node22.log', ['node2', 'node22'])).toBe('node22');
  });
  it('reads the local mod step file layout and rejects a non-numeric row', () => {
    const cols = tickColumns('timestamp_s\ttick_duration_ms\ttick_count\tplayers_online')!;
    expect(parseTickRow('12.5\t51.2\t250\t3', cols)).toEqual({
      clockSeconds: 12.5,
      stepMs: 51.2,
      players: 3,
    });
    expect(typeof parseTickRow('x\ty', cols)).toBe('string');
  });
});

describe('reading a log file', () => {
  it('reads CRLF and Latin-1 and names the file when the kind is unknown', async () => {
    const { readLogs } = await import('./read-logs.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'br-logs-'));
    writeFileSync(
      path.join(dir, 'server.log'),
      Buffer.from(
        '2025-01-01 00:00:01: WARNING[Main]: caf\xe9\r\n2025-01-01 00:00:02: ACTION[Server]: b1 [1.2.3.4] joins game. List of players: b1\r\n',
        'latin1',
      ),
    );
    writeFileSync(path.join(dir, 'mystery.log'), 'nothing to see\n');
    const base = {
      id: 't',
      dir,
      manifestPath: 'run.yaml',
      start: 0,
      end: 1,
      intervalSeconds: 1,
      nodes: [],
      sources: [],
      timezone: 'UTC',
    };
    const ev = await readLogs({ ...base, logs: [{ path: 'server.log' }] });
    expect(ev.events).toEqual([
      {
        kind: 'join',
        time: Date.parse('2025-01-01T00:00:02Z'),
        player: 'b1',
        online: 1,
        location: 'server.log:2',
        text: 'b1 [1.2.3.4] joins game. List of players: b1',
      },
    ]);
    await expect(readLogs({ ...base, logs: [{ path: 'mystery.log' }] })).rejects.toThrow(
      /mystery\.log.*kind/s,
    );
  });
});

describe('an over-long log line', () => {
  it('is rejected with its line number; the lines after it are still read', async () => {
    const { readLogs } = await import('./read-logs.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'br-logs-'));
    const join = (s: number) =>
      `2025-01-01 00:00:0${s}: ACTION[Server]: b${s} [1.2.3.4] joins game. List of players: b${s}\n`;
    writeFileSync(
      path.join(dir, 'server.log'),
      `${join(1)}2025-01-01 00:00:02: WARNING[Main]: ${'x'.repeat(2 << 20)}\n${join(3)}`,
    );
    const ev = await readLogs({
      id: 't',
      dir,
      manifestPath: 'run.yaml',
      start: 0,
      end: 1,
      intervalSeconds: 1,
      nodes: [],
      sources: [],
      timezone: 'UTC',
      logs: [{ path: 'server.log', kind: 'luanti' }],
    });
    expect(ev.events.map((e) => e.location)).toEqual(['server.log:1', 'server.log:3']);
    expect(ev.logs[0]).toMatchObject({ lines: 3, rejected: 1 });
    expect(ev.logs[0]!.examples[0]!.location).toBe('server.log:2');
    expect(ev.logs[0]!.examples[0]!.reason).toMatch(/over the 1048576-byte limit/);
  });
});

describe('appended debug.txt', () => {
  it('keeps only the server session the run belongs to', async () => {
    const { currentSession } = await import('./read-logs.js');
    const ev = (kind: 'server-start' | 'join', time: number) => ({
      kind,
      time,
      location: `f:${time}`,
      text: '',
    });
    const events = [
      ev('server-start', 0),
      ev('join', 1),
      ev('server-start', 10),
      ev('join', 11),
      ev('server-start', 100),
    ];
    const r = currentSession(events, 50);
    expect(r.kept.map((e) => e.time)).toEqual([10, 11]);
    expect(r.dropped).toBe(3);
    expect(currentSession(events, -5)).toEqual({ kept: events, dropped: 0 });
    expect(currentSession(events.slice(1, 2), 50)).toEqual({ kept: events.slice(1, 2), dropped: 0 });
  });
});
