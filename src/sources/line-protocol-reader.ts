// Reads InfluxDB line-protocol files line by line.
import { forEachLine, MAX_LINE_BYTES } from './open.js';
import { parseLine } from './line-protocol.js';
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
    await forEachLine(
      file,
      (line, lineNo) => {
        const r = parseLine(line, options.precision ?? 'ns');
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
