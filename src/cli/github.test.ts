import { describe, expect, it } from 'vitest';
import { prSizedMarkdown } from './github.js';

const section = (title: string, size: number) => `## ${title}\n\n${'x'.repeat(size)}\n\n`;

describe('prSizedMarkdown', () => {
  it('keeps a report that fits whole, with a footer saying where the full report is', () => {
    const md = `# R\n\n${section('Verdict', 10)}`;
    const out = prSizedMarkdown(md, '`r/report.html`', 1000);
    expect(out.startsWith(md.trimEnd())).toBe(true);
    expect(out).toContain('Full report: `r/report.html`');
  });

  it('keeps whole sections from the top under the limit and names the ones left out', () => {
    const md = `# R\n\n${section('Verdict', 100)}${section('CPU', 3000)}${section('Memory', 100)}`;
    const out = prSizedMarkdown(md, 'x', 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(out).toContain('## Verdict');
    expect(out).not.toContain('## CPU');
    // Sections after the first one left out are dropped too, so the order of the report is kept.
    expect(out).not.toContain('## Memory');
    expect(out).toContain('left out: CPU, Memory.');
  });

  it('cuts text when even the first section does not fit, and stays under the limit', () => {
    const md = `${'y'.repeat(5000)}\n`;
    const out = prSizedMarkdown(md, 'x', 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out).toContain('Shortened to fit a pull request');
  });
});
