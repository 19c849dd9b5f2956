// Reads InfluxDB line-protocol files line by line.
import { forEachLineSpan, MAX_LINE_BYTES } from './open.js';
import { parseLine } from './line-protocol.js';
import { scanLine } from './line-protocol-fast.js';
import type { FormatReader } from './reader.js';

export const lineProtocolReader: FormatReader = {
  name: 'line-protocol',
  aliases: ['lp', 'influx', 'line'],
  extensions: ['.lp', '.influx', '.line', '.out'],
  sniff(head) {
    const first = head.split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    return first !== undefined && /^[^,\s]+(,[^\s]+)? [^\s=]+=/.test(first);
  },
  async read(file, sink, options) {
    const precision = options.precision ?? 'ns';
    await forEachLineSpan(
      file,
      (text, from, to, lineNo) => {
        // The scanner answers the common shape itself; anything else is parseLine's to judge.
        const fast = scanLine(text, from, to, precision, options.fields);
        if (fast !== null) return sink.point(fast, lineNo);
        const r = parseLine(text.slice(from, to), precision);
        if (r.ok === 'skip') return;
        if (r.ok === false) sink.reject(lineNo, r.reason);
        else if (Number.isNaN(r.point.time)) sink.reject(lineNo, 'no timestamp (files must carry one)');
        else sink.point(r.point, lineNo);
      },
      (lineNo, bytes) =>
        sink.reject(lineNo, `line is ${bytes} bytes long, over the ${MAX_LINE_BYTES}-byte limit`),
    );
  },
};
