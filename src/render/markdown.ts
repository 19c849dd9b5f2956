// render: Report → GitHub-flavoured Markdown, full (report.md) or sized for a pull-request comment
// (`pr`). Verdict first; every data value escaped; the page layout comes from a nunjucks template.
import type { Block, Cell, Column, Report, Section } from '../report/model.js';
import { codeSpan, escapeHtml, escapeMarkdown } from './escape.js';
import { mermaidChart } from './mermaid.js';
import { renderTemplate } from './templates.js';

/**
 * GitHub's limit for an issue or pull-request comment, in characters.
 *
 * @example
 * ```ts
 * import { PR_COMMENT_LIMIT, build, renderMarkdown } from 'bench-report';
 * const { report } = await build('single-node-20', { runsDir: 'fixtures/runs' });
 * console.log(renderMarkdown(report, { variant: 'pr' }).length <= PR_COMMENT_LIMIT);
 * ```
 */
export const PR_COMMENT_LIMIT = 65_536;

/**
 * Options of {@link renderMarkdown}: heading level, full report or pull-request comment, template.
 */
export interface MarkdownOptions {
  /** Heading level of the report title (default 1; 2 for `pr`). */
  headingLevel?: number;
  /** `full` (report.md) or `pr`, which always fits {@link PR_COMMENT_LIMIT}. */
  variant?: 'full' | 'pr';
  /** Add Mermaid `xychart-beta` blocks for charts that have a sketch (default: on for `pr`). */
  mermaid?: boolean;
  /** A user's template folder; its files override the defaults by name. */
  templateDir?: string;
  /** Spec file of each chart id (e.g. `cpu-over-time.vl.json`), named under the chart's text. */
  specFiles?: Record<string, string>;
  /** Budget for `pr` (default: the comment limit less a margin for what a bot wraps around it). */
  maxChars?: number;
}

/** A section body longer than this many lines is folded into `<details>`. */
const FOLD_LINES = 30;

function cellText(c: Cell): string {
  if (typeof c === 'string') return escapeMarkdown(c);
  let t = c.code ? codeSpan(c.text).replace(/\|/g, '\\|') : escapeMarkdown(c.text);
  if (c.strong) t = `**${t}**`;
  if (c.note !== undefined) t += ` \\[${c.note}\\]`;
  return t;
}

function alignMark(col: Column): string {
  if (col.align === 'right') return '---:';
  if (col.align === 'center') return ':---:';
  return '---';
}

function table(columns: Column[], rows: Cell[][]): string {
  const head = `| ${columns.map((c) => escapeMarkdown(c.label)).join(' | ')} |`;
  const sep = `| ${columns.map(alignMark).join(' | ')} |`;
  const body = rows.map((r) => `| ${r.map(cellText).join(' | ')} |`);
  return [head, sep, ...body].join('\n');
}

interface BlockContext {
  mermaid: boolean;
  specFiles: Record<string, string>;
  verdict?: Report['verdict'];
}

/** One block as Markdown. */
export function renderMarkdownBlock(b: Block, ctx: BlockContext = { mermaid: false, specFiles: {} }): string {
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
    case 'chart': {
      const parts = [`*Chart: ${escapeMarkdown(b.title)}.* ${escapeMarkdown(b.alt)}`];
      const file = ctx.specFiles[b.id];
      if (file) parts[0] += ` Vega-lite spec: ${codeSpan(file)}.`;
      const m = ctx.mermaid && b.sketch ? mermaidChart(b.sketch) : null;
      if (m) parts.push(m);
      return parts.join('\n\n');
    }
    case 'details':
      return fold(escapeHtml(b.summary), b.blocks.map((x) => renderMarkdownBlock(x, ctx)).join('\n\n'));
  }
}

/** `<details>` with the blank lines GitHub needs for the Markdown inside to render. */
function fold(summaryHtml: string, body: string): string {
  return `<details>\n<summary>${summaryHtml}</summary>\n\n${body}\n\n</details>`;
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

interface RenderedSection {
  id: string;
  title: string;
  body: string;
}

/** GitHub alert per verdict status: the Markdown counterpart of the HTML banner's colour. */
const VERDICT_ALERT: Record<Report['verdict']['status'], string> = {
  complete: 'TIP',
  incomplete: 'WARNING',
  'no-data': 'CAUTION',
};

function verdictBlock(b: Block, ctx: BlockContext): string {
  // The verdict's headline (its strong paragraph) is shown as an alert, like a banner.
  if (ctx.verdict && b.kind === 'paragraph' && b.strong && b.text === ctx.verdict.headline)
    return `> [!${VERDICT_ALERT[ctx.verdict.status]}]\n> **${escapeMarkdown(b.text)}**`;
  return renderMarkdownBlock(b, ctx);
}

function sectionBody(s: Section, ctx: BlockContext, foldLong: boolean): string {
  const body = s.blocks
    .map((b) => (s.id === 'verdict' ? verdictBlock(b, ctx) : renderMarkdownBlock(b, ctx)))
    .join('\n\n');
  if (!foldLong || s.id === 'verdict' || body.split('\n').length <= FOLD_LINES) return body;
  return fold(escapeHtml(`Show ${s.title.toLowerCase()}`), body);
}

/**
 * The same section with every table replaced by one sentence saying how many rows the full
 * report has: whole tables go, never part of one.
 */
function summarised(s: Section): Section {
  return { ...s, blocks: summarisedBlocks(s.blocks) };
}

function summarisedBlocks(blocks: Block[]): Block[] {
  return blocks.map((b): Block => {
    if (b.kind === 'table')
      return {
        kind: 'paragraph',
        text: `A table of ${b.rows.length} row(s) (${b.columns.map((c) => c.label).join(', ')}) is in the full report.`,
      };
    if (b.kind === 'details') return { ...b, blocks: summarisedBlocks(b.blocks) };
    return b;
  });
}

/** The verdict keeps its headline; its per-node lists become counts (only for very large runs). */
function countedVerdict(s: Section): Section {
  return {
    ...s,
    blocks: s.blocks.map(
      (b): Block =>
        b.kind === 'list'
          ? { kind: 'paragraph', text: `${b.items.length} node(s); the full report lists them.` }
          : b,
    ),
  };
}

/** Order in which `pr` summarises sections when the comment would be too long (first goes first). */
const PR_SUMMARISE_ORDER = [
  'data-quality',
  'coverage',
  'memory',
  'configuration',
  'charts',
  'cpu',
  'comparison',
];

function prSections(
  report: Report,
  ctx: BlockContext,
  budget: number,
  size: (sections: RenderedSection[]) => number,
): RenderedSection[] {
  const sections = report.sections.slice();
  const render = () =>
    sections.map((s) => ({ id: s.id, title: escapeMarkdown(s.title), body: sectionBody(s, ctx, true) }));
  let out = render();
  const order = [
    ...PR_SUMMARISE_ORDER,
    ...sections
      .map((s) => s.id)
      .filter((id) => id !== 'verdict' && !PR_SUMMARISE_ORDER.includes(id))
      .reverse(),
  ];
  // Whole tables become one sentence each, section by section, least important first.
  for (const id of order) {
    if (size(out) <= budget) break;
    const i = sections.findIndex((s) => s.id === id);
    if (i < 0) continue;
    sections[i] = summarised(sections[i]!);
    out = render();
  }
  // Then whole sections go, and last the verdict's per-node lists; its headline always stays.
  for (const id of order) {
    if (size(out) <= budget) break;
    const i = out.findIndex((s) => s.id === id);
    if (i >= 0) out[i] = { ...out[i]!, body: 'Left out to fit a pull-request comment; see the full report.' };
  }
  const v = sections.findIndex((s) => s.id === 'verdict');
  if (size(out) > budget && v >= 0) {
    out[v] = { ...out[v]!, body: sectionBody(countedVerdict(sections[v]!), ctx, false) };
  }
  return out;
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
  const variant = options.variant ?? 'full';
  const ctx: BlockContext = {
    mermaid: options.mermaid ?? variant === 'pr',
    specFiles: options.specFiles ?? {},
    verdict: report.verdict,
  };
  const level = options.headingLevel ?? (variant === 'pr' ? 2 : 1);
  const h = '#'.repeat(Math.min(5, Math.max(1, level)));
  const base = {
    h,
    title: escapeMarkdown(report.title),
    runId: escapeMarkdown(report.runId),
    status: report.verdict.status,
    headline: escapeMarkdown(report.verdict.headline),
  };
  if (variant === 'pr') {
    const budget = Math.min(options.maxChars ?? PR_COMMENT_LIMIT - 1536, PR_COMMENT_LIMIT);
    const page = (sections: RenderedSection[]) =>
      `${renderTemplate('md', 'report.pr.md.njk', { ...base, sections }, options.templateDir).trimEnd()}\n`;
    return page(prSections(report, ctx, budget, (sections) => page(sections).length));
  }
  const sections = report.sections.map((s) => ({
    id: s.id,
    title: escapeMarkdown(s.title),
    body: sectionBody(s, ctx, true),
  }));
  const text = renderTemplate('md', 'report.md.njk', { ...base, sections }, options.templateDir);
  return `${text.trimEnd()}\n`;
}
