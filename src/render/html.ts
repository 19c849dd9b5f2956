// render: Report → one self-contained HTML file (inline CSS and SVG; no scripts, no external URLs,
// system fonts). Every data value goes through escapeHtml; the page layout is a nunjucks template.
import type { Block, Cell, Column, Report } from '../report/model.js';
import { escapeHtml, visibleControls } from './escape.js';
import { renderTemplate, safe } from './templates.js';

/**
 * Options of {@link renderHtml}.
 */
export interface HtmlOptions {
  /** Inline SVG for chart blocks, keyed by chart id (compiled by the charts stage). */
  svgs?: Record<string, string>;
  /** A user's template folder; its files override the defaults by name. */
  templateDir?: string;
  /** Spec file of each chart id (e.g. `cpu-over-time.vl.json`), named under the chart. */
  specFiles?: Record<string, string>;
}

function slug(id: string): string {
  return id.replace(/[^a-z0-9-]/gi, '-');
}

/** Text that may quote names in backticks (footnotes): quoted parts become `<code>`. */
function withCode(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((p) =>
      p.length > 1 && p.startsWith('`') && p.endsWith('`')
        ? `<code>${escapeHtml(p.slice(1, -1))}</code>`
        : escapeHtml(p),
    )
    .join('');
}

function cell(c: Cell): string {
  if (typeof c === 'string') return escapeHtml(c);
  let t = c.code ? `<code>${escapeHtml(c.text)}</code>` : escapeHtml(c.text);
  if (c.strong) t = `<strong>${t}</strong>`;
  if (c.note !== undefined) t += `<sup class="fn">[${c.note}]</sup>`;
  return t;
}

function alignClass(col: Column): string {
  return col.align === 'right' ? ' class="num"' : col.align === 'center' ? ' class="mid"' : '';
}

function table(b: Extract<Block, { kind: 'table' }>): string {
  const caption = b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : '';
  const head = b.columns.map((c) => `<th scope="col"${alignClass(c)}>${escapeHtml(c.label)}</th>`).join('');
  const rows = b.rows
    .map((r) => {
      const tds = r.map((c, i) => {
        const col = b.columns[i];
        // The first column names the row (a node, an input, a setting): a row header.
        return i === 0
          ? `<th scope="row"${col ? alignClass(col) : ''}>${cell(c)}</th>`
          : `<td${col ? alignClass(col) : ''}>${cell(c)}</td>`;
      });
      return `<tr>${tds.join('')}</tr>`;
    })
    .join('\n');
  const notes = b.footnotes?.length
    ? `\n<ol class="footnotes">${b.footnotes.map((f) => `<li>${withCode(f)}</li>`).join('')}</ol>`
    : '';
  return `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody></table></div>${notes}`;
}

function block(b: Block, options: HtmlOptions): string {
  switch (b.kind) {
    case 'paragraph':
      return b.strong ? `<p><strong>${escapeHtml(b.text)}</strong></p>` : `<p>${escapeHtml(b.text)}</p>`;
    case 'note': {
      const label = b.level === 'error' ? 'Error' : b.level === 'warning' ? 'Warning' : 'Note';
      return `<div class="note note-${b.level}" role="note"><strong>${label}:</strong> ${escapeHtml(b.text)}</div>`;
    }
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'code':
      return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
    case 'table':
      return table(b);
    case 'chart': {
      const id = `chart-${slug(b.id)}`;
      const svg = options.svgs?.[b.id];
      const picture = svg
        ? visibleControls(svg).replace(
            /^<svg /,
            `<svg role="img" aria-labelledby="${id}-title" aria-describedby="${id}-alt" `,
          )
        : `<p class="chart-missing">Chart not drawn.</p>`;
      const file = options.specFiles?.[b.id];
      const spec = file ? ` Vega-lite spec: <code>${escapeHtml(file)}</code>.` : '';
      return `<figure class="chart" id="${id}"><figcaption id="${id}-title">${escapeHtml(b.title)}</figcaption>\n<div class="chart-body">${picture}</div>\n<p class="chart-alt" id="${id}-alt">${escapeHtml(b.alt)}${spec}</p></figure>`;
    }
    case 'details':
      return `<details><summary>${escapeHtml(b.summary)}</summary>\n${b.blocks.map((x) => block(x, options)).join('\n')}\n</details>`;
  }
}

/**
 * Renders the report model as a self-contained HTML document.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { assembleReport, renderHtml, summarize } from 'bench-report';
 * const report = assembleReport(await summarize('single-node-20', { runsDir: 'fixtures/runs' }));
 * await writeFile('report.html', renderHtml(report));
 * ```
 */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const sections = report.sections.map((s) => ({
    id: slug(s.id),
    title: visibleControls(s.title),
    verdict: s.id === 'verdict',
    body: safe(s.blocks.map((b) => block(b, options)).join('\n')),
  }));
  return renderTemplate(
    'html',
    'report.html.njk',
    {
      // The template escapes these itself; control characters are made visible here first.
      title: visibleControls(report.title),
      runId: visibleControls(report.runId),
      status: report.verdict.status,
      headline: visibleControls(report.verdict.headline),
      sections,
    },
    options.templateDir,
  );
}
