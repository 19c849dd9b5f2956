// Telegraf JSON output: one `{"fields","name","tags","timestamp"}` object per line, or the batch
// format `{"metrics":[…]}` (one batch per line as outputs.file writes it, or a whole file).
// Timestamps are unix numbers in s/ms/us/ns (json_timestamp_units, told apart by magnitude) or
// a formatted string (json_timestamp_format).
import type { FieldValue, Point } from '../model/types.js';
import { InputError } from '../model/errors.js';
import { forEachLine, MAX_LINE_BYTES, openInput, peekText } from './open.js';
import type { FormatReader, ReadSink } from './reader.js';
import { parseCsvTimestamp } from './telegraf-csv.js';

/** Turns one Telegraf JSON metric into a Point, or a reason it cannot. */
export function jsonMetric(m: unknown): Point | string {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return 'expected a JSON object';
  const o = m as Record<string, unknown>;
  if (typeof o.name !== 'string' || o.name === '') return 'metric has no "name"';
  if (o.fields === null || typeof o.fields !== 'object') return `metric "${o.name}" has no "fields" object`;
  const time =
    typeof o.timestamp === 'number'
      ? parseCsvTimestamp(String(o.timestamp))
      : typeof o.timestamp === 'string'
        ? parseCsvTimestamp(o.timestamp)
        : Number.NaN;
  if (Number.isNaN(time)) return `metric "${o.name}" has no usable "timestamp"`;
  // Null-prototype maps: a tag or field named "__proto__" is data like any other.
  const tags: Record<string, string> = Object.create(null);
  if (o.tags && typeof o.tags === 'object')
    for (const [k, v] of Object.entries(o.tags as Record<string, unknown>))
      if (typeof v === 'string' && v !== '') tags[k] = v;
  const fields: Record<string, FieldValue> = Object.create(null);
  for (const [k, v] of Object.entries(o.fields as Record<string, unknown>))
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') fields[k] = v;
  if (Object.keys(fields).length === 0) return `metric "${o.name}" has no field values`;
  return { measurement: o.name, tags, fields, time };
}

function emit(value: unknown, lineNo: number, sink: ReadSink): void {
  const list =
    value && typeof value === 'object' && Array.isArray((value as { metrics?: unknown }).metrics)
      ? ((value as { metrics: unknown[] }).metrics as unknown[])
      : [value];
  for (const m of list) {
    const p = jsonMetric(m);
    if (typeof p === 'string') sink.reject(lineNo, p);
    else sink.point(p, lineNo);
  }
}

/** Largest pretty-printed (whole-file) JSON document read: 256 MiB. */
const MAX_DOCUMENT_BYTES = 256 << 20;

export const telegrafJsonReader: FormatReader = {
  name: 'telegraf-json',
  aliases: ['json', 'jsonl'],
  extensions: ['.json', '.jsonl', '.ndjson'],
  sniff(head) {
    const t = head.replace(/^\uFEFF/, '').trimStart();
    return /^\{\s*"(fields|metrics|name|tags|timestamp)"\s*:/.test(t);
  },
  async read(file, sink) {
    // A batch file pretty-printed over several lines is parsed whole; everything else line by line.
    const head = await peekText(file, 64);
    if (/^\uFEFF?\s*\{\s*"metrics"\s*:\s*\[\s*\r?(\n|$)/.test(head) || /^\uFEFF?\s*\{\s*\r?\n/.test(head)) {
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const c of await openInput(file)) {
          chunks.push(c as Buffer);
          size += (c as Buffer).length;
          // One JSON document must be held whole; past this it is corruption, not a Telegraf batch.
          if (size > MAX_DOCUMENT_BYTES)
            throw new InputError(
              `a JSON document over ${MAX_DOCUMENT_BYTES >> 20} MiB; write one metric or batch per line`,
              file,
            );
        }
      } catch (e) {
        if (e instanceof InputError) throw e;
        // A corrupt .gz or a read failure is bad input, not a bug.
        throw new InputError(`cannot read input: ${(e as Error).message}`, file);
      }
      const text = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      try {
        emit(JSON.parse(text), 1, sink);
      } catch (e) {
        sink.reject(1, `not valid JSON: ${(e as Error).message}`);
      }
      return;
    }
    const overlong = (lineNo: number, bytes: number) =>
      sink.reject(lineNo, `line is ${bytes} bytes long, over the ${MAX_LINE_BYTES}-byte limit`);
    await forEachLine(
      file,
      (line, lineNo) => {
        if (line.trim() === '') return;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (e) {
          sink.reject(lineNo, `not valid JSON: ${(e as Error).message.slice(0, 80)}`);
          return;
        }
        emit(value, lineNo, sink);
      },
      overlong,
    );
  },
};
