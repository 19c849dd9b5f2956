// The method note a report carries when some series were summarised while streaming instead of
// kept sample by sample (NodeSummary.streamed): which figures are exact and the bounds of the rest.
import { DISPLAY_BUCKETS } from '../../metrics/series-summary.js';
import type { RunSummary } from '../../model/types.js';

/** One sentence-level note on summarised series, or null when every figure is from all samples kept. */
export function streamedNote(s: RunSummary): string | null {
  const items = s.nodes.flatMap((n) => (n.streamed ?? []).map((x) => ({ host: n.host, ...x })));
  if (items.length === 0) return null;
  const first = items[0]!;
  const hosts = [...new Set(items.map((x) => x.host))];
  const late = items.reduce((a, x) => a + x.lateSamples, 0);
  const resolution = [...new Set(items.map((x) => x.gapResolutionSeconds))].join(' / ');
  return [
    `Figures from a streaming summary: ${items.length} series on ${hosts.length} node(s) went over ${first.exactLimit} samples and were summarised while reading instead of kept sample by sample.`,
    'Their sample counts, means, minima and maxima (CPU peak) are exact, and the standard deviation and memory slope are exact up to rounding;',
    `p50/p95/p99 come from a ${first.histogramBins}-bin histogram over 0–100 % and are within ±${first.percentileMaxError.toFixed(4)} percentage points of the exact nearest-rank sample;`,
    `coverage and gaps are exact to within one interval (${resolution} s);`,
    `their charts draw the first, lowest, highest and last sample of each 1/${DISPLAY_BUCKETS} of the window, and comparisons estimate noise from per-slice means (docs/statistics.md).`,
    late > 0
      ? `${late} sample(s) arrived out of time order after the limit; a repeated timestamp among them cannot be recognised and is counted as a sample.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}
