// load: a run directory (or manifest file) becomes a validated RunSpec. Every error names the
// manifest file, the line, the key and what was expected.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../model/errors.js';
import type { NodeSpec, RunSpec, SourceSpec } from '../model/types.js';
import { parseDuration } from './duration.js';
import { type Manifest, manifestSchema } from './manifest-schema.js';
import { isYardstickRunJson, yardstickToRunSpec } from './yardstick.js';

export const MANIFEST_NAMES = ['run.yaml', 'run.yml', 'run.json'] as const;

/**
 * Finds the manifest of a run given its id (under `runsDir`), its directory or its manifest file.
 *
 * @example
 * ```ts
 * import { resolveManifest } from 'bench-report';
 * console.log(await resolveManifest('single-node-20', 'fixtures/runs'));
 * ```
 */
export async function resolveManifest(
  runRef: string,
  runsDir = 'runs',
  cwd = process.cwd(),
): Promise<string> {
  const candidates = [...new Set([path.resolve(cwd, runRef), path.resolve(cwd, runsDir, runRef)])];
  for (const c of candidates) {
    const s = await stat(c).catch(() => null);
    if (s?.isFile()) return c;
    if (s?.isDirectory()) {
      for (const name of MANIFEST_NAMES) {
        const f = path.join(c, name);
        if ((await stat(f).catch(() => null))?.isFile()) return f;
      }
      throw new InputError(
        `no manifest (${MANIFEST_NAMES.join(', ')}) in this directory; write one or run "bench-report init ${path.relative(cwd, c) || '.'}"`,
        path.relative(cwd, c) || c,
      );
    }
  }
  throw new InputError(
    `run "${runRef}" not found: looked for ${candidates.map((c) => JSON.stringify(path.relative(cwd, c) || '.')).join(' and ')}; pass a run directory or --runs DIR`,
  );
}

function toMillis(v: string | number | Date): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v < 1e11 ? v * 1000 : v; // seconds or milliseconds
  return Date.parse(v);
}

function describeExpected(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'unrecognized_keys')
    return `unknown key(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  return issue.message;
}

/**
 * Parses manifest text (YAML or JSON) into a RunSpec; `file` names it in errors.
 *
 * @example
 * ```ts
 * import { parseManifest } from 'bench-report';
 * const spec = parseManifest('id: r1\nstart: 2025-06-19T14:00:00Z\nduration: 10m\nnodes: [{host: srv, role: server}]\n', 'run.yaml');
 * console.log(spec.id, spec.end - spec.start, spec.intervalSeconds);
 * ```
 */
export function parseManifest(text: string, file: string): RunSpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = lineCounter.linePos(err.pos[0]).line;
    throw new InputError(`not valid YAML or JSON: ${err.message.split('\n')[0]}`, `${file}:${line}`);
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (e) {
    // yaml refuses alias bombs ("billion laughs") with a ReferenceError: bad input, not a bug.
    throw new InputError(`not valid YAML or JSON: ${(e as Error).message}`, file);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError('expected a mapping with id, start, nodes and sources', file);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keyPath = issue.path.map(String);
    let node: unknown = doc.getIn(keyPath, true);
    // For an unknown or missing key, point at the nearest parent that exists.
    for (let n = keyPath.length; !isNode(node) && n > 0; n--) node = doc.getIn(keyPath.slice(0, n - 1), true);
    const range = isNode(node) ? node.range : undefined;
    const line = range ? lineCounter.linePos(range[0]).line : undefined;
    const key = keyPath.length > 0 ? keyPath.join('.') : '(top level)';
    throw new InputError(`key "${key}": ${describeExpected(issue)}`, line ? `${file}:${line}` : file);
  }
  return toRunSpec(parsed.data, file);
}

function toRunSpec(m: Manifest, file: string): RunSpec {
  const start = toMillis(m.start);
  // Dates past ±8.64e15 ms (year 275760) parse as numbers but cannot be printed or compared.
  if (Number.isNaN(new Date(start).getTime()))
    throw new InputError('key "start": expected a real date such as "2025-06-19T14:00:00Z"', file);
  const end = m.end !== undefined ? toMillis(m.end) : start + parseDuration(m.duration!)! * 1000;
  if (Number.isNaN(new Date(end).getTime()))
    throw new InputError('key "end": expected a real date such as "2025-06-19T14:00:00Z"', file);
  if (!(end > start))
    throw new InputError(`key "end": expected a time after start (${new Date(start).toISOString()})`, file);
  const intervalSeconds = m.interval !== undefined ? parseDuration(m.interval)! : 10;
  if (!(intervalSeconds > 0)) throw new InputError('key "interval": expected a positive duration', file);
  const seen = new Set<string>();
  const nodes: NodeSpec[] = m.nodes.map((n) => {
    if (seen.has(n.host))
      throw new InputError(`key "nodes": host ${JSON.stringify(n.host)} is listed twice`, file);
    seen.add(n.host);
    return { host: n.host, role: n.role, bots: n.bots ?? 0 };
  });
  const sources: SourceSpec[] = m.sources.map((s) => {
    if ('influxql' in s)
      return {
        kind: 'influxql',
        url: s.influxql,
        database: s.database,
        ...(s.retentionPolicy ? { retentionPolicy: s.retentionPolicy } : {}),
      };
    if ('flux' in s) return { kind: 'flux', url: s.flux, org: s.org, bucket: s.bucket };
    return { kind: 'file', ...s };
  });
  return {
    id: m.id,
    ...(m.title !== undefined ? { title: m.title } : {}),
    dir: path.dirname(file),
    manifestPath: file,
    start,
    end,
    intervalSeconds,
    ...(m.baseline !== undefined ? { baseline: m.baseline } : {}),
    nodes,
    sources,
    timezone: m.timezone ?? 'UTC',
    ...(m.logs ? { logs: m.logs.map((l) => ({ ...l })) } : {}),
    ...(m.tickBudgetMs !== undefined ? { tickBudgetMs: m.tickBudgetMs } : {}),
    ...(m.group !== undefined ? { group: m.group } : {}),
    ...(m.versions !== undefined ? { versions: m.versions } : {}),
  };
}

/**
 * Loads a run by id (under `runsDir`), directory or manifest path.
 *
 * @example
 * ```ts
 * import { loadRun } from 'bench-report';
 * const spec = await loadRun('single-node-20', 'fixtures/runs');
 * console.log(spec.id, spec.nodes.map((n) => `${n.host} (${n.role}, ${n.bots} bots)`));
 * ```
 */
export async function loadRun(runRef: string, runsDir = 'runs', cwd = process.cwd()): Promise<RunSpec> {
  const file = await resolveManifest(runRef, runsDir, cwd);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read manifest: ${(e as Error).message}`, file);
  }
  const shown = path.relative(cwd, file) || file;
  const dir = path.dirname(path.resolve(cwd, file));
  if (path.extname(file) === '.json') {
    // A Yardstick results directory carries the runner's run.json instead of our manifest.
    let raw: unknown = null;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      // not JSON at all: parseManifest below reports it with a line number
    }
    if (isYardstickRunJson(raw)) return yardstickToRunSpec(raw, shown, dir);
  }
  const spec = parseManifest(text, shown);
  return { ...spec, dir };
}
