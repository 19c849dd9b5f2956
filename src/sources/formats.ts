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

/** Adds a format to the registry (later registrations win on name clashes). */
export function registerFormat(reader: FormatReader): void {
  readers.unshift(reader);
}

export function formatNames(): string[] {
  return readers.map((r) => r.name);
}

export function formatByName(name: string): FormatReader | undefined {
  return readers.find((r) => r.name === name || r.aliases.includes(name));
}

/** Picks the reader for a file: explicit format, else content sniffing, else extension. */
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
