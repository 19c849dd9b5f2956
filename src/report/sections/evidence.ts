// Evidence from logs: declared versus observed bots per node (with a mismatch mark), players
// online and at peak per the server log, a server failure quoted line by line, and what
// Telegraf's own log said about nodes whose metrics are missing.
import type { RunSummary } from '../../model/types.js';
import { isoTime } from '../format.js';
import type { Block, Cell, Section } from '../model.js';

const NOT_LOGGED = 'no log';

export function evidenceSection(s: RunSummary): Section | null {
  const e = s.evidence;
  if (!e) return null;
  const blocks: Block[] = [];
  if (e.serverCrashed) {
    blocks.push({
      kind: 'note',
      level: 'error',
      text:
        e.crashLines.length > 0
          ? 'The server failed during this run; the run is incomplete. The log says:'
          : 'The harness recorded a server crash for this run; the run is incomplete.',
    });
    if (e.crashLines.length > 0)
      blocks.push({
        kind: 'code',
        text: e.crashLines
          .slice(0, 5)
          .map((l) => `${l.location}: ${l.text}`)
          .join('\n'),
      });
  }
  const declared = s.run.totalBots;
  const sat = e.recordedSaturation;
  if (sat) {
    const text = !sat.checked
      ? "Harness saturation check: not run (no CPU metrics at the time); the load generators' headroom is unverified."
      : sat.ok
        ? 'Harness saturation check: the workload nodes had headroom throughout the run.'
        : `Harness saturation check failed: ${sat.findings.map((f) => `${f.node} ${f.resource} reached ${f.observedPct.toFixed(1)}% (threshold ${f.thresholdPct.toFixed(0)}%)`).join('; ')}. Server-side figures understate the intended load.`;
    blocks.push(
      sat.checked && sat.ok ? { kind: 'paragraph', text } : { kind: 'note', level: 'warning', text },
    );
  }
  if (e.joinedPlayers !== null) {
    const mismatch = declared > 0 && e.joinedPlayers !== declared;
    blocks.push({
      kind: 'paragraph',
      strong: mismatch,
      text: `Server log: ${e.joinedPlayers} of ${declared} declared bots joined${mismatch ? ' (MISMATCH)' : ''}; peak ${e.peakOnline ?? 0} players online${e.peakOnlineAt ? ` at ${isoTime(e.peakOnlineAt)}` : ''}; ${e.leaves} left, ${e.timeouts} timed out${e.shutdown ? '; the server shut down' : ''}.`,
    });
    if (e.online.length >= 2)
      blocks.push({
        kind: 'chart',
        id: 'players-online',
        title: 'Players online (server log)',
        alt: `Players online over time per the server log: ${e.online.length} changes, peak ${e.peakOnline ?? 0}.`,
        spec: {
          $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
          width: 600,
          height: 160,
          data: { values: e.online },
          mark: { type: 'line', interpolate: 'step-after' },
          encoding: {
            x: { field: 'time', type: 'temporal', title: 'Time (UTC)' },
            y: { field: 'online', type: 'quantitative', title: 'Players online' },
          },
        },
      });
  } else {
    blocks.push({ kind: 'paragraph', text: 'No server log was read: players online are not known.' });
  }
  const rows: Cell[][] = e.nodes.map((n) => {
    const mismatch = n.observedBots !== null && n.observedBots !== n.declaredBots;
    return [
      { text: n.host, code: true },
      String(n.declaredBots),
      n.observedBots === null ? NOT_LOGGED : String(n.observedBots),
      mismatch ? { text: 'mismatch', strong: true } : n.observedBots === null ? '—' : 'ok',
      String(n.botFailures),
      n.telegrafErrors || n.telegrafWarnings ? `${n.telegrafErrors} E / ${n.telegrafWarnings} W` : '—',
    ];
  });
  blocks.push({
    kind: 'table',
    caption: "Bots declared in the manifest beside bots seen coming up in each node's bot log",
    columns: [
      { label: 'Node' },
      { label: 'Bots declared', align: 'right' },
      { label: 'Bots observed', align: 'right' },
      { label: 'Check' },
      { label: 'Failed to connect', align: 'right' },
      { label: 'Telegraf log' },
    ],
    rows,
    footnotes: [
      'Observed bots = distinct bots that logged "Bot is ready and authenticated!" in the bot logs tied to that node; "no log" where none is.',
    ],
  });
  const why = s.nodes.filter((n) => n.status !== 'ok');
  for (const n of why) {
    const ne = e.nodes.find((x) => x.host === n.host);
    if (ne?.telegrafLastError)
      blocks.push({
        kind: 'note',
        level: 'warning',
        text: `Telegraf on ${n.host}: ${ne.telegrafLastError.text} (${ne.telegrafLastError.location})`,
      });
  }
  if (e.logs.length > 0)
    blocks.push({
      kind: 'table',
      caption: 'Logs read',
      columns: [
        { label: 'Log' },
        { label: 'Kind' },
        { label: 'Node' },
        { label: 'Lines', align: 'right' },
        { label: 'Events', align: 'right' },
      ],
      rows: e.logs.map((l) => [
        { text: l.source, code: true },
        l.kind,
        l.host ?? '—',
        String(l.lines),
        String(l.events),
      ]),
    });
  return { id: 'evidence', title: 'Evidence from logs', blocks };
}
