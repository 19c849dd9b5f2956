// Built-in column layouts of headerless Telegraf CSV (csv_header = false): per measurement, the
// tag keys and field keys Telegraf writes, each sorted by key. A layout is chosen by column count
// and then checked by value ranges; anything that fits no layout is reported, never guessed.
import type { FieldValue } from '../model/types.js';

/** One way a measurement's rows can look: tags then fields, both in Telegraf's sorted order. */
export interface CsvLayout {
  measurement: string;
  tags: string[];
  fields: string[];
  /** Why this layout exists (Telegraf option or version), shown when explaining a choice. */
  note: string;
  /** Extra check on the parsed row; returns a reason when the row does not fit. */
  check?: (tags: Record<string, string>, fields: Record<string, FieldValue>) => string | null;
}

const CPU_USAGE = [
  'usage_guest',
  'usage_guest_nice',
  'usage_idle',
  'usage_iowait',
  'usage_irq',
  'usage_nice',
  'usage_softirq',
  'usage_steal',
  'usage_system',
  'usage_user',
];
const CPU_TIME = CPU_USAGE.map((f) => f.replace('usage_', 'time_'));

/** The non-guest parts of a CPU row: user+system+idle+nice+iowait+irq+softirq+steal. */
const CPU_PARTS = ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'];

/**
 * Tells a cpu `usage_*` row from a `time_*` row of the same width: usage parts are percentages
 * that add up to 100 (±1 for rounding), cumulative seconds do not (except on a machine up for
 * under ~100 CPU-seconds, which a benchmark node never is).
 */
export function looksLikeUsage(values: number[]): boolean {
  if (values.some((v) => !(v >= 0 && v <= 100.0001))) return false;
  const sum = values.reduce((a, b) => a + b, 0);
  return Math.abs(sum - 100) <= 1;
}

const cpuTagCheck = (tags: Record<string, string>): string | null =>
  /^cpu(\d+|-total)$/.test(tags.cpu ?? '') ? null : `cpu tag "${tags.cpu ?? ''}" is not cpuN or cpu-total`;

function cpuLayouts(tags: string[], active: boolean): CsvLayout[] {
  const note = `cpu with tags ${tags.join(',')}${active ? ' and report_active' : ''}`;
  const withActive = (fs: string[], prefix: string) => (active ? [`${prefix}active`, ...fs] : fs);
  const parts = (fields: Record<string, FieldValue>, prefix: string) =>
    CPU_PARTS.map((p) => Number(fields[`${prefix}${p}`]));
  return [
    {
      measurement: 'cpu',
      tags,
      fields: withActive(CPU_USAGE, 'usage_'),
      note: `${note} (usage_* percentages)`,
      check: (t, f) => cpuTagCheck(t) ?? (looksLikeUsage(parts(f, 'usage_')) ? null : 'not percentages'),
    },
    {
      measurement: 'cpu',
      tags,
      fields: withActive(CPU_TIME, 'time_'),
      note: `${note} (time_* counters, collect_cpu_time)`,
      check: (t, f) =>
        cpuTagCheck(t) ?? (looksLikeUsage(parts(f, 'time_')) ? 'looks like percentages' : null),
    },
  ];
}

const MEM_LINUX = [
  'active',
  'available',
  'available_percent',
  'buffered',
  'cached',
  'commit_limit',
  'committed_as',
  'dirty',
  'free',
  'high_free',
  'high_total',
  'huge_page_size',
  'huge_pages_free',
  'huge_pages_total',
  'inactive',
  'low_free',
  'low_total',
  'mapped',
  'page_tables',
  'shared',
  'slab',
  'sreclaimable',
  'sunreclaim',
  'swap_cached',
  'swap_free',
  'swap_total',
  'total',
  'used',
  'used_percent',
  'vmalloc_chunk',
  'vmalloc_total',
  'vmalloc_used',
  'write_back',
  'write_back_tmp',
];

const pctCheck =
  (...names: string[]) =>
  (_t: Record<string, string>, f: Record<string, FieldValue>): string | null => {
    for (const n of names) {
      const v = f[n];
      if (typeof v !== 'number' || v < 0 || v > 100) return `${n} = ${String(v)} is not a percentage`;
    }
    return null;
  };

const memCheck = (t: Record<string, string>, f: Record<string, FieldValue>): string | null => {
  const bad = pctCheck('used_percent', 'available_percent')(t, f);
  if (bad) return bad;
  const total = f.total;
  const used = f.used;
  if (typeof total !== 'number' || typeof used !== 'number' || used > total) return 'used exceeds total';
  return null;
};

/**
 * The built-in table. Order matters only among layouts of the same measurement and width.
 *
 * @example
 * ```ts
 * import { BUILTIN_LAYOUTS } from 'bench-report';
 * for (const l of BUILTIN_LAYOUTS) console.log(l.measurement, l.tags.join('+'), l.fields.length, l.note);
 * ```
 */
export const BUILTIN_LAYOUTS: CsvLayout[] = [
  ...cpuLayouts(['core_id', 'cpu', 'host', 'physical_id'], true),
  ...cpuLayouts(['core_id', 'cpu', 'host', 'physical_id'], false),
  ...cpuLayouts(['cpu', 'host'], true),
  ...cpuLayouts(['cpu', 'host'], false),
  { measurement: 'mem', tags: ['host'], fields: MEM_LINUX, note: 'mem on Linux', check: memCheck },
  {
    measurement: 'swap',
    tags: ['host'],
    fields: ['free', 'total', 'used', 'used_percent'],
    note: 'swap usage',
    check: pctCheck('used_percent'),
  },
  { measurement: 'swap', tags: ['host'], fields: ['in', 'out'], note: 'swap traffic counters' },
  {
    measurement: 'system',
    tags: ['host'],
    fields: ['load1', 'load15', 'load5', 'n_cpus', 'n_physical_cpus', 'n_unique_users', 'n_users'],
    note: 'system load (Telegraf with n_physical_cpus)',
  },
  {
    measurement: 'system',
    tags: ['host'],
    fields: ['load1', 'load15', 'load5', 'n_cpus', 'n_unique_users', 'n_users'],
    note: 'system load (older Telegraf)',
  },
  {
    measurement: 'system',
    tags: ['host'],
    fields: ['uptime'],
    note: 'system uptime',
    check: (_t, f) => (typeof f.uptime === 'number' ? null : 'uptime is not a number'),
  },
  {
    measurement: 'system',
    tags: ['host'],
    fields: ['uptime_format'],
    note: 'system uptime text',
    check: (_t, f) => (typeof f.uptime_format === 'string' ? null : 'uptime_format is not text'),
  },
  {
    measurement: 'kernel',
    tags: ['host'],
    fields: ['boot_time', 'context_switches', 'entropy_avail', 'interrupts', 'processes_forked'],
    note: 'kernel',
  },
  {
    measurement: 'processes',
    tags: ['host'],
    fields: [
      'blocked',
      'dead',
      'idle',
      'paging',
      'running',
      'sleeping',
      'stopped',
      'total',
      'total_threads',
      'unknown',
      'zombies',
    ],
    note: 'processes',
  },
];

/** A user column map from the manifest: measurement → tag and field names in column order. */
export type ColumnMap = Record<string, { tags: string[]; fields: string[] }>;

/** Layouts for one measurement and row width: the user's first, then the built-in ones. */
export function layoutsFor(measurement: string, width: number, user?: ColumnMap): CsvLayout[] {
  const out: CsvLayout[] = [];
  const u = user?.[measurement];
  if (u && 2 + u.tags.length + u.fields.length === width)
    out.push({ measurement, tags: u.tags, fields: u.fields, note: 'column map from the manifest' });
  if (u) return out; // a user map replaces the table for its measurement
  for (const l of BUILTIN_LAYOUTS)
    if (l.measurement === measurement && 2 + l.tags.length + l.fields.length === width) out.push(l);
  return out;
}

/** True when the table knows the measurement at some width (so a miss is a layout problem). */
export function knowsMeasurement(measurement: string, user?: ColumnMap): boolean {
  return user?.[measurement] !== undefined || BUILTIN_LAYOUTS.some((l) => l.measurement === measurement);
}
