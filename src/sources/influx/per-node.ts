// The per-node loading policy both database readers share: a node is handed on only when every
// metric query for it succeeded (never half a node); a fault before anything loaded, or one no
// retry can cure, is the user's to fix now; a server lost midway leaves the rest flagged.
import { METRIC_LABEL, METRICS } from '../../metrics/canonical.js';
import { messages } from '../../model/messages.js';
import type { MetricName, RunSpec, SeriesAggregate, SourceReport } from '../../model/types.js';
import type { RemoteContext } from '../read.js';
import { InfluxFault, toInputError } from './http.js';

/** Fetches one metric of one host; null when the database holds no sample. */
export type FetchAggregate = (
  host: string,
  metricIndex: number,
  metric: MetricName,
) => Promise<SeriesAggregate | null>;

/**
 * Loads every manifest node through `fetch`, delivering aggregates to `ctx` and counting them in
 * `report`. `server` and `what` name the database in flags and errors.
 */
export async function loadPerNode(
  spec: RunSpec,
  ctx: RemoteContext,
  report: SourceReport,
  server: string,
  what: string,
  fetch: FetchAggregate,
): Promise<SourceReport> {
  let loaded = 0;
  let down: InfluxFault | null = null;
  for (const node of spec.nodes) {
    if (down) {
      ctx.onFlag(messages.sourceFailed(node.host, server, down.message));
      continue;
    }
    try {
      const got: [MetricName, SeriesAggregate][] = [];
      for (const [i, metric] of METRICS.entries()) {
        const agg = await fetch(node.host, i, metric);
        if (agg) got.push([metric, agg]);
      }
      for (const [metric, agg] of got) {
        ctx.onAggregate(node.host, metric, agg);
        report.records += agg.count;
        const crowded = agg.windows.filter((w) => w.count > 1).length;
        if (crowded > 0) ctx.onFlag(messages.downsampled(node.host, METRIC_LABEL[metric], crowded));
      }
      loaded++;
    } catch (e) {
      if (!(e instanceof InfluxFault)) throw e;
      if (!e.retryable || loaded === 0) throw toInputError(e, what, spec.manifestPath);
      down = e;
      ctx.onFlag(messages.sourceFailed(node.host, server, e.message));
    }
  }
  return report;
}
