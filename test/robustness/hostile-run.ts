// Builds a run whose every data value is hostile: host names, tag values, the title, a file name
// and rejected-line reasons carry HTML, scripts, Markdown links, control characters and long text.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatLine } from '../../src/sources/line-protocol.js';

/** Requests to this port mean a report made the browser fetch something. Nothing listens there. */
export const TRAP = 'http://127.0.0.1:9';

/** Payloads; each sets `window.__pwned` or fetches from TRAP if it ever becomes live. */
export const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '<svg onload="window.__pwned=3">',
  '[click](javascript:window.__pwned=4)',
  `![img](${TRAP}/img.png)`,
  `<${TRAP}/autolink>`,
  `${TRAP}/bare-url`,
  'www.example.com',
  'mail@example.com',
  `<iframe src="${TRAP}/frame"></iframe>`,
  `<style>@import url(${TRAP}/c.css)</style>`,
  `<meta http-equiv="refresh" content="0;url=${TRAP}/refresh">`,
  '"><a href="javascript:window.__pwned=5">x</a>',
  "'onmouseover='window.__pwned=6",
  '&lt;script&gt; stays &amp;lt;',
  '| a | b |',
  '```\n<script>window.__pwned=7</script>\n```',
  '<!-- comment -->',
  '</details><script>window.__pwned=8</script>',
  '\u0000\u0007\u001b[31mred\u001b[0m\u202eevil',
  '# heading',
  '- list item',
  '> quote',
  '---',
  '**bold** _em_ ~~strike~~',
  '[ref]: javascript:window.__pwned=9',
  '\\<script\\>',
];

/** A payload usable as a host name: at most 253 characters, no line breaks (line protocol forbids them). */
const asHost = (p: string, i: number) => `n${i}${p}`.replace(/[\n\r]/g, ' ').slice(0, 253);

export const HOSTILE_TITLE = `${PAYLOADS.join(' ')} ${'long '.repeat(20_000)}`;

/** Writes the run; returns its directory and the host names used. */
export function writeHostileRun(): { dir: string; hosts: string[]; unknownHost: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-run-'));
  const hosts = PAYLOADS.slice(0, 12).map(asHost);
  const unknownHost = `stray${PAYLOADS[0]}${PAYLOADS[3]}`;
  const start = Date.parse('2025-06-19T14:00:00Z');
  const manifest = {
    id: 'hostile',
    title: HOSTILE_TITLE,
    start: '2025-06-19T14:00:00Z',
    duration: '1m',
    interval: '10s',
    nodes: hosts.map((host, i) => ({ host, role: i === 0 ? 'server' : 'bots', bots: i === 0 ? 0 : 2 })),
    sources: [{ path: 'metrics/*.lp' }],
  };
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify(manifest, null, 2));
  mkdirSync(path.join(dir, 'metrics'));
  const lines: string[] = [];
  for (const host of [...hosts, unknownHost]) {
    // Only some nodes get data, so hostile names appear in measured and not-measured places.
    if (hosts.indexOf(host) % 3 === 2) continue;
    for (let t = 0; t < 6; t++) {
      const time = start + t * 10_000;
      lines.push(
        formatLine({
          measurement: 'cpu',
          tags: { cpu: 'cpu-total', host },
          fields: { usage_idle: 90 - t },
          time,
        }),
      );
      lines.push(formatLine({ measurement: 'mem', tags: { host }, fields: { used_percent: 40 + t }, time }));
    }
  }
  // Rejected lines whose reasons quote hostile text back.
  lines.push('cpu,host=a usage_idle=<script>window.__pwned=10</script> 1');
  lines.push('cpu,host=a usage_idle=[x](javascript:alert(1)) 1');
  lines.push(`cpu,host=a usage_idle=1 ${TRAP}/ts`);
  lines.push('<img src=x onerror="window.__pwned=11">');
  // A file name is data too.
  writeFileSync(
    path.join(dir, 'metrics', `<img src=x onerror=window.__pwned=12>[x](javascript:y).lp`),
    `${lines.join('\n')}\n`,
  );
  return { dir, hosts, unknownHost };
}
