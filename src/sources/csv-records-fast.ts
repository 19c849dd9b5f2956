// Streams the records of a Telegraf CSV file without csv-parse while it can: as long as the
// bytes hold no quote, no carriage return and only valid UTF-8 (and the file has no BOM), a record
// is exactly its line split on commas and its line number is the count of newlines. From the
// first chunk that has any of those, the rest goes to csv-parse with the options and byte-offset
// line numbering of csvRecords (csv-records.ts, without keepEmptyLines), so quoting, stray CRs,
// malformed records, messages and line numbers stay csv-parse's. Differential tests pin both.
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { InputError } from '../model/errors.js';
import { type CsvRecord, locatedRecords } from './csv-records.js';
import { LineIndex, MAX_LINE_BYTES, openLines } from './open.js';
import type { ReadSink } from './reader.js';

const CR = 0x0d;
const QUOTE = 0x22;
/** Bytes decoded into one string at a time. */
const PIECE = 48 * 1024;

/**
 * Yields every well-formed record of `file` (gzip or plain) with its line number; lines over
 * MAX_LINE_BYTES and records csv-parse cannot read go to `sink.reject`; empty lines are skipped.
 * A read failure (a corrupt .gz) is one InputError naming the file.
 */
export async function* fastCsvRecords(
  file: string,
  sink: Pick<ReadSink, 'reject'>,
): AsyncGenerator<CsvRecord> {
  for await (const batch of fastCsvRecordBatches(file, sink)) yield* batch;
}

/** fastCsvRecords() a chunk's records at a time (one await per chunk rather than per record). */
export async function* fastCsvRecordBatches(
  file: string,
  sink: Pick<ReadSink, 'reject'>,
): AsyncGenerator<CsvRecord[]> {
  const index = new LineIndex();
  const input = await openLines(
    file,
    (lineNo, bytes) =>
      sink.reject(lineNo, `line is ${bytes} bytes long, over the ${MAX_LINE_BYTES}-byte limit`),
    index,
  );
  yield* csvLineRecordBatches(
    input,
    index,
    sink,
    (e) => new InputError(`cannot read input: ${e.message}`, file),
  );
}

/**
 * The records of `chunks`, which must be lineGuard's output (whole lines, then at most one
 * unterminated tail) with `index` fed by the same guard. Read failures go through `wrap`.
 */
export async function* csvLineRecords(
  chunks: AsyncIterable<Buffer>,
  index: LineIndex,
  sink: Pick<ReadSink, 'reject'>,
  wrap: (e: Error) => Error,
): AsyncGenerator<CsvRecord> {
  for await (const batch of csvLineRecordBatches(chunks, index, sink, wrap)) yield* batch;
}

/** csvLineRecords() a chunk's records at a time. */
export async function* csvLineRecordBatches(
  chunks: AsyncIterable<Buffer>,
  index: LineIndex,
  sink: Pick<ReadSink, 'reject'>,
  wrap: (e: Error) => Error,
): AsyncGenerator<CsvRecord[]> {
  const it = chunks[Symbol.asyncIterator]();
  let consumed = 0;
  let lineNo = 0;
  // Byte offset just past the last record's line: where csv-parse would say the next record
  // starts, which is where a malformed one is located (see csvRecords).
  let recordEnd = 0;
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await it.next();
    } catch (e) {
      throw wrap(e as Error);
    }
    if (next.done) return;
    const chunk = next.value;
    const bom = consumed === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
    if (bom || chunk.indexOf(QUOTE) !== -1 || chunk.indexOf(CR) !== -1 || !isUtf8(chunk)) {
      for await (const record of parsed(chunk, it, consumed, recordEnd, index, sink, wrap)) yield [record];
      return;
    }
    let lastRecordLine = -1;
    // Decoded in pieces of whole lines (see DECODE_PIECE in open.ts: small strings die young).
    for (let at = 0; at < chunk.length; ) {
      const nl = chunk.length - at > PIECE ? chunk.indexOf(10, at + PIECE) : -1;
      const until = nl === -1 ? chunk.length : nl + 1;
      const text = chunk.toString('utf8', at, until);
      at = until;
      // A piece's records at a time: few enough to die young (a whole chunk's were promoted).
      const batch: CsvRecord[] = [];
      let from = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
        lineNo++;
        if (nl > from) {
          lastRecordLine = lineNo;
          batch.push({ record: text.slice(from, nl).split(','), lineNo });
        }
        from = nl + 1;
      }
      if (from < text.length) {
        // Only the stream's last chunk ends without a newline.
        lastRecordLine = -1;
        batch.push({ record: text.slice(from).split(','), lineNo: ++lineNo });
        recordEnd = consumed + chunk.length;
      }
      if (batch.length > 0) yield batch;
    }
    if (lastRecordLine !== -1) {
      // The lines after it in this chunk are empty: one newline byte each.
      recordEnd = consumed + chunk.length - (lineNo - lastRecordLine);
    }
    consumed += chunk.length;
    index.lineOf(recordEnd); // lets the index drop the newlines no later query can ask about
  }
}

/**
 * csv-parse over `first` and the rest of `it`, which start at byte `base` of the stream; the last
 * record before them ended at byte `recordEnd`, and the bytes between are empty lines. Those are
 * fed to csv-parse again, so it stands exactly where a csv-parse over the whole stream would
 * (same byte counts from `recordEnd`, same BOM rule), and every offset maps by adding `recordEnd`.
 */
async function* parsed(
  first: Buffer,
  it: AsyncIterator<Buffer>,
  base: number,
  recordEnd: number,
  index: LineIndex,
  sink: Pick<ReadSink, 'reject'>,
  wrap: (e: Error) => Error,
): AsyncGenerator<CsvRecord> {
  async function* remainder(): AsyncGenerator<Buffer> {
    if (base > recordEnd) yield Buffer.alloc(base - recordEnd, 0x0a);
    yield first;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const source = Readable.from(remainder(), { objectMode: false });
  yield* locatedRecords(source, index, sink, {
    offset: recordEnd,
    bom: recordEnd === 0,
    skipEmpty: true,
    wrap,
  });
}
