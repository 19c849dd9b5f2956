// Query files: the bundled `queries/` folder or a user's own, a header of comment lines naming
// parameters and columns, and placeholders that only ever receive quoted identifiers or
// validated literals (values travel as bound parameters).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../model/errors.js';
import { packageRoot } from '../../package-root.js';

/** The `queries/` folder shipped with bench-report. */
export function bundledQueriesDir(): string {
  return path.join(packageRoot(), 'queries');
}

export interface QueryFile {
  file: string;
  /** The query without its header comment lines. */
  text: string;
}

/** Reads `<dir>/<lang>/<name>.<lang>`, dropping whole-line comments (`--` InfluxQL, `//` Flux). */
export async function loadQuery(lang: 'influxql' | 'flux', name: string, dir?: string): Promise<QueryFile> {
  const file = path.join(dir ?? bundledQueriesDir(), lang, `${name}.${lang}`);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(
      `cannot read query file (${(e as NodeJS.ErrnoException).code ?? 'error'}); check queriesDir: it must hold ${lang}/${name}.${lang}`,
      file,
    );
  }
  const comment = lang === 'influxql' ? '--' : '//';
  const text = raw
    .split(/\r?\n/)
    .filter((l) => !l.trimStart().startsWith(comment))
    .join('\n')
    .trim();
  return { file, text };
}

/** Replaces `{{name}}` placeholders; an unknown placeholder is an error naming the file. */
export function fill(q: QueryFile, values: Record<string, string>): string {
  return q.text.replace(/\{\{\s*([A-Za-z_]+)\s*\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined)
      throw new InputError(
        `unknown placeholder {{${name}}}; known: ${Object.keys(values)
          .map((k) => `{{${k}}}`)
          .join(', ')}`,
        q.file,
      );
    return v;
  });
}

/** An InfluxQL identifier in double quotes with `\` and `"` escaped. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `"db"."rp"` or `"db".` + `` (default retention policy) for `FROM {{database}}."m"`. */
export function qualifiedDatabase(database: string, retentionPolicy?: string): string {
  return `${quoteIdent(database)}.${retentionPolicy ? quoteIdent(retentionPolicy) : ''}`;
}

/** A duration literal in whole milliseconds, e.g. `10000ms`; throws on anything else. */
export function durationLiteral(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new InputError(`invalid duration ${ms} ms for a query`);
  return `${ms}ms`;
}
