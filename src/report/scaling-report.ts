// The report of `bench-report scaling`: measured points per run, the least-squares fits with R²
// and the interval of the marginal CPU per bot, excluded runs with reasons, and model values
// (only with --predict) kept apart from the measurements.
import type { Scaling } from '../compare/scaling.js';
import { num, signed } from './format.js';
import type { Block, Cell, Report, Section, Verdict } from './model.js';
import { scalingChart } from './sections/charts.js';
import { verdictSection } from './sections/verdict.js';

function fitBlocks(s: Scaling): Block[] {
  const r = 'right' as const;
  const rows: Cell[][] = s.fits.map((f) => {
    if (!f.fit) return [f.y, '—', '—', '—', '—', f.reason ?? 'no fit'];
    const ci =
      f.fit.slopeLow === null
        ? 'needs 3 or more runs'
        : `${num(f.fit.slopeLow, 4)} … ${num(f.fit.slopeHigh, 4)}`;
    return [
      f.y,
      `${num(f.fit.intercept, 2)} ${signed(f.fit.slope, 4)} × bots`,
      num(f.fit.slope, 4),
      ci,
      f.fit.r2 === null ? '—' : num(f.fit.r2, 3),
      String(f.fit.n),
    ];
  });
  return [
    {
      kind: 'table',
      caption: `Least-squares fits against total bots (${Math.round(s.confidence * 100)}% interval of the slope from Student's t with n − 2 degrees of freedom)`,
      columns: [
        { label: 'Quantity' },
        { label: 'Fit (%)' },
        { label: 'Marginal per bot (pp)', align: r },
        { label: `${Math.round(s.confidence * 100)}% interval of the slope`, align: r },
        { label: 'R²', align: r },
        { label: 'Runs', align: r },
      ],
      rows,
    },
  ];
}

/**
 * Server CPU mean and memory mean against total bots: the measured points, the fitted line, and
 * excluded runs hollow grey (or, without figures, named in the text alternative).
 */
function scalingChartsSection(s: Scaling): Section {
  const chart = (
    id: string,
    y: 'server CPU mean' | 'server memory mean',
    yTitle: string,
    get: (p: { cpuMean?: number; memMean?: number | null }) => number | null | undefined,
  ): Block => {
    const fit = s.fits.find((f) => f.y === y)?.fit ?? null;
    const measured = s.points.filter((p) => get(p) !== null && get(p) !== undefined);
    return scalingChart({
      id,
      title: `${yTitle} against total bots`,
      xTitle: 'Total bots',
      yTitle,
      points: measured.map((p) => ({ x: p.totalBots, y: get(p)!, label: p.id })),
      fit: fit ? { slope: fit.slope, intercept: fit.intercept, r2: fit.r2 } : null,
      notMeasured: s.points.filter((p) => !measured.includes(p)).map((p) => p.id),
      excluded: s.excluded.map((e) => {
        const v = get(e);
        return e.totalBots !== undefined && v !== null && v !== undefined
          ? { id: e.id, reason: e.reason, x: e.totalBots, y: v }
          : { id: e.id, reason: e.reason };
      }),
    });
  };
  return {
    id: 'scaling-charts',
    title: 'Charts',
    blocks: [
      chart('scaling-cpu-mean', 'server CPU mean', 'Server CPU mean (%)', (p) => p.cpuMean),
      chart('scaling-memory-mean', 'server memory mean', 'Server memory mean (%)', (p) => p.memMean),
    ],
  };
}

export function scalingSections(s: Scaling): Section[] {
  const r = 'right' as const;
  const sections: Section[] = [];
  const pointRows: Cell[][] = s.points.map((p) => [
    { text: p.id, code: true },
    String(p.totalBots),
    String(p.botNodes),
    p.status,
    num(p.cpuMean, 2),
    num(p.cpuP95, 2),
    num(p.cpuPerBot, 3),
    num(p.memMean, 2),
    p.loadGenerator,
  ]);
  const blocks: Block[] = s.warnings.map((w) => ({ kind: 'note', level: 'warning', text: w.message }));
  blocks.push({
    kind: 'table',
    caption: 'Measured: the server of each run (CPU per bot = server mean CPU ÷ total bots of that run)',
    columns: [
      { label: 'Run' },
      { label: 'Total bots', align: r },
      { label: 'Bot nodes', align: r },
      { label: 'Run status' },
      { label: 'Server CPU mean (%)', align: r },
      { label: 'Server CPU p95 (%)', align: r },
      { label: 'CPU per bot (%)', align: r },
      { label: 'Server memory mean (%)', align: r },
      { label: 'Load generator' },
    ],
    rows: pointRows,
  });
  sections.push({ id: 'scaling-points', title: 'Measured runs', blocks });
  sections.push({
    id: 'scaling-fit',
    title: 'Fit',
    blocks: [
      ...fitBlocks(s),
      {
        kind: 'paragraph',
        text: 'The slope of the server CPU mean fit is the marginal server CPU per additional bot, in percentage points of the whole machine. With few runs the interval is wide; a straight line is a model, and R² says how much of the spread between runs it explains.',
      },
    ],
  });
  sections.push(scalingChartsSection(s));
  sections.push({
    id: 'scaling-excluded',
    title: 'Excluded runs',
    blocks: s.excluded.length
      ? [
          {
            kind: 'table',
            columns: [{ label: 'Run' }, { label: 'Why it is not a point of the fit' }],
            rows: s.excluded.map((e) => [{ text: e.id, code: true }, e.reason]),
          },
        ]
      : [{ kind: 'paragraph', text: 'None: every run given contributed a point.' }],
  });
  if (s.predictions.length)
    sections.push({
      id: 'scaling-model',
      title: 'Model values (not measurements)',
      blocks: [
        {
          kind: 'note',
          level: 'warning',
          text: 'These are values of the fitted line, asked for with --predict; nothing here was measured. Values beyond the measured range are extrapolations and may be far off.',
        },
        {
          kind: 'table',
          columns: [
            { label: 'Bots', align: r },
            { label: 'Quantity' },
            { label: 'Model value (%)', align: r },
            { label: `${Math.round(s.confidence * 100)}% interval of the line`, align: r },
            { label: 'Kind' },
          ],
          rows: s.predictions.map((p) => [
            String(p.bots),
            p.y,
            num(p.value, 2),
            p.low === null ? '—' : `${num(p.low, 2)} … ${num(p.high, 2)}`,
            p.extrapolated ? 'model, extrapolated beyond measured range' : 'model, within measured range',
          ]),
        },
      ],
    });
  return sections;
}

export function scalingVerdict(s: Scaling): Verdict {
  const cpu = s.fits.find((f) => f.y === 'server CPU mean')?.fit ?? null;
  const headline = cpu
    ? `Server CPU grows by ${num(cpu.slope, 4)} points per bot${cpu.slopeLow === null ? '' : ` (95% interval ${num(cpu.slopeLow, 4)} … ${num(cpu.slopeHigh, 4)})`}${cpu.r2 === null ? '' : `, R² ${num(cpu.r2, 3)}`}, over ${s.points.length} runs; ${s.excluded.length} excluded.`
    : `No fit: ${s.points.length} usable run(s); ${s.excluded.length} excluded.`;
  return {
    status: s.points.length === 0 ? 'no-data' : s.excluded.length ? 'incomplete' : 'complete',
    headline,
    measured: s.points.map((p) => `${p.id}: ${p.totalBots} bots`),
    notMeasured: s.excluded.map((e) => `${e.id}: ${e.reason}`),
  };
}

/** Builds the report model of a scaling analysis. */
export function assembleScalingReport(s: Scaling): Report {
  const verdict = scalingVerdict(s);
  return {
    title: 'Scaling across runs',
    runId: 'scaling',
    verdict,
    sections: [verdictSection(verdict), ...scalingSections(s)],
  };
}
