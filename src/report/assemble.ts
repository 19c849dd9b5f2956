// assemble: a RunSummary (and an optional comparison) becomes the Report document model. Every
// figure comes from the summary; a node without data reads "not measured", never a number.
import type { Comparison } from '../compare/baseline.js';
import { METRIC_LABEL, provenanceText } from '../metrics/canonical.js';
import { PROVENANCE } from '../metrics/canonical.js';
import type { Flag, NodeSummary, RunSummary } from '../model/types.js';
import { duration, isoTime, NOT_MEASURED, num, pct, signed } from './format.js';
import type { Block, Cell, Report, Section, Verdict } from './model.js';

const STATUS_TEXT = { ok: 'ok', partial: 'partial', missing: 'missing' } as const;

function nodeLabel(n: NodeSummary): string {
  return `${n.host} (${n.role}${n.role === 'bots' || n.bots > 0 ? `, ${n.bots} bots` : ''})`;
}

export function verdictOf(s: RunSummary): Verdict {
  const measured = s.nodes
    .filter((n) => n.status !== 'missing')
    .map(
      (n) =>
        `${nodeLabel(n)}: ${pct(n.coverage.ratio)} coverage${n.status === 'partial' ? ' (partial)' : ''}`,
    );
  const notMeasured = s.nodes
    .filter((n) => n.status === 'missing')
    .map((n) => `${nodeLabel(n)}: no samples in the window`);
  for (const n of s.nodes) {
    if (n.status === 'missing') continue;
    if (!n.cpu) notMeasured.push(`${n.host}: CPU`);
    if (!n.memory) notMeasured.push(`${n.host}: memory`);
  }
  const total = s.nodes.length;
  const missing = s.nodes.filter((n) => n.status === 'missing').length;
  const partial = s.nodes.filter((n) => n.status === 'partial').length;
  let headline: string;
  if (s.run.status === 'no-data') {
    headline = `No metrics: none of the ${total} nodes reported CPU or memory in the window. This run has no performance figures.`;
  } else if (s.run.status === 'incomplete') {
    const parts = [];
    if (missing) parts.push(`${missing} of ${total} nodes not measured`);
    if (partial) parts.push(`${partial} of ${total} nodes only partly measured`);
    headline = `Incomplete: ${parts.join('; ')}. Figures below cover only what was measured.`;
  } else {
    headline = `Complete: all ${total} nodes reported CPU and memory for at least ${pct(s.thresholds.coverage, 0)} of the window.`;
  }
  return { status: s.run.status, headline, measured, notMeasured };
}

function verdictSection(v: Verdict): Section {
  const blocks: Block[] = [{ kind: 'paragraph', text: v.headline, strong: true }];
  if (v.measured.length)
    blocks.push({ kind: 'paragraph', text: 'Measured:' }, { kind: 'list', items: v.measured });
  if (v.notMeasured.length)
    blocks.push({ kind: 'paragraph', text: 'Not measured:' }, { kind: 'list', items: v.notMeasured });
  return { id: 'verdict', title: 'Verdict', blocks };
}

function configuration(s: RunSummary): Section {
  const r = s.run;
  return {
    id: 'configuration',
    title: 'Configuration',
    blocks: [
      {
        kind: 'table',
        columns: [{ label: 'Setting' }, { label: 'Value' }],
        rows: [
          ['Run', { text: r.id, code: true }],
          ['Title', r.title],
          ['Window (UTC, half-open)', `[${isoTime(r.start)}, ${isoTime(r.end)})`],
          ['Duration', duration(r.durationSeconds)],
          ['Sample interval', `${r.intervalSeconds} s`],
          ['Nodes', String(s.nodes.length)],
          ['Total bots (declared)', String(r.totalBots)],
        ],
      },
      {
        kind: 'table',
        columns: [{ label: 'Node' }, { label: 'Role' }, { label: 'Bots (declared)', align: 'right' }],
        rows: s.nodes.map((n) => [{ text: n.host, code: true }, n.role, String(n.bots)]),
      },
    ],
  };
}

function cpuSection(s: RunSummary): Section {
  const rows: Cell[][] = s.nodes.map((n) => {
    const c = n.cpu;
    const dash = (x: number | undefined) => (c ? num(x) : NOT_MEASURED);
    return [
      { text: n.host, code: true },
      n.role,
      String(n.bots),
      STATUS_TEXT[n.status],
      c ? String(c.samples) : '0',
      dash(c?.mean),
      dash(c?.p50),
      dash(c?.p95),
      dash(c?.p99),
      dash(c?.peak),
      dash(c?.min),
      n.cpuPerBot === null ? (c ? 'n/a' : NOT_MEASURED) : num(n.cpuPerBot, 3),
    ];
  });
  const r = 'right' as const;
  const footnotes = [
    `CPU busy % = ${PROVENANCE['cpu.busy_pct'].derivation}, from \`${PROVENANCE['cpu.busy_pct'].measurement},${PROVENANCE['cpu.busy_pct'].filter} ${PROVENANCE['cpu.busy_pct'].field}\` (the whole machine, all cores), per node, from that node's own samples only. Peak is the largest single sample.`,
    'CPU/bot: on the server, mean CPU ÷ all bots of the run; on a bot node, mean CPU ÷ that node\'s bots; "n/a" where the node has no bots.',
  ];
  for (const n of s.nodes) if (n.cpuPerBotBasis) footnotes.push(`${n.host}: CPU/bot = ${n.cpuPerBotBasis}.`);
  return {
    id: 'cpu',
    title: 'CPU per node',
    blocks: [
      {
        kind: 'table',
        columns: [
          { label: 'Node' },
          { label: 'Role' },
          { label: 'Bots', align: r },
          { label: 'Status' },
          { label: 'Samples', align: r },
          { label: 'Mean (%)', align: r },
          { label: 'p50 (%)', align: r },
          { label: 'p95 (%)', align: r },
          { label: 'p99 (%)', align: r },
          { label: 'Peak (%)', align: r },
          { label: 'Min (%)', align: r },
          { label: 'CPU/bot (%)', align: r },
        ],
        rows,
        footnotes,
      },
    ],
  };
}

function memorySection(s: RunSummary): Section {
  const r = 'right' as const;
  const t = s.thresholds;
  const rows: Cell[][] = s.nodes.map((n) => {
    const m = n.memory;
    const f = (x: number | null | undefined, d = 2) => (m ? num(x, d, 'n/a') : NOT_MEASURED);
    const verdict = !m
      ? NOT_MEASURED
      : m.stable === null
        ? 'too few samples'
        : m.stable
          ? 'stable'
          : 'not stable';
    return [
      { text: n.host, code: true },
      m ? String(m.samples) : '0',
      f(m?.mean),
      f(m?.min),
      f(m?.max),
      f(m?.stddev, 3),
      m && m.slopePerMinute !== null ? signed(m.slopePerMinute, 4) : f(null),
      verdict,
    ];
  });
  return {
    id: 'memory',
    title: 'Memory stability',
    blocks: [
      {
        kind: 'table',
        columns: [
          { label: 'Node' },
          { label: 'Samples', align: r },
          { label: 'Mean (%)', align: r },
          { label: 'Min (%)', align: r },
          { label: 'Max (%)', align: r },
          { label: 'Std dev (pp)', align: r },
          { label: 'Slope (pp/min)', align: r },
          { label: 'Verdict' },
        ],
        rows,
        footnotes: [
          `Memory is \`${provenanceText(PROVENANCE['mem.used_pct'])}\`: memory used as a percentage of total, not free or available memory.`,
          `Stable means the least-squares drift over the window (|slope| × duration) is at most ${t.memoryDriftPoints} pp (percentage points) and the sample standard deviation at most ${t.memoryStddevPoints} pp; at least 3 samples are needed to judge.`,
        ],
      },
    ],
  };
}

function coverageSection(s: RunSummary): Section {
  const r = 'right' as const;
  const rows: Cell[][] = s.nodes.flatMap((n) =>
    (['cpu.busy_pct', 'mem.used_pct'] as const).map((m): Cell[] => {
      const c = n.metricCoverage[m];
      return [
        { text: n.host, code: true },
        METRIC_LABEL[m],
        String(c.expectedSamples),
        String(c.samples),
        pct(c.ratio),
        duration(c.largestGapSeconds),
      ];
    }),
  );
  const blocks: Block[] = [
    {
      kind: 'table',
      columns: [
        { label: 'Node' },
        { label: 'Metric' },
        { label: 'Expected samples', align: r },
        { label: 'Received', align: r },
        { label: 'Coverage', align: r },
        { label: 'Largest gap', align: r },
      ],
      rows,
      footnotes: [
        `Expected samples = window ÷ interval. Coverage below ${pct(s.thresholds.coverage, 0)} makes a node partial. The largest gap is the longest stretch of the window without a sample beyond one interval, computed from timestamps (no fill()).`,
      ],
    },
  ];
  const gaps = s.nodes.flatMap((n) => n.gaps.map((g) => ({ host: n.host, ...g })));
  if (gaps.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Windows without data (longer than one interval):' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Node' },
        { label: 'Metric' },
        { label: 'From (UTC)' },
        { label: 'To (UTC)' },
        { label: 'Length', align: r },
      ],
      rows: gaps.map((g) => [
        { text: g.host, code: true },
        METRIC_LABEL[g.metric],
        isoTime(g.start),
        isoTime(g.end),
        duration(g.seconds),
      ]),
    });
  }
  return { id: 'coverage', title: 'Coverage and missing windows', blocks };
}

function deltaText(row: Comparison['rows'][number]): string {
  if (row.delta === null) return '—';
  const p = row.deltaRatio === null ? '' : ` (${signed(row.deltaRatio * 100, 1)}%)`;
  let judgement = '';
  if (row.direction !== 'neutral' && row.delta !== 0) {
    const better = row.direction === 'lower-is-better' ? row.delta < 0 : row.delta > 0;
    judgement = better ? ' better' : ' worse';
  }
  return `${signed(row.delta, row.unit === 'pp/min' ? 4 : 3)}${p}${judgement}`;
}

function comparisonSection(c: Comparison): Section {
  const notes: string[] = [];
  const cell = (v: Comparison['rows'][number]['base'], digits: number): Cell => {
    if (v.value !== null) return num(v.value, digits);
    notes.push(v.missing ?? 'missing');
    return { text: '—', note: notes.length };
  };
  const rows: Cell[][] = c.rows.map((row) => {
    const d = row.unit === 'pp/min' ? 4 : row.metric === 'CPU per bot' ? 3 : 2;
    return [
      row.group,
      { text: [row.baseHost ?? '—', row.candHost ?? '—'].join(' → '), code: true },
      `${row.metric} (${row.unit})`,
      cell(row.base, d),
      cell(row.cand, d),
      deltaText(row),
    ];
  });
  const blocks: Block[] = [];
  for (const w of c.warnings) blocks.push({ kind: 'note', level: 'warning', text: w.message });
  blocks.push({
    kind: 'paragraph',
    text: `Baseline ${c.base.id} (${c.base.status}) against this run ${c.cand.id} (${c.cand.status}). Nodes are matched by role: the server with the server, bot nodes in manifest order. Deltas are this run minus the baseline; for CPU and memory lower is better. A figure missing on either side is shown as "—" with a footnote and no delta; it is never estimated.`,
  });
  blocks.push({
    kind: 'table',
    columns: [
      { label: 'Group' },
      { label: 'Nodes (baseline → this run)' },
      { label: 'Metric' },
      { label: `Baseline ${c.base.id}`, align: 'right' },
      { label: `This run ${c.cand.id}`, align: 'right' },
      { label: 'Change', align: 'right' },
    ],
    rows,
    footnotes: notes,
  });
  return { id: 'comparison', title: 'Comparison with baseline', blocks };
}

function dataQuality(s: RunSummary, extraFlags: Flag[]): Section {
  const r = 'right' as const;
  const blocks: Block[] = [];
  if (s.inputs.length === 0) {
    blocks.push({
      kind: 'note',
      level: 'warning',
      text: 'No input was read: the manifest names no source, or no file matched.',
    });
  } else {
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Input' },
        { label: 'Format' },
        { label: 'Records', align: r },
        { label: 'Rejected', align: r },
        { label: 'Outside window', align: r },
        { label: 'Unknown host', align: r },
        { label: 'No host tag', align: r },
      ],
      rows: s.inputs.map((i) => [
        { text: i.source, code: true },
        i.format,
        String(i.records),
        String(i.rejected),
        String(i.ignored.outsideWindow),
        String(i.ignored.unknownHost),
        String(i.ignored.noHost),
      ]),
      footnotes: [
        'Records are parsed records (blank lines and comments excluded). Points outside the window or from hosts the manifest does not name are ignored and counted here, not used.',
      ],
    });
  }
  const examples = s.inputs.flatMap((i) => i.examples);
  if (examples.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Rejected records (first few per input):' });
    blocks.push({
      kind: 'table',
      columns: [{ label: 'Where' }, { label: 'Why' }],
      rows: examples.map((e) => [{ text: e.location, code: true }, e.reason]),
    });
  }
  const unknown = s.inputs.filter((i) => i.unknownHosts.length > 0);
  if (unknown.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text: `Hosts seen in the data but not in the manifest: ${[...new Set(unknown.flatMap((i) => i.unknownHosts))].sort().join(', ')}. If one of them is a node of this run, fix its host name in the manifest.`,
    });
  }
  const flags = [...s.flags, ...extraFlags];
  if (flags.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Warnings:' });
    blocks.push({ kind: 'list', items: flags.map((f) => `[${f.code}] ${f.message}`) });
  } else {
    blocks.push({ kind: 'paragraph', text: 'No warnings.' });
  }
  return { id: 'data-quality', title: 'Data quality', blocks };
}

export interface AssembleOptions {
  comparison?: Comparison | null;
  /** Flags raised outside the run itself (e.g. a baseline that could not be loaded). */
  extraFlags?: Flag[];
}

/** Builds the report model of one run. */
export function assembleReport(s: RunSummary, options: AssembleOptions = {}): Report {
  const verdict = verdictOf(s);
  const sections: Section[] = [
    verdictSection(verdict),
    configuration(s),
    cpuSection(s),
    memorySection(s),
    coverageSection(s),
  ];
  if (options.comparison) sections.push(comparisonSection(options.comparison));
  sections.push(dataQuality(s, options.extraFlags ?? []));
  return { title: `Benchmark report: ${s.run.title}`, runId: s.run.id, verdict, sections };
}
