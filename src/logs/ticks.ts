// The benchmark mod's step-time TSV: one row per N server steps with the server clock (uptime or
// a monotonic clock, not epoch), step duration in ms and players online. The real file's header
// has a literal `\t` text instead of tabs, so the header is split on either; data rows on tabs.
import type { TickSample } from '../model/events.js';

const STEP = ['step_ms', 'tick_duration_ms'];
const CLOCK = ['uptime_s', 'timestamp_s'];
const PLAYERS = ['players', 'players_online'];

/** True when a first line names the mod's columns. */
export function isTickHeader(line: string): boolean {
  const names = line.split(/\t|\\t/).map((s) => s.trim());
  return names.some((n) => STEP.includes(n)) && names.some((n) => CLOCK.includes(n));
}

export interface TickColumns {
  step: number;
  clock: number;
  players: number;
}

/** Column positions from the header; null when it does not name a step and a clock column. */
export function tickColumns(header: string): TickColumns | null {
  const names = header.split(/\t|\\t/).map((s) => s.trim());
  const find = (cands: string[]) => names.findIndex((n) => cands.includes(n));
  const step = find(STEP);
  const clock = find(CLOCK);
  if (step < 0 || clock < 0) return null;
  return { step, clock, players: find(PLAYERS) };
}

/** One data row → a sample, or the reason it is not one. */
export function parseTickRow(line: string, cols: TickColumns): TickSample | string {
  const cells = line.split('\t');
  const step = Number(cells[cols.step]);
  const clock = Number(cells[cols.clock]);
  if (
    cells.length < 2 ||
    !Number.isFinite(step) ||
    !Number.isFinite(clock) ||
    cells[cols.step]?.trim() === ''
  )
    return `expected tab-separated numbers, found "${line.slice(0, 40)}"`;
  if (step < 0) return `negative step time ${step}`;
  const pl = cols.players >= 0 ? Number(cells[cols.players]) : Number.NaN;
  return { clockSeconds: clock, stepMs: step, players: Number.isFinite(pl) ? pl : null };
}
