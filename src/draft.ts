// init: drafts a run.yaml for a directory that has data but no manifest (what the Luanti harness
// leaves: one headerless metrics-<host>.csv per node plus server and bot logs). Hosts and window
// come from the data, bots per node from the bot logs; roles are guesses, marked as such.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { createBotLineParser } from './logs/bots.js';
import { detectLogKind, hostFromFileName } from './logs/read-logs.js';
import { InputError } from './model/errors.js';
import type { LogKind, Point } from './model/types.js';
import { MANIFEST_NAMES } from './run/load.js';
import { detectFormat } from './sources/formats.js';
import { forEachLine, peekText } from './sources/open.js';

export interface DraftNode {
  host: string;
  role: 'server' | 'bots' | 'other';
  bots: number | null;
  /** Why the role was chosen (written as a comment: it is a guess). */
  roleWhy: string;
  botsWhy: string;
}

export interface Draft {
  id: string;
  start: number;
  end: number;
  intervalSeconds: number;
  nodes: DraftNode[];
  metrics: { path: string; format: string }[];
  logs: { path: string; kind: LogKind; host?: string }[];
  skipped: string[];
}

const DATA_EXT = /\.(csv|lp|influx|line|out|json|jsonl|ndjson)(\.gz)?$/i;
const LOG_EXT = /\.(log|txt|tsv)(\.gz)?$/i;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)]!;
}

/**
 * Looks at every file under `dir` and drafts a manifest; throws when there is nothing to draft from.
 *
 * @example
 * ```ts
 * import { draftManifest } from 'bench-report';
 * const draft = await draftManifest('fixtures/runs/single-node-20');
 * console.log(draft.id, draft.intervalSeconds, new Date(draft.start).toISOString());
 * ```
 */
export async function draftManifest(dir: string): Promise<Draft> {
  const files = (await glob('**/*', { cwd: dir, onlyFiles: true, dot: false })).sort();
  const draft: Draft = {
    id: path.basename(path.resolve(dir)).replace(/[^A-Za-z0-9._-]/g, '-') || 'run',
    start: Number.POSITIVE_INFINITY,
    end: Number.NEGATIVE_INFINITY,
    intervalSeconds: 10,
    nodes: [],
    metrics: [],
    logs: [],
    skipped: [],
  };
  const hostTimes = new Map<string, Set<number>>();
  const botLogFiles: string[] = [];
  for (const rel of files) {
    const file = path.join(dir, rel);
    if (DATA_EXT.test(rel)) {
      let reader: Awaited<ReturnType<typeof detectFormat>>;
      try {
        reader = await detectFormat(file);
      } catch {
        if (LOG_EXT.test(rel) === false) draft.skipped.push(rel);
        continue;
      }
      let points = 0;
      await reader.read(
        file,
        {
          point: (p: Point) => {
            const host = p.tags.host ?? p.tags.yardstick_node;
            if (!host) return;
            points++;
            if (!hostTimes.has(host)) hostTimes.set(host, new Set());
            hostTimes.get(host)!.add(p.time);
          },
          reject: () => {},
        },
        {},
      );
      if (points > 0) draft.metrics.push({ path: rel, format: reader.name });
      else draft.skipped.push(rel);
      continue;
    }
    if (LOG_EXT.test(rel)) {
      const kind = detectLogKind(await peekText(file, 16384));
      if (!kind) {
        draft.skipped.push(rel);
        continue;
      }
      draft.logs.push({ path: rel, kind });
      if (kind === 'bots') botLogFiles.push(rel);
    }
  }
  if (hostTimes.size === 0)
    throw new InputError('found no metrics with a host tag to draft a manifest from', dir);
  const hosts = [...hostTimes.keys()].sort();
  const spacing: number[] = [];
  for (const times of hostTimes.values()) {
    const t = [...times].sort((a, b) => a - b);
    draft.start = Math.min(draft.start, t[0]!);
    draft.end = Math.max(draft.end, t[t.length - 1]!);
    for (let i = 1; i < t.length; i++) spacing.push(t[i]! - t[i - 1]!);
  }
  const iv = median(spacing);
  if (Number.isFinite(iv) && iv >= 1000) draft.intervalSeconds = Math.round(iv / 1000);
  draft.start = Math.floor(draft.start / 1000) * 1000;
  draft.end = Math.floor(draft.end / 1000) * 1000 + draft.intervalSeconds * 1000; // window is half-open
  // Bots per node from the bot logs: distinct bots that logged "ready".
  const botsByHost = new Map<string, number>();
  for (const log of draft.logs) {
    if (log.kind !== 'bots') continue;
    const host = hostFromFileName(log.path, hosts);
    if (!host) continue;
    log.host = host;
    const parse = createBotLineParser(host);
    const ready = new Set<string>();
    let unnamed = 0;
    await forEachLine(path.join(dir, log.path), (line, n) => {
      const e = parse(line, `${log.path}:${n}`);
      if (e?.kind === 'bot-ready') {
        if (e.player) ready.add(e.player);
        else unnamed++;
      }
    });
    botsByHost.set(host, (botsByHost.get(host) ?? 0) + ready.size + unnamed);
  }
  const withoutBots = hosts.filter((h) => !botsByHost.has(h));
  for (const host of hosts) {
    const bots = botsByHost.get(host);
    let role: DraftNode['role'];
    let roleWhy: string;
    if (bots !== undefined) {
      role = 'bots';
      roleWhy = 'GUESS: has a bot log';
    } else if (/server/i.test(host) || (withoutBots.length === 1 && botsByHost.size > 0)) {
      role = 'server';
      roleWhy = /server/i.test(host)
        ? 'GUESS: host name says server'
        : 'GUESS: the only node without a bot log';
    } else if (/bot|client|load/i.test(host)) {
      role = 'bots';
      roleWhy = 'GUESS: host name suggests a bot node';
    } else {
      role = 'other';
      roleWhy = 'GUESS: nothing says what this node did';
    }
    draft.nodes.push({
      host,
      role,
      bots: bots ?? null,
      roleWhy,
      botsWhy:
        bots !== undefined
          ? 'GUESS: bots that logged "ready" in its bot log; declare the number you started'
          : 'no bot log for this node: fill in',
    });
  }
  return draft;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * The draft as run.yaml text, every guess commented.
 *
 * @example
 * ```ts
 * import { draftManifest, draftYaml } from 'bench-report';
 * console.log(draftYaml(await draftManifest('fixtures/runs/single-node-20')));
 * ```
 */
export function draftYaml(d: Draft): string {
  const lines = [
    '# Draft written by `bench-report init`. Check every line marked GUESS, then build with',
    `#   bench-report build ${d.id}`,
    `id: ${d.id}`,
    `# Window from the first to the last sample in the data (plus one interval); narrow it to the load phase.`,
    `start: ${iso(d.start)}`,
    `end: ${iso(d.end)}`,
    `interval: ${d.intervalSeconds}s  # median spacing of the samples`,
    "# Luanti logs are in the server's local time: set its IANA zone here (e.g. Europe/Amsterdam).",
    'timezone: UTC',
    'nodes:',
  ];
  for (const n of d.nodes) {
    lines.push(`  - host: ${n.host}`, `    role: ${n.role}  # ${n.roleWhy}`);
    if (n.bots !== null) lines.push(`    bots: ${n.bots}  # ${n.botsWhy}`);
    else if (n.role === 'bots') lines.push(`    # bots: ?  # ${n.botsWhy}`);
  }
  lines.push('sources:');
  for (const m of d.metrics) lines.push(`  - { path: ${JSON.stringify(m.path)}, format: ${m.format} }`);
  if (d.logs.length > 0) {
    lines.push('logs:');
    for (const l of d.logs)
      lines.push(
        `  - { path: ${JSON.stringify(l.path)}, kind: ${l.kind}${l.host ? `, host: ${l.host}` : ''} }`,
      );
  }
  if (d.skipped.length > 0) {
    lines.push('# Files not recognised as metrics or logs:');
    for (const s of d.skipped) lines.push(`#   ${s}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The manifest already in `dir`, if any (init never overwrites one). */
export async function existingManifest(dir: string): Promise<string | null> {
  for (const name of MANIFEST_NAMES) {
    const f = path.join(dir, name);
    if ((await stat(f).catch(() => null))?.isFile()) return f;
  }
  return null;
}
