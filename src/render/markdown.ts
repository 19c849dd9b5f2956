// render: Report → GitHub-flavoured Markdown. Verdict first; every data value escaped.
import type { Block, Cell, Column, Report } from '../report/model.js';
import { codeSpan, escapeHtml, escapeMarkdown } from './escape.js';

export interface MarkdownOptions {
  /** Heading level of the report title (default 1). */
  headingLevel?: number;
}

function cellText(c: Cell, inTable: boolean): string {
  if (typeof c === 'string') return esc(c, inTable);
  let t = c.code ? codeSpan(c.text) : esc(c.text, inTable);
  if (inTable && c.code) t = t.replace(/\|/g, '\\|');
  if (c.strong) t = `**${t}**`;
  if (c.note !== undefined) t += ` [${c.note}]`.replace(/\[/g, '\\[').replace(/\]/g, '\\]');
  return t;
}

function esc(text: string, _inTable: boolean): string {
  return escapeMarkdown(text);
}

function alignMark(col: Column): string {
  if (col.align === 'right') return '---:';
  if (col.align === 'center') return ':---:';
  return '---';
}

function table(columns: Column[], rows: Cell[][]): string {
  const head = `| ${columns.map((c) => escapeMarkdown(c.label)).join(' | ')} |`;
  const sep = `| ${columns.map(alignMark).join(' | ')} |`;
  const body = rows.map((r) => `| ${r.map((c) => cellText(c, true)).join(' | ')} |`);
  return [head, sep, ...body].join('\n');
}

/** One block as Markdown (also used by the HTML renderer through markdown-it). */
export function renderMarkdownBlock(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return b.strong ? `**${escapeMarkdown(b.text)}**` : escapeMarkdown(b.text);
    case 'note': {
      const label = b.level === 'error' ? 'CAUTION' : b.level === 'warning' ? 'WARNING' : 'NOTE';
      return `> [!${label}]\n> ${escapeMarkdown(b.text)}`;
    }
    case 'list':
      return b.items.map((i) => `- ${escapeMarkdown(i)}`).join('\n');
    case 'table': {
      const parts = [];
      if (b.caption) parts.push(`*${escapeMarkdown(b.caption)}*`);
      parts.push(table(b.columns, b.rows));
      if (b.footnotes?.length) parts.push(b.footnotes.map((f, i) => `${i + 1}. ${footnote(f)}`).join('\n'));
      return parts.join('\n\n');
    }
    case 'code':
      return `\`\`\`text\n${b.text.replace(/`{3,}/g, (m) => m.replace(/`/g, 'ˋ'))}\n\`\`\``;
    case 'chart':
      return `*Chart: ${escapeMarkdown(b.title)}.* ${escapeMarkdown(b.alt)}`;
    case 'details':
      // Inside raw HTML Markdown escapes are not read, so the summary is escaped as HTML.
      return `<details>\n<summary>${escapeHtml(b.summary)}</summary>\n\n${b.blocks.map(renderMarkdownBlock).join('\n\n')}\n\n</details>`;
  }
}

/** Footnotes may quote a field in backticks; everything else in them is escaped. */
function footnote(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? codeSpan(part.slice(1, -1))
        : escapeMarkdown(part),
    )
    .join('');
}

/**
 * Renders the report model as GitHub-flavoured Markdown.
 *
 * @example
 * ```ts
 * import { assembleReport, renderMarkdown, summarize } from 'bench-report';
 * const report = assembleReport(await summarize('single-node-20', { runsDir: 'fixtures/runs' }));
 * process.stdout.write(renderMarkdown(report, { headingLevel: 2 }));
 * ```
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const h = '#'.repeat(options.headingLevel ?? 1);
  const out: string[] = [`${h} ${escapeMarkdown(report.title)}`];
  for (const s of report.sections) {
    out.push(`${h}# ${escapeMarkdown(s.title)}`);
    for (const b of s.blocks) out.push(renderMarkdownBlock(b));
  }
  return `${out.join('\n\n')}\n`;
}
