// bench-report.config.yaml: project defaults for the CLI (runs folder, output folder, thresholds,
// gates, InfluxDB sources). Flags win over the file; secrets never live in it (environment only).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { DEFAULT_THRESHOLDS } from '../analyze/summarize.js';
import { InputError } from '../model/errors.js';
import type { SourceSpec, Thresholds } from '../model/types.js';
import type { CliIO } from './io.js';

export const CONFIG_NAMES = ['bench-report.config.yaml', 'bench-report.config.yml'] as const;

const url = z.string().url('expected an http(s) URL such as http://127.0.0.1:8086');
const configSchema = z.strictObject({
  runs: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  failOn: z.array(z.string()).optional(),
  thresholds: z
    .strictObject({
      coverage: z.number().min(0).max(1).optional(),
      memoryDriftPoints: z.number().min(0).optional(),
      memoryStddevPoints: z.number().min(0).optional(),
      gapIntervals: z.number().positive().optional(),
    })
    .optional(),
  sources: z
    .array(
      z.union([
        z.strictObject({
          influxql: url,
          database: z.string().min(1),
          retentionPolicy: z.string().optional(),
        }),
        z.strictObject({ flux: url, org: z.string().min(1), bucket: z.string().min(1) }),
      ]),
    )
    .optional(),
});

/** Defaults read from the config file, already merged with the built-in ones. */
export interface CliConfig {
  /** The file they came from, or null when there is none. */
  file: string | null;
  runs: string;
  /** Folder the per-run report folders go under (default `reports`). */
  out: string;
  failOn: string[];
  thresholds: Thresholds;
  /** InfluxDB sources for runs whose manifest lists none. */
  sources: SourceSpec[];
}

const SECRET_KEYS = /^(token|password|username|user|auth|secret|apikey|api_key)$/i;

function findSecret(v: unknown, at: string[] = []): string[] | null {
  if (v === null || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v)) {
    if (SECRET_KEYS.test(k)) return [...at, k];
    const inner = findSecret(x, [...at, k]);
    if (inner) return inner;
  }
  return null;
}

/** Parses config text; `file` names it in errors (with the line of the offending key). */
export function parseConfig(text: string, file: string): CliConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = err.linePos?.[0] ?? lineCounter.linePos(err.pos[0]);
    throw new InputError(
      `not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`,
      pos ? `${file}:${pos.line}` : file,
    );
  }
  const raw = doc.toJS() ?? {};
  const lineOf = (keyPath: (string | number)[]) => {
    let node: unknown = doc.getIn(keyPath, true);
    for (let n = keyPath.length; !isNode(node) && n > 0; n--) node = doc.getIn(keyPath.slice(0, n - 1), true);
    return isNode(node) && node.range ? `${file}:${lineCounter.linePos(node.range[0]).line}` : file;
  };
  const secret = findSecret(raw);
  if (secret)
    throw new InputError(
      `key "${secret.join('.')}": credentials do not belong in the config file; set INFLUX_TOKEN (or INFLUX_USERNAME and INFLUX_PASSWORD) in the environment`,
      lineOf(secret),
    );
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keyPath = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const what =
      issue.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; known: runs, out, failOn, thresholds, sources`
        : issue.message;
    throw new InputError(`key "${keyPath.join('.') || '(top level)'}": ${what}`, lineOf(keyPath));
  }
  const c = parsed.data;
  return {
    file,
    runs: c.runs ?? 'runs',
    out: c.out ?? 'reports',
    failOn: c.failOn ?? [],
    thresholds: { ...DEFAULT_THRESHOLDS, ...c.thresholds },
    sources: (c.sources ?? []).map(
      (s): SourceSpec =>
        'influxql' in s
          ? {
              kind: 'influxql',
              url: s.influxql,
              database: s.database,
              ...(s.retentionPolicy ? { retentionPolicy: s.retentionPolicy } : {}),
            }
          : { kind: 'flux', url: s.flux, org: s.org, bucket: s.bucket },
    ),
  };
}

/**
 * Loads the config: `explicit` (a --config flag), else $BENCH_REPORT_CONFIG, else the first of
 * CONFIG_NAMES in the working directory; built-in defaults when there is none.
 */
export async function loadConfig(io: CliIO, explicit?: string): Promise<CliConfig> {
  const named = explicit ?? io.env.BENCH_REPORT_CONFIG;
  const candidates = named ? [path.resolve(io.cwd, named)] : CONFIG_NAMES.map((n) => path.join(io.cwd, n));
  for (const file of candidates) {
    if (!(await stat(file).catch(() => null))?.isFile()) continue;
    const rel = path.relative(io.cwd, file) || file;
    return parseConfig(await readFile(file, 'utf8'), rel);
  }
  if (named) throw new InputError('config file not found', named);
  return {
    file: null,
    runs: 'runs',
    out: 'reports',
    failOn: [],
    thresholds: DEFAULT_THRESHOLDS,
    sources: [],
  };
}
