// Comparability: what differs between the runs being compared (bot count, node count, interval,
// duration, software version). Differences are warned about next to the numbers, never refused.
import { messages } from '../model/messages.js';
import type { Flag, RunSummary } from '../model/types.js';

const distinct = (xs: string[]) => [...new Set(xs)];

function describe(values: string[]): string {
  return distinct(values).join(', ');
}

/** Warnings for every property that differs between (or within) the two sides. */
export function comparabilityWarnings(base: RunSummary[], cand: RunSummary[]): Flag[] {
  const props: [string, (s: RunSummary) => string][] = [
    ['total bots', (s) => String(s.run.totalBots)],
    ['node count', (s) => String(s.nodes.length)],
    ['bot node count', (s) => String(s.nodes.filter((n) => n.role === 'bots').length)],
    ['interval', (s) => `${s.run.intervalSeconds} s`],
    ['duration', (s) => `${s.run.durationSeconds} s`],
  ];
  const keys = distinct([...base, ...cand].flatMap((s) => Object.keys(s.run.versions ?? {}))).sort();
  for (const k of keys) props.push([`${k} version`, (s) => s.run.versions?.[k] ?? 'not stated']);
  const out: Flag[] = [];
  for (const [what, get] of props) {
    const b = base.map(get);
    const c = cand.map(get);
    if (distinct([...b, ...c]).length > 1)
      out.push(messages.baselineDiffers(`${what} (baseline ${describe(b)}; candidate ${describe(c)})`));
  }
  return out;
}
