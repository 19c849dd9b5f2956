// Registry of file formats, keyed by name; detection by `format:`, then extension, then content.
import path from 'node:path';
import { InputError } from '../model/errors.js';
import { lineProtocolReader } from './line-protocol-reader.js';
import { peekText } from './open.js';
import type { FormatReader } from './reader.js';
import { telegrafCsvReader } from './telegraf-csv.js';
import { telegrafCsvHeaderlessReader } from './telegraf-csv-headerless.js';
import { telegrafJsonReader } from './telegraf-json.js';
import { fluxCsvReader } from './flux-csv.js';

const readers: FormatReader[] = [
  lineProtocolReader,
  telegrafCsvReader,
  telegrafCsvHeaderlessReader,
  telegrafJsonReader,
  fluxCsvReader,
];

/**
 * Adds a format to the registry (later registrations win on name clashes).
 *
 * @example
 * ```ts
 * import { registerFormat, formatNames, type FormatReader } from 'bench-report';
 * const jsonLines: FormatReader = {
 *   name: 'json-lines', aliases: ['jsonl'], extensions: ['.jsonl'],
 *   sniff: (head) => head.trimStart().startsWith('{"measurement"'),
 *   // Parse the file; call sink.point(point, lineNo) or sink.reject(lineNo, reason) per record.
 *   async read() {},
 * };
 * registerFormat(jsonLines);
 * console.log(formatNames());
 * ```
 */
export function registerFormat(reader: FormatReader): void {
  readers.unshift(reader);
}

/**
 * Names of the registered file formats, for messages and `format:` in manifests.
 *
 * @example
 * ```ts
 * import { formatNames } from 'bench-report';
 * console.log(formatNames());
 * ```
 */
export function formatNames(): string[] {
  return readers.map((r) => r.name);
}

/**
 * The reader registered under a name or alias; undefined when there is none.
 *
 * @example
 * ```ts
 * import { formatByName } from 'bench-report';
 * console.log(formatByName('lp')?.name, formatByName('nope'));
 * ```
 */
export function formatByName(name: string): FormatReader | undefined {
  return readers.find((r) => r.name === name || r.aliases.includes(name));
}

/**
 * Picks the reader for a file: explicit format, else content sniffing, else extension.
 *
 * @example
 * ```ts
 * import { detectFormat } from 'bench-report';
 * console.log((await detectFormat('fixtures/runs/single-node-20/metrics/luanti-server.lp')).name);
 * ```
 */
export async function detectFormat(file: string, explicit?: string): Promise<FormatReader> {
  if (explicit) {
    const r = formatByName(explicit);
    if (!r)
      throw new InputError(`unknown format "${explicit}"; known formats: ${formatNames().join(', ')}`, file);
    return r;
  }
  const head = await peekText(file);
  const sniffed = readers.find((r) => r.sniff(head));
  if (sniffed) return sniffed;
  const ext = path.extname(file.replace(/\.gz$/i, '')).toLowerCase();
  const byExt = readers.find((r) => r.extensions.includes(ext));
  if (byExt) return byExt;
  if (head.trim() === '') return lineProtocolReader; // empty file: nothing to read either way
  throw new InputError(
    `cannot tell the format of this file; add "format:" to its source (known: ${formatNames().join(', ')})`,
    file,
  );
}
