import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import type { Report } from '../report/model.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

const report: Report = {
  title: 'T <b>x</b>',
  runId: 'r1',
  verdict: { status: 'complete', headline: 'All good', measured: [], notMeasured: [] },
  sections: [
    { id: 'verdict', title: 'Verdict', blocks: [{ kind: 'paragraph', text: 'All good', strong: true }] },
    { id: 'cpu', title: 'CPU', blocks: [{ kind: 'paragraph', text: 'a *b*' }] },
  ],
};

const dirs: string[] = [];
function templates(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'bench-tpl-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, name)), { recursive: true });
    writeFileSync(path.join(d, name), text);
  }
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an error');
}

describe('report templates', () => {
  it('a user folder overrides one layout and keeps the defaults for the others', () => {
    const d = templates({
      'report.md.njk':
        'CUSTOM {{ title }}\n{% for s in sections %}== {{ s.title }}\n{{ s.body }}\n{% endfor %}',
    });
    const md = renderMarkdown(report, { templateDir: d });
    expect(md).toBe('CUSTOM T \\<b\\>x\\</b\\>\n== Verdict\n> [!TIP]\n> **All good**\n== CPU\na \\*b\\*\n');
    expect(renderHtml(report, { templateDir: d })).toContain('<nav aria-label="Contents">');
  });

  it('HTML templates escape what they are given unless it is pre-rendered', () => {
    const d = templates({
      'report.html.njk': '<h1>{{ title }}</h1>{% for s in sections %}{{ s.body }}{% endfor %}',
    });
    expect(renderHtml(report, { templateDir: d })).toBe(
      '<h1>T &lt;b&gt;x&lt;/b&gt;</h1><p><strong>All good</strong></p><p>a *b*</p>',
    );
  });

  it('overriding only the stylesheet keeps the default layout', () => {
    const d = templates({ 'report.css': 'body{color:rebeccapurple}' });
    const html = renderHtml(report, { templateDir: d });
    expect(html).toContain('<style>\nbody{color:rebeccapurple}');
    expect(html).toContain('<nav aria-label="Contents">');
  });

  it('a syntax error names the template file and line', () => {
    const d = templates({ 'report.md.njk': 'line one\nline two\n{% if %}\n' });
    const e = thrown(() => renderMarkdown(report, { templateDir: d }));
    expect(e.message).toMatch(
      new RegExp(
        `^${path.join(d, 'report.md.njk').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: template error: `,
      ),
    );
  });

  it('an undefined variable names the file and line', () => {
    const d = templates({ 'report.md.njk': '{{ title }}\n\n{{ nope.deeper }}\n' });
    const e = thrown(() => renderMarkdown(report, { templateDir: d }));
    expect(e.message).toContain(`${path.join(d, 'report.md.njk')}:3:`);
  });

  it('a syntax error in an included partial names the partial, synchronously', () => {
    const d = templates({
      'report.md.njk': '{{ title }}\n{% include "parts/head.njk" %}\n',
      'parts/head.njk': 'ok\nok\nok\n{% for %}\n',
    });
    const e = thrown(() => renderMarkdown(report, { templateDir: d }));
    expect(e.message).toContain(`${path.join(d, 'parts', 'head.njk')}:4:`);
  });

  it('a template folder that does not exist is an input error naming it', () => {
    const e = thrown(() => renderMarkdown(report, { templateDir: '/nonexistent/tpl' }));
    expect(e.message).toContain('/nonexistent/tpl');
  });
});
