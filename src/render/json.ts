// render: RunSummary → summary.json (versioned, fixed key order, no wall-clock time).
import type { Comparison } from '../compare/baseline.js';
import type { Flag, RunSummary } from '../model/types.js';

export interface JsonOptions {
  comparison?: Comparison | null;
  extraFlags?: Flag[];
}

/**
 * The summary.json contract; a comparison, when present, is added under `comparison`.
 *
 * @example
 * ```ts
 * import { renderSummaryJson, summarize } from 'bench-report';
 * const json = renderSummaryJson(await summarize('single-node-20', { runsDir: 'fixtures/runs' }));
 * console.log(JSON.parse(json).run.status);
 * ```
 */
export function renderSummaryJson(summary: RunSummary, options: JsonOptions = {}): string {
  const doc: Record<string, unknown> = {
    ...summary,
    flags: [...summary.flags, ...(options.extraFlags ?? [])],
  };
  if (options.comparison) doc.comparison = options.comparison;
  return `${JSON.stringify(doc, null, 2)}\n`;
}
