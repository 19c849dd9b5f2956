// Comparison section: baseline beside candidate per role and metric, with the noise estimate and
// a verdict; "~" inside the noise, "—" with a footnote when a side is missing (never dropped).
import type { Comparison, ComparisonRow } from '../../compare/baseline.js';
import { messages } from '../../model/messages.js';
import { num, signed } from '../format.js';
import type { Block, Cell, Section } from '../model.js';
import { architectureSection } from './architecture.js';

function digitsOf(row: ComparisonRow): number {
  return row.unit === 'pp/min' ? 4 : row.metric === 'CPU per bot' ? 3 : 2;
}

/** `1.44 → 1.87 (+29.9%)`: the issue's cell, with the ratio when the baseline is not zero. */
function changeText(row: ComparisonRow): string {
  const d = digitsOf(row);
  if (row.base.value === null || row.cand.value === null) return '';
  const ratio = row.deltaRatio === null ? '' : ` (${signed(row.deltaRatio * 100, 1)}%)`;
  return `${num(row.base.value, d)} → ${num(row.cand.value, d)}${ratio}`;
}

/** The verdict cell: `~`, `~ (p=0.343, n=4+4)`, `regressed`, … */
export function verdictText(row: ComparisonRow): string {
  if (row.verdict === 'missing') return '—';
  if (row.verdict === 'untested') return 'not tested (needs the samples of both runs)';
  const n = row.noise;
  const detail = n?.method === 'mann-whitney' ? ` (p=${n.p.toFixed(3)}, n=${n.nBase}+${n.nCand})` : '';
  const word = row.change === 'unchanged' ? '~' : (row.change ?? '');
  if (row.verdict === 'unverified') return `unverified: ${word}${detail}`;
  return `${word}${detail}`;
}

function evidenceText(row: ComparisonRow): string {
  const n = row.noise;
  if (!n) return '';
  const d = digitsOf(row);
  if (n.method === 'block-bootstrap') return `Δ ${signed(n.low, d)} … ${signed(n.high, d)}`;
  return `p=${n.p.toFixed(3)}${n.exact ? ' (exact)' : ' (normal approx.)'}`;
}

function medianRange(v: ComparisonRow['base'], d: number): string {
  if (v.n === undefined || v.value === null) return '';
  const ci =
    v.low != null && v.high != null ? ` [${num(v.low, d)}, ${num(v.high, d)}]` : ' [no 95% CI below 6 runs]';
  return `${num(v.value, d)}${ci}, n=${v.n}`;
}

/** Load-generator trust notes, first: an unverified run understates the server's load. */
export function trustBlocks(c: Comparison): Block[] {
  const out: Block[] = [];
  for (const [side, t] of [
    [`baseline ${c.baseLabel}`, c.loadGenerator.base],
    [`candidate ${c.candLabel}`, c.loadGenerator.cand],
  ] as const) {
    if (t.status === 'unverified')
      out.push({
        kind: 'note',
        level: 'error',
        text: messages.loadGeneratorUnverified(side, t.reasons).message,
      });
    else if (t.status === 'not-checked')
      out.push({
        kind: 'note',
        level: 'warning',
        text: messages.loadGeneratorUnchecked(side, t.reasons).message,
      });
  }
  return out;
}

export function comparisonSection(c: Comparison): Section {
  const notes: string[] = [];
  const note = (text: string) => {
    const i = notes.indexOf(text);
    if (i >= 0) return i + 1;
    notes.push(text);
    return notes.length;
  };
  const valueCell = (v: ComparisonRow['base'], d: number): Cell => {
    if (v.value === null) return { text: '—', note: note(v.missing ?? 'missing') };
    const text = c.mode === 'repeated' ? medianRange(v, d) : num(v.value, d);
    return v.missing ? { text, note: note(v.missing) } : text;
  };
  // Single runs: one `base → cand (±x.x%)` cell; repeated runs: each side's median, interval and n.
  const arrowCell = (row: ComparisonRow): Cell => {
    const d = digitsOf(row);
    if (row.base.value !== null && row.cand.value !== null) return changeText(row);
    const missing = [row.base, row.cand].filter((v) => v.value === null).map((v) => v.missing ?? 'missing');
    return {
      text: `${num(row.base.value, d, '—')} → ${num(row.cand.value, d, '—')}`,
      note: note(missing.join('; ')),
    };
  };
  const rows: Cell[][] = c.rows.map((row) => {
    const d = digitsOf(row);
    const head: Cell[] = [
      row.group,
      { text: [row.baseHost ?? '—', row.candHost ?? '—'].join(' → '), code: true },
      `${row.metric} (${row.unit})`,
    ];
    const mid: Cell[] =
      c.mode === 'single'
        ? [arrowCell(row)]
        : [
            valueCell(row.base, d),
            valueCell(row.cand, d),
            row.deltaRatio === null ? '' : `${signed(row.deltaRatio * 100, 1)}%`,
          ];
    return [
      ...head,
      ...mid,
      evidenceText(row),
      { text: verdictText(row), strong: row.verdict === 'regressed' },
    ];
  });
  const blocks: Block[] = [...trustBlocks(c)];
  for (const w of c.warnings) blocks.push({ kind: 'note', level: 'warning', text: w.message });
  const method =
    c.mode === 'single'
      ? 'The 95% interval of the difference (candidate − baseline) comes from a seeded moving-block bootstrap of the within-run samples: blocks of consecutive samples are resampled so that the autocorrelation of a time series is kept (see docs/statistics.md). "~" means the interval contains zero: the difference is inside the noise.'
      : `Each side is the median over its runs with a distribution-free 95% interval from order statistics; the sides are compared with an exact two-sided Mann–Whitney U test on one value per run (alpha ${c.alpha}). "~ (p=…, n=…)" means p ≥ alpha: the difference is inside the run-to-run noise.`;
  blocks.push({
    kind: 'paragraph',
    text: `Baseline ${c.baseLabel} (${c.baseRuns.map((r) => `${r.id}: ${r.status}`).join(', ')}) against candidate ${c.candLabel} (${c.candRuns.map((r) => `${r.id}: ${r.status}`).join(', ')}). The server is matched with the server; bot nodes are compared pooled and then one by one, matched by host name (a node present in only one run is listed with "—"). Lower CPU and memory are better; memory slope has no better direction and a significant difference reads "changed". ${method} A figure missing on either side is "—" with a footnote naming the run and node; it is never dropped and never estimated.`,
  });
  blocks.push({
    kind: 'table',
    columns: [
      { label: 'Role' },
      { label: 'Nodes (baseline → candidate)' },
      { label: 'Metric' },
      ...(c.mode === 'single'
        ? [{ label: `${c.baseLabel} → ${c.candLabel}`, align: 'right' as const }]
        : [
            { label: `Baseline ${c.baseLabel}: median [95% CI], n`, align: 'right' as const },
            { label: `Candidate ${c.candLabel}: median [95% CI], n`, align: 'right' as const },
            { label: 'Change of median', align: 'right' as const },
          ]),
      { label: c.mode === 'single' ? '95% interval of Δ' : 'U-test', align: 'right' },
      { label: 'Verdict' },
    ],
    rows,
    footnotes: notes,
  });
  if (c.rows.some((r) => r.scope === 'bots-pooled'))
    blocks.push({
      kind: 'paragraph',
      text: 'Pooled bot nodes: CPU and memory mean, p95 and peak are taken over all samples of all bot nodes together; CPU per bot is the sum of the bot nodes\' mean CPU divided by the bots they ran; memory slope is the mean of the per-node slopes. A pooled figure needs every bot node of that run: if one lacks data, the pooled figure is "—", never a figure from part of the nodes.',
    });
  if (c.architecture) {
    const a = architectureSection(c.architecture);
    // The server's verdicts from the table above, so the layout comparison carries its noise call.
    const server = c.rows
      .filter((r) => r.scope === 'server' && (r.metric === 'CPU mean' || r.metric === 'CPU per bot'))
      .map((r) => `server ${r.metric}: ${changeText(r) || '—'} → ${verdictText(r)}`);
    if (server.length)
      blocks.push({ kind: 'paragraph', text: `${a.title}. ${server.join('; ')}.`, strong: true });
    else blocks.push({ kind: 'paragraph', text: a.title, strong: true });
    blocks.push(...a.blocks);
  }
  return { id: 'comparison', title: 'Comparison with baseline', blocks };
}
