// Every block kind the report model has, filled with hostile text, rendered to Markdown (checked
// with cmark-gfm) and HTML: no element, attribute or link comes from the data, whichever sections
// exist today.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Block, Report } from '../../src/report/model.js';
import { renderHtml } from '../../src/render/html.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { PAYLOADS } from './hostile-run.js';

const hasCmark = spawnSync('cmark-gfm', ['--version']).status === 0;
if (!hasCmark) console.warn('SKIP cmark-gfm checks: cmark-gfm not installed (apt-get install cmark-gfm)');

const all = PAYLOADS.join(' ');
const blocks = (p: string): Block[] => [
  { kind: 'paragraph', text: p },
  { kind: 'paragraph', text: p, strong: true },
  { kind: 'note', level: 'info', text: p },
  { kind: 'note', level: 'warning', text: p },
  { kind: 'note', level: 'error', text: p },
  { kind: 'list', items: [p, p] },
  {
    kind: 'table',
    caption: p,
    columns: [{ label: p }, { label: 'n', align: 'right' }],
    rows: [
      [p, '1'],
      [
        { text: p, code: true },
        { text: p, note: 1 },
      ],
      [{ text: p, strong: true }, '2'],
    ],
    footnotes: [p, `field \`${p}\``],
  },
  { kind: 'code', text: p },
  { kind: 'chart', id: p, title: p, alt: p, spec: {} },
  {
    kind: 'chart',
    id: `bar${p}`,
    title: p,
    alt: p,
    spec: {},
    sketch: { kind: 'bar', title: p, xTitle: p, yTitle: p, categories: [p, p], values: [1, 2] },
  },
  { kind: 'details', summary: p, blocks: [{ kind: 'paragraph', text: p }] },
];
const report: Report = {
  title: all,
  runId: all,
  verdict: { status: 'incomplete', headline: all, measured: [all], notMeasured: [all] },
  sections: PAYLOADS.map((p, i) => ({ id: `s${i}${p}`, title: p, blocks: blocks(p) })),
};

/** Elements and attributes of `html` (text "<" is always escaped, so each "<" left is markup). */
const elements = (html: string) =>
  [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    // cmark writes void elements as `<hr />`: the slash is not an attribute.
    attrs: m[2]!.replace(/\/$/, '').trim(),
  }));

describe.skipIf(!hasCmark)('every block kind with hostile text, Markdown through cmark-gfm --unsafe', () => {
  it('yields only structural elements, and no attribute but table alignment', () => {
    const r = spawnSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'autolink'], {
      input: renderMarkdown(report),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const els = elements(r.stdout);
    const allowed = new Set(
      'h1 h2 p strong em code pre ul ol li table thead tbody tr th td blockquote details summary hr'.split(
        ' ',
      ),
    );
    expect([...new Set(els.map((e) => e.name))].filter((n) => !allowed.has(n))).toEqual([]);
    expect(
      [...new Set(els.map((e) => e.attrs))].filter(
        (a) => a !== '' && !/^align="right"$|^class="language-text"$/.test(a),
      ),
    ).toEqual([]);
  });
});

describe.skipIf(!hasCmark)(
  'the pull-request Markdown with Mermaid sketches, through cmark-gfm --unsafe',
  () => {
    it('yields only structural elements; the sketches stay inside mermaid code blocks, labels reduced', () => {
      const md = renderMarkdown(report, { variant: 'pr', mermaid: true, maxChars: 10_000_000 });
      const r = spawnSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'autolink'], {
        input: md,
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      const els = elements(r.stdout);
      const allowed = new Set(
        'h2 h3 p strong em code pre ul ol li table thead tbody tr th td blockquote details summary hr'.split(
          ' ',
        ),
      );
      expect([...new Set(els.map((e) => e.name))].filter((n) => !allowed.has(n))).toEqual([]);
      expect(
        [...new Set(els.map((e) => e.attrs))].filter(
          (a) => a !== '' && !/^align="right"$|^class="language-(text|mermaid)"$/.test(a),
        ),
      ).toEqual([]);
      // Each sketch is a fenced block whose labels keep only letters, digits and harmless marks.
      const sketches = [...md.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
      expect(sketches.length).toBe(PAYLOADS.length);
      for (const sk of sketches)
        for (const label of sk.matchAll(/"([^"]*)"/g)) expect(label[1]).toMatch(/^[\p{L}\p{N} ._%()/+…-]*$/u);
    });
  },
);

describe('every block kind with hostile text, HTML', () => {
  it('yields no script, image, frame, link to anywhere but its own sections, or event handler', () => {
    const html = renderHtml(report);
    const els = elements(html.slice(html.indexOf('<body>')));
    const allowed = new Set(
      'html body main header footer h1 h2 nav ol ul li a section p strong em code pre div table caption thead tbody tr th td sup blockquote details summary figure figcaption'.split(
        ' ',
      ),
    );
    expect([...new Set(els.map((e) => e.name))].filter((n) => !allowed.has(n))).toEqual([]);
    const ok: Record<string, RegExp> = {
      class: /^[\w -]*$/,
      id: /^[\w-]*$/,
      role: /^(note|img)$/,
      'aria-label': /^[^"<>]*$/,
      'aria-labelledby': /^[\w-]*$/,
      'aria-describedby': /^[\w-]*$/,
      scope: /^(col|row)$/,
      href: /^#[\w-]+$/,
      style: /^text-align:(left|right|center)$/,
    };
    for (const { name, attrs } of els) {
      // Every attribute is quoted, known, and harmless in value; nothing is left over unparsed.
      const rest = attrs.replace(/([\w-]+)="([^"]*)"/g, (_m, k: string, v: string) => {
        expect(ok[k]?.test(v), `<${name} ${k}="${v}">`).toBe(true);
        return '';
      });
      expect(rest.trim(), `<${name} ${attrs}>`).toBe('');
    }
  });
});
