// The floor: the least any streaming reader must do with the run's files. Each file is read in
// 1 MiB chunks, decoded as UTF-8 and split into line strings handed to a callback that only counts
// them. Usage: node bench/floor.mjs <file>... ; prints the line count.
import { createReadStream } from 'node:fs';

let lines = 0;
let bytes = 0;
const onLine = (line) => {
  lines++;
  bytes += line.length;
};
for (const file of process.argv.slice(2)) {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const text = rest + decoder.decode(chunk, { stream: true });
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      onLine(text.slice(from, nl));
      from = nl + 1;
    }
    rest = text.slice(from);
  }
  if (rest.length > 0) onLine(rest);
}
process.stdout.write(`${lines} lines, ${bytes} chars\n`);
