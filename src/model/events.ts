// The Event model: what logs say happened during a run (joins, leaves, errors, shutdown, lag,
// Telegraf trouble, bots coming up), each with the line it came from so a report can quote it.

/**
 * Kinds of events read from logs (server, bot and Telegraf logs).
 */
export type EventKind =
  | 'server-start'
  | 'join'
  | 'leave'
  | 'timeout'
  | 'server-error'
  | 'shutdown'
  | 'lag'
  | 'telegraf-error'
  | 'telegraf-warning'
  | 'bot-ready'
  | 'bot-failed'
  | 'bot-kicked'
  | 'bot-quit';

/** One thing a log says happened. */
export interface LogEvent {
  kind: EventKind;
  /** Epoch ms; null for logs that carry no timestamps (the Rust bots write none). */
  time: number | null;
  /** Node the event belongs to, when the log is tied to one. */
  host?: string;
  /** Player or bot name (joins, leaves, time-outs, bot lines). */
  player?: string;
  /** Players online right after a join/leave/time-out, from the log's own player list or total. */
  online?: number;
  /** Lag in seconds for `lag` events. */
  value?: number;
  /** `file:line` a user can open. */
  location: string;
  /** The message as logged (after the timestamp and level), for quoting. */
  text: string;
}

/** One row of the benchmark mod's step-time file. */
export interface TickSample {
  /** Server clock (uptime or monotonic seconds), not epoch. */
  clockSeconds: number;
  stepMs: number;
  players: number | null;
}

/** What reading one log file yielded. */
export interface LogReport {
  source: string;
  kind: string;
  host?: string;
  lines: number;
  events: number;
  /** Lines that look like records of this kind but could not be read (count and first examples). */
  rejected: number;
  examples: { location: string; reason: string }[];
  /** Server-log events from earlier server sessions in the same file (debug.txt appends), not used. */
  earlierSessions?: number;
}

/** Everything the logs of a run yielded. */
export interface Evidence {
  events: LogEvent[];
  ticks: TickSample[];
  logs: LogReport[];
  /** `logs:` globs that matched no file. */
  unmatched?: string[];
}

/** A log line quoted as evidence. */
export interface QuotedLine {
  location: string;
  text: string;
}

/**
 * What the logs say about one node: bots declared against bots seen, and its errors.
 */
export interface NodeEvidence {
  host: string;
  declaredBots: number;
  /** Bots that printed "ready" in this node's bot logs; null when no bot log is tied to the node. */
  observedBots: number | null;
  botFailures: number;
  /** Telegraf errors/warnings logged for this node. */
  telegrafErrors: number;
  telegrafWarnings: number;
  /** Last Telegraf error of the node (the likeliest reason its metrics are missing). */
  telegrafLastError: QuotedLine | null;
}

/**
 * The logs of a run summarised: players joined, bots per node, crashes, errors (summary.json `evidence`).
 */
export interface EvidenceSummary {
  /** True when at least one server log was read. */
  serverLog: boolean;
  /** Distinct players that joined per the server log; null without a server log. */
  joinedPlayers: number | null;
  peakOnline: number | null;
  peakOnlineAt: string | null;
  /** Players online after each join/leave/time-out (ISO time, count). */
  online: { time: string; online: number }[];
  leaves: number;
  timeouts: number;
  serverCrashed: boolean;
  /** The ServerError/fatal lines, quoted. */
  crashLines: QuotedLine[];
  shutdown: boolean;
  nodes: NodeEvidence[];
  logs: LogReport[];
  /** The harness's own saturation check, as recorded (Yardstick run.json); absent otherwise. */
  recordedSaturation?: {
    checked: boolean;
    ok: boolean;
    findings: { node: string; resource: string; observedPct: number; thresholdPct: number }[];
  };
}

/** Step-time statistics from the benchmark mod's file. */
export interface StepStats {
  samples: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Steps strictly over the budget. */
  overBudget: number;
  overBudgetShare: number;
  /** Most players online in any sample of the step file (null when it has no players column). */
  playersPeak: number | null;
  /** Step-time p50 over the samples with the peak player count, to set beside the idle figure. */
  p50AtPeakPlayers: number | null;
  /** Server clock span the file covers, in seconds (uptime, not wall time). */
  clockSpanSeconds: number;
}

/**
 * Server step times against the budget, and the lag lines, of a run (summary.json `tickHealth`).
 */
export interface TickHealth {
  budgetMs: number;
  steps: StepStats | null;
  /** `Maximum lag peaked` lines: how many and the largest, in seconds. */
  lag: { events: number; maxSeconds: number; location: string; text: string } | null;
}
