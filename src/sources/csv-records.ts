// Streams the records of a CSV file with editor line numbers: over-long lines and malformed
// records are rejected through the sink, and a read failure (a corrupt .gz) is one InputError.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { InputError } from '../model/errors.js';
import { LineIndex, MAX_LINE_BYTES, openLines } from './open.js';
import type { ReadSink } from './reader.js';

/** One parsed CSV record and the 1-based line it ends on. */
export interface CsvRecord {
  record: string[];
  lineNo: number;
}

/**
 * Yields every well-formed record of `file` (gzip or plain) with its line number. Lines over
 * MAX_LINE_BYTES and records csv-parse cannot read are passed to `sink.reject` with their line,
 * so each line is either yielded, rejected, or blank (blank lines too with `keepEmptyLines`).
 */
export async function* csvRecords(
  file: string,
  sink: Pick<ReadSink, 'reject'>,
  options: { keepEmptyLines?: boolean } = {},
): AsyncGenerator<CsvRecord> {
  const index = new LineIndex();
  // The line guard blanks an over-long line; with keepEmptyLines that blank must not read as a
  // table separator, so those lines are remembered and their empty record dropped.
  const overlong = new Set<number>();
  const input = await openLines(
    file,
    (lineNo, bytes) => {
      overlong.add(lineNo);
      sink.reject(lineNo, `line is ${bytes} bytes long, over the ${MAX_LINE_BYTES}-byte limit`);
    },
    index,
  );
  // Errors of the byte stream (a corrupt .gz, a read failure) are bad input, not bugs.
  const records = locatedRecords(input, index, sink, {
    offset: 0,
    bom: true,
    skipEmpty: !options.keepEmptyLines,
    wrap: (e) => new InputError(`cannot read input: ${e.message}`, file),
  });
  for await (const { record, lineNo } of records) {
    if (record.length === 1 && record[0] === '' && overlong.delete(lineNo)) continue;
    yield { record, lineNo };
  }
}

/**
 * csv-parse over `input` with editor line numbers. csv-parse counts a stray CR as a line end, so
 * records are located by byte offset instead: a record by its last byte, a malformed one by where
 * it starts (after the last good record). `offset` is the file position `input` starts at, so a
 * reader that handled the first part of a file itself can hand the rest over.
 */
export async function* locatedRecords(
  input: Readable,
  index: LineIndex,
  sink: Pick<ReadSink, 'reject'>,
  options: { offset: number; bom: boolean; skipEmpty: boolean; wrap: (e: Error) => Error },
): AsyncGenerator<CsvRecord> {
  const { offset } = options;
  let recordStart = offset;
  const lines: number[] = []; // line of each parsed record, in order, until the loop takes it
  const parser = input.pipe(
    parse({
      relax_column_count: true,
      // Flux CSV separates tables by blank lines, so it asks for them as `['']` records.
      skip_empty_lines: options.skipEmpty,
      // A BOM is only a BOM at the start of the file.
      bom: options.bom,
      skip_records_with_error: true,
      // Line numbers must match an editor's: a stray CR is data, not a line end.
      record_delimiter: ['\r\n', '\n'],
      on_record: (record: string[], context: { bytes: number }) => {
        lines.push(index.lineOf(Math.max(recordStart, offset + context.bytes - 1)));
        recordStart = offset + context.bytes;
        return record;
      },
    }),
  );
  parser.on('skip', (err: Error & { bytes?: number }) => {
    sink.reject(index.lineOf(recordStart), `malformed CSV: ${err.message.split(':')[0]}`);
    recordStart = err.bytes === undefined ? recordStart : offset + err.bytes;
  });
  input.on('error', (e) => parser.destroy(options.wrap(e)));
  for await (const record of parser as AsyncIterable<string[]>) yield { record, lineNo: lines.shift()! };
}
