// render: Report → one self-contained HTML file (inline CSS, no scripts, no external URLs).
// Tables and text go through markdown-it with raw HTML disabled, so data values stay text.
import MarkdownIt from 'markdown-it';
import type { Block, Report } from '../report/model.js';
import { escapeHtml } from './escape.js';
import { renderMarkdownBlock } from './markdown.js';
import { REPORT_CSS } from './html-style.js';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
// Links can only come from data; the report itself has none. Refuse them outright.
md.disable(['link', 'image', 'autolink']);

export interface HtmlOptions {
  /** Inline SVG for chart blocks, keyed by chart id (compiled by the charts stage). */
  svgs?: Record<string, string>;
}

function slug(id: string): string {
  return id.replace(/[^a-z0-9-]/gi, '-');
}

function block(b: Block, options: HtmlOptions): string {
  switch (b.kind) {
    case 'note':
      return `<div class="note note-${b.level}" role="note"><strong>${b.level === 'error' ? 'Error' : b.level === 'warning' ? 'Warning' : 'Note'}:</strong> ${escapeHtml(b.text)}</div>`;
    case 'chart': {
      const svg = options.svgs?.[b.id];
      const body = svg ?? `<p class="chart-missing">${escapeHtml(b.alt)}</p>`;
      return `<figure class="chart" id="chart-${slug(b.id)}" role="img" aria-label="${escapeHtml(`${b.title}. ${b.alt}`)}">${body}<figcaption>${escapeHtml(b.title)}</figcaption></figure>`;
    }
    case 'details':
      return `<details><summary>${escapeHtml(b.summary)}</summary>\n${b.blocks.map((x) => block(x, options)).join('\n')}\n</details>`;
    case 'table':
      return `<div class="table-wrap">${md.render(renderMarkdownBlock(b))}</div>`;
    default:
      return md.render(renderMarkdownBlock(b));
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
  const toc = report.sections
    .map((s) => `<li><a href="#${slug(s.id)}">${escapeHtml(s.title)}</a></li>`)
    .join('');
  const sections = report.sections
    .map((s) => {
      const cls = s.id === 'verdict' ? ` class="verdict verdict-${report.verdict.status}"` : '';
      return `<section id="${slug(s.id)}"${cls}>\n<h2>${escapeHtml(s.title)}</h2>\n${s.blocks.map((b) => block(b, options)).join('\n')}\n</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(report.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(report.title)}</h1>
<nav aria-label="Contents"><ol>${toc}</ol></nav>
${sections}
</main>
</body>
</html>
`;
}
