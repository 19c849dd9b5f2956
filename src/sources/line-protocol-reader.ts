// Reads InfluxDB line-protocol files line by line.
import { forEachLineSpan, MAX_LINE_BYTES } from './open.js';
import { parseLine } from './line-protocol.js';
import { scanLine } from './line-protocol-fast.js';
import { scanLineBytes } from './line-protocol-bytes.js';
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
    const slow = (line: string, lineNo: number) => {
      const r = parseLine(line, precision);
      if (r.ok === 'skip') return;
      if (r.ok === false) sink.reject(lineNo, r.reason);
      else if (Number.isNaN(r.point.time)) sink.reject(lineNo, 'no timestamp (files must carry one)');
      else sink.point(r.point, lineNo);
    };
    await forEachLineSpan(
      file,
      (text, from, to, lineNo) => {
        // The scanner answers the common shape itself; anything else is parseLine's to judge.
        const fast = scanLine(text, from, to, precision, options.fields, options.fieldsWhere);
        if (fast !== null) sink.point(fast, lineNo);
        else slow(text.slice(from, to), lineNo);
      },
      (lineNo, bytes) =>
        sink.reject(lineNo, `line is ${bytes} bytes long, over the ${MAX_LINE_BYTES}-byte limit`),
      (bytes, from, to, lineNo) => {
        // ASCII chunks: the same scanner over the bytes, nothing decoded.
        const fast = scanLineBytes(bytes, from, to, precision, options.fields, options.fieldsWhere);
        if (fast !== null) sink.point(fast, lineNo);
        else slow(bytes.toString('latin1', from, to), lineNo);
      },
    );
  },
};
