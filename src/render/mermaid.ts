// Mermaid `xychart-beta` blocks for chart sketches, which GitHub renders in Markdown. Every label
// is data, so it is reduced to a safe alphabet before it goes between quotes or brackets.
import type { ChartSketch } from '../report/model.js';

/** Keeps letters, digits, spaces and a few harmless marks; anything else becomes `_`. */
export function mermaidLabel(text: string, max = 60): string {
  const clean = text
    .replace(/[^\p{L}\p{N} ._%()/+-]/gu, '_')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean || '_';
}

function n(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 10000) / 10000) : '0';
}

/** The sketch as a fenced `mermaid` block, or null when it has nothing to draw. */
export function mermaidChart(s: ChartSketch): string | null {
  if (s.values.length === 0 || !s.values.every(Number.isFinite)) return null;
  const top = Math.max(...s.values);
  const yMax = s.yMax ?? (top <= 0 ? 1 : top * 1.1);
  const lines = ['```mermaid', 'xychart-beta', `  title "${mermaidLabel(s.title, 90)}"`];
  if (s.kind === 'bar' && s.categories && s.categories.length === s.values.length) {
    lines.push(
      `  x-axis "${mermaidLabel(s.xTitle)}" [${s.categories.map((c) => `"${mermaidLabel(c, 30)}"`).join(', ')}]`,
    );
  } else if (s.xRange) {
    lines.push(`  x-axis "${mermaidLabel(s.xTitle)}" ${n(s.xRange[0])} --> ${n(s.xRange[1])}`);
  } else return null;
  lines.push(`  y-axis "${mermaidLabel(s.yTitle)}" 0 --> ${n(yMax)}`);
  lines.push(`  ${s.kind} [${s.values.map(n).join(', ')}]`);
  lines.push('```');
  return lines.join('\n');
}
