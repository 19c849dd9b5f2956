// The catalogue of user-facing warnings: every flag message is built here so tests and
// documentation can assert against one wording.
import type { Flag } from './types.js';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/**
 * Every user-facing warning, built in one place so that tests and docs share one wording.
 *
 * @example
 * ```ts
 * import { messages } from 'bench-report';
 * console.log(messages.metricsMissing('bots-b'));
 * ```
 */
export const messages = {
  metricsMissing: (host: string): Flag => ({
    code: 'metrics-missing',
    host,
    message: `${host}: no CPU or memory samples in the window; not measured`,
  }),
  metricsPartial: (host: string, ratio: number, threshold: number): Flag => ({
    code: 'metrics-partial',
    host,
    message: `${host}: coverage ${pct(ratio)} is below the ${pct(threshold)} threshold; figures cover only part of the window`,
  }),
  metricMissing: (host: string, what: string): Flag => ({
    code: 'metric-missing',
    host,
    message: `${host}: ${what} not measured (no samples in the window)`,
  }),
  gap: (host: string, what: string, seconds: number, at: string): Flag => ({
    code: 'gap',
    host,
    message: `${host}: no ${what} samples for ${seconds} s from ${at}`,
  }),
  noBotsDeclared: (host: string): Flag => ({
    code: 'no-bots-declared',
    host,
    message: `${host}: role is bots but no bot count is declared; CPU per bot not computed`,
  }),
  inputsRejected: (source: string, rejected: number): Flag => ({
    code: 'inputs-rejected',
    message: `${source}: ${rejected} record(s) rejected as malformed; see data quality`,
  }),
  unknownHosts: (source: string, count: number, hosts: string[]): Flag => ({
    code: 'unknown-hosts',
    message: `${source}: ${count} record(s) from host(s) not in the manifest ignored (${hosts.join(', ')})`,
  }),
  outsideWindow: (source: string, count: number): Flag => ({
    code: 'outside-window',
    message: `${source}: ${count} record(s) outside the run window ignored`,
  }),
  noSourcesMatched: (pattern: string): Flag => ({
    code: 'no-sources-matched',
    message: `source ${JSON.stringify(pattern)} matched no file`,
  }),
  baselineMissing: (id: string, reason: string): Flag => ({
    code: 'baseline-missing',
    message: `baseline ${id} could not be used: ${reason}`,
  }),
  baselineDiffers: (what: string): Flag => ({
    code: 'baseline-differs',
    message: `runs differ in ${what}; compare with care`,
  }),
  sourceFailed: (host: string, server: string, reason: string): Flag => ({
    code: 'source-failed',
    host,
    message: `${host}: data could not be loaded from ${server} (${reason}); this node's figures are missing, not zero`,
  }),
  downsampled: (host: string, what: string, windows: number): Flag => ({
    code: 'downsampled',
    host,
    message: `${host}: ${windows} window(s) held more than one ${what} sample; slope and gaps are computed from per-window means`,
  }),
  tooFewRuns: (which: string, min: number, bestP: number, alpha: number): Flag => ({
    code: 'too-few-runs',
    message: `${which} run(s); with fewer than ${min} runs per side the U-test's smallest possible p is ${bestP.toPrecision(2)}, so a difference at alpha ${alpha} may be undetectable`,
  }),
  loadGeneratorUnverified: (side: string, reasons: string[]): Flag => ({
    code: 'load-generator-unverified',
    message: `${side}: the load generator was saturated (${reasons.join('; ')}); server figures understate the intended load`,
  }),
  loadGeneratorUnchecked: (side: string, reasons: string[]): Flag => ({
    code: 'load-generator-unchecked',
    message: `${side}: load-generator saturation not checked (${reasons.join('; ')})`,
  }),
} as const;
