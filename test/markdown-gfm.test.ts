// Markdown output checked with cmark-gfm (GitHub's parser): every table of the report model renders
// as a table with all its rows, the only HTML is our own structure, and no data value becomes HTML
// or a link. The PR variant fits a comment by summarising whole tables, never cutting one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../src/pipeline.js';
import type { Block, Report } from '../src/report/model.js';
import { PR_COMMENT_LIMIT, renderMarkdown } from '../src/render/markdown.js';
import { HOSTILE_HOSTS, largeRun, writeSyntheticRun } from './helpers/synthetic-run.js';

const CMARK = '/usr/bin/cmark-gfm';
const hasCmark = existsSync(CMARK);
if (!hasCmark)
  console.warn('SKIP markdown-gfm: /usr/bin/cmark-gfm not installed (apt-get install cmark-gfm)');

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures', 'runs');

function gfm(markdown: string): string {
  // --unsafe lets our own <details>/<summary> through, so any other tag would be a data leak.
  return execFileSync(CMARK, ['-e', 'table', '-e', 'autolink', '--unsafe'], {
    input: markdown,
    encoding: 'utf8',
  });
}

const ALLOWED_TAGS = new Set(
  'h1 h2 h3 h4 h5 h6 p ul ol li table thead tbody tr th td code strong em pre blockquote hr details summary br'.split(
    ' ',
  ),
);

function tables(blocks: Block[]): Extract<Block, { kind: 'table' }>[] {
  return blocks.flatMap((b) => (b.kind === 'table' ? [b] : b.kind === 'details' ? tables(b.blocks) : []));
}

function modelTables(report: Report) {
  return report.sections.flatMap((s) => tables(s.blocks));
}

/** Each rendered table's header cells (text) and body row count. */
function renderedTables(html: string) {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => {
    const head = [...m[1]!.matchAll(/<th(?:\s[^>]*)?>([\s\S]*?)<\/th>/g)].map((h) =>
      h[1]!.replace(/<[^>]+>/g, ''),
    );
    const body = m[1]!.split('<tbody>')[1] ?? '';
    return { head, rows: (body.match(/<tr>/g) ?? []).length };
  });
}

function assertNoDataHtml(html: string) {
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g))
    expect(ALLOWED_TAGS, `tag <${m[1]}>`).toContain(m[1]!.toLowerCase());
  expect(html).not.toMatch(/<a\s|href=/i);
}

describe.skipIf(!hasCmark)('Markdown through cmark-gfm', () => {
  let tmp: string;
  const results: Record<string, BuildResult> = {};

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-md-'));
    writeSyntheticRun(tmp, 'fifty', largeRun(49));
    writeSyntheticRun(
      tmp,
      'hostile',
      HOSTILE_HOSTS.map((host, i) => ({
        host,
        role: i === 0 ? ('server' as const) : ('bots' as const),
        ...(i === 0 ? {} : { bots: 5 }),
        ...(i === 2 ? { gap: [2, 4] as [number, number] } : {}),
        ...(i === 5 ? { silent: true } : {}),
      })),
      { title: 'Hostile <b>title</b> [x](http://e.example) www.e.example' },
    );
    for (const id of ['single-node-20', 'distributed-20', 'distributed-20-partial'])
      results[id] = await build(id, { runsDir: FIXTURES });
    results.fifty = await build('fifty', { runsDir: tmp });
    results.hostile = await build('hostile', { runsDir: tmp });
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const cases = ['single-node-20', 'distributed-20', 'distributed-20-partial', 'fifty', 'hostile'];

  it.each(cases)('%s: report.md renders every model table as a table with all its rows', (id) => {
    const r = results[id]!;
    const html = gfm(r.markdown);
    const expected = modelTables(r.report).map((t) => ({
      head: t.columns.map((c) => c.label),
      rows: t.rows.length,
    }));
    const got = renderedTables(html).map((t) => ({
      ...t,
      head: t.head.map((h) => h.replace(/&amp;/g, '&')),
    }));
    expect(got).toEqual(expected);
    assertNoDataHtml(html);
  });

  it.each(cases)('%s: the PR variant fits a comment and has no partial table', (id) => {
    const r = results[id]!;
    expect(r.pr.length).toBeLessThan(PR_COMMENT_LIMIT);
    const html = gfm(r.pr);
    assertNoDataHtml(html);
    const model = modelTables(r.report);
    for (const t of renderedTables(html)) {
      const match = model.find((m) => m.columns.length === t.head.length && m.rows.length === t.rows);
      expect(match, `table ${t.head.join('|')} with ${t.rows} rows`).toBeDefined();
    }
    // Verdict first: the first section heading after the title.
    expect(html.match(/<h3>([^<]*)<\/h3>/)?.[1]).toBe('Verdict');
  });

  it('the 50-node PR comment carries Mermaid xychart-beta blocks', () => {
    const pr = results.fifty!.pr;
    expect(pr).toMatch(/```mermaid\nxychart-beta\n/);
    expect(renderedTables(gfm(pr)).length).toBeGreaterThan(0);
  });

  it('a tight budget summarises whole tables (never cuts one) and stays under it', () => {
    const r = results.fifty!;
    const small = renderMarkdown(r.report, { variant: 'pr', maxChars: 8000 });
    expect(small.length).toBeLessThanOrEqual(8000);
    expect(small).toMatch(/A table of \d+ row\(s\) .* is in the full report\./);
    const model = modelTables(r.report);
    for (const t of renderedTables(gfm(small)))
      expect(model.some((m) => m.columns.length === t.head.length && m.rows.length === t.rows)).toBe(true);
    // The verdict is never summarised away.
    expect(small).toContain(r.report.verdict.headline);
  });

  it('hostile host names stay text: escaped in HTML, no link, no Mermaid syntax break-out', () => {
    const r = results.hostile!;
    const html = gfm(r.markdown);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('[click](http://evil.example/x)');
    expect(html).toContain('Hostile &lt;b&gt;title&lt;/b&gt;');
    for (const block of r.pr.matchAll(/```mermaid\n([\s\S]*?)```/g)) {
      for (const line of block[1]!.trim().split('\n').slice(1)) {
        // Each statement: keyword, then quoted labels or numbers; a label cannot close its quotes.
        expect(line).toMatch(/^ {2}(title|x-axis|y-axis|line|bar) /);
        expect((line.match(/"/g) ?? []).length % 2).toBe(0);
        for (const label of line.matchAll(/"([^"]*)"/g)) expect(label[1]).not.toMatch(/[<>[\]`|;]/);
      }
    }
  });

  it('long sections fold into <details> in report.md', () => {
    const md = results.fifty!.markdown;
    expect(md).toMatch(/<details>\n<summary>Show cpu per node<\/summary>\n\n\| Node/);
  });
});

describe('PR comment for a very large run', () => {
  it('a 200-node run still fits: tables and lists become counts, the headline stays', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-md-big-'));
    try {
      writeSyntheticRun(tmp, 'huge', largeRun(199));
      const r = await build('huge', { runsDir: tmp });
      expect(r.pr.length).toBeLessThan(PR_COMMENT_LIMIT);
      expect(r.pr).toContain(r.report.verdict.headline);
      expect(r.markdown.length).toBeGreaterThan(PR_COMMENT_LIMIT);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
