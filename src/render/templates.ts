// Report layouts are nunjucks templates: `report-templates/` holds the defaults and a user's own
// folder (`--template DIR`) overrides any of them by file name. A template error names the file and line.
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Nunjucks from 'nunjucks';
import { InputError } from '../model/errors.js';
import { packageRoot } from '../package-root.js';

// Loaded on first render, not on import: nunjucks defines `length` on an object derived from
// String.prototype (its SafeString), after which V8 drops its fast charCodeAt for the whole
// process, and reading input ran about 3x slower. Reports are rendered after input is read.
let loaded: typeof Nunjucks | undefined;
const nunjucks = (): typeof Nunjucks =>
  (loaded ??= createRequire(import.meta.url)('nunjucks') as typeof Nunjucks);

/** The default templates, shipped with the package. */
export const DEFAULT_TEMPLATE_DIR = path.join(packageRoot(), 'report-templates');

const envs = new Map<string, Nunjucks.Environment>();

function templateFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.njk')) out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** `(file) [Line 3, Column 7]\n  message` (possibly nested) → `file:3:7: message`, innermost place. */
export function templateError(e: unknown, fallbackFile: string): InputError {
  const msg = e instanceof Error ? e.message : String(e);
  const places = [...msg.matchAll(/\(([^()\n]+)\)(?: \[Line (\d+), Column (\d+)\])?/g)];
  const withLine = places.filter((m) => m[2] !== undefined).at(-1) ?? places.at(-1);
  const file = withLine?.[1] ?? fallbackFile;
  const where = withLine?.[2] ? `${file}:${withLine[2]}:${withLine[3]}` : file;
  const reason =
    msg
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^(Template render error: )?\([^()]+\)( \[Line \d+, Column \d+\])?$/.test(l))
      .map((l) => l.replace(/^(Template render error: |Error: )+/, ''))
      .at(-1) ?? msg;
  return new InputError(`template error: ${reason}`, where);
}

function environment(kind: 'html' | 'md', userDir: string | undefined): Nunjucks.Environment {
  const dirs = userDir ? [path.resolve(userDir), DEFAULT_TEMPLATE_DIR] : [DEFAULT_TEMPLATE_DIR];
  const key = `${kind}\0${dirs.join('\0')}`;
  const cached = envs.get(key);
  if (cached) return cached;
  for (const d of dirs) {
    let ok = false;
    try {
      ok = statSync(d).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) throw new InputError('template folder not found or not a folder', d);
  }
  const { Environment, FileSystemLoader } = nunjucks();
  const env = new Environment(new FileSystemLoader(dirs), {
    autoescape: kind === 'html',
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  // Compile every template up front: a syntax error in an included file would otherwise surface
  // asynchronously, after the render call has returned.
  const seen = new Set<string>();
  for (const d of dirs)
    for (const name of templateFiles(d)) {
      if (seen.has(name)) continue;
      seen.add(name);
      try {
        env.getTemplate(name, true);
      } catch (e) {
        throw templateError(e, path.join(d, name));
      }
    }
  envs.set(key, env);
  return env;
}

/**
 * Renders template `name` with `context`. For HTML, strings are escaped unless wrapped with
 * {@link safe}; Markdown templates receive text the renderer has already escaped.
 */
export function renderTemplate(
  kind: 'html' | 'md',
  name: string,
  context: Record<string, unknown>,
  userDir?: string,
): string {
  const env = environment(kind, userDir);
  try {
    return env.render(name, context);
  } catch (e) {
    throw templateError(e, name);
  }
}

/** Marks pre-rendered, already-escaped HTML as safe for an autoescaping template. */
export function safe(html: string): unknown {
  return new (nunjucks().runtime.SafeString)(html);
}
