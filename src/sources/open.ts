// Opens an input file as a byte stream, transparently gunzipping `.gz` files (by magic bytes),
// and splits it into lines without ever holding the whole file in one string.
import { isAscii } from 'node:buffer';
import { createReadStream, readSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { open as openFile, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { pipeline, type Readable, Transform } from 'node:stream';
import { InputError } from '../model/errors.js';

/** Checks the file can be opened and reads its first bytes (to sniff gzip and formats). */
export async function peek(file: string, bytes = 4096): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof openFile>> | undefined;
  try {
    // A FIFO or device would block the open or never end: only regular files are inputs.
    const st = await stat(file);
    if (!st.isFile() && !st.isDirectory())
      throw new InputError('cannot read input: not a regular file (a pipe, socket or device)', file);
    handle = await openFile(file, 'r');
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'EACCES'
        ? 'permission denied'
        : err.code === 'ENOENT'
          ? 'no such file'
          : err.code === 'EISDIR'
            ? 'is a directory'
            : err.message;
    throw new InputError(`cannot read input: ${why}`, file);
  } finally {
    await handle?.close();
  }
}

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** A readable byte stream of the file's content (decompressed when gzipped). */
export async function openInput(file: string): Promise<Readable> {
  const head = await peek(file, 2);
  // 256 KiB reads: the same speed as 1 MiB ones, and ~40 MiB less peak RSS on a 10^6-line run
  // (each read is a fresh buffer, freed only when its wrapper is collected).
  const raw = createReadStream(file, { highWaterMark: 1 << 18 });
  return isGzip(head) ? gunzipped(raw) : raw;
}

/**
 * `raw` through gunzip. pipe() passes on neither the source's errors nor its destruction: an
 * error reading the file (gone since it was peeked at, an I/O error) would be thrown unhandled,
 * so it is passed on to the output, and destroying the output closes the file too.
 */
function gunzipped(raw: Readable): Readable {
  const out = raw.pipe(createGunzip());
  raw.on('error', (e) => out.destroy(e));
  out.on('close', () => raw.destroy());
  return out;
}

/**
 * Longest line a text reader accepts (1 MiB). Telegraf lines are far shorter; anything longer is
 * corruption (a NUL-filled or sparse region, a binary file) and would otherwise be held in memory
 * whole. A 5 GB file without a newline is streamed in bounded memory and rejected as one line.
 */
export const MAX_LINE_BYTES = 1 << 20;

/** Bytes decoded into one string at a time (whole lines; a longer line is one piece). */
const DECODE_PIECE = 48 * 1024;

/** Called for a line longer than MAX_LINE_BYTES: its 1-based number and its length in bytes. */
export type OverlongLine = (lineNo: number, bytes: number) => void;

/**
 * Passes whole lines through and replaces each line longer than `max` bytes by an empty line
 * (keeping line numbers) after reporting it; memory stays within `max` plus one chunk.
 */
export function lineGuard(onOverlong: OverlongLine, max = MAX_LINE_BYTES, index?: LineIndex): Transform {
  let lineNo = 1;
  let outBytes = 0;
  let held: Buffer[] = [];
  let heldBytes = 0;
  let skipped = -1; // bytes of the overlong line dropped so far; -1 when not skipping
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      // The usual case: no line of this chunk can be over `max`, so whole lines pass through
      // without a buffer object per line (this guard sits in front of every reader).
      if (skipped < 0 && heldBytes + chunk.length <= max) {
        const last = chunk.lastIndexOf(10);
        if (last === -1) {
          held.push(chunk);
          heldBytes += chunk.length;
          done();
          return;
        }
        const base = outBytes + heldBytes;
        const first = chunk.indexOf(10);
        for (let nl = first; nl !== -1 && nl <= last; nl = chunk.indexOf(10, nl + 1)) {
          index?.newline(base + nl);
          lineNo++;
        }
        outBytes = base + last + 1;
        // A line begun in an earlier chunk is completed by this chunk's first line: only that line
        // is copied (into one buffer), the rest of the chunk passes through uncopied.
        if (heldBytes > 0) this.push(Buffer.concat([...held, chunk.subarray(0, first + 1)]));
        const out = chunk.subarray(heldBytes > 0 ? first + 1 : 0, last + 1);
        held = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
        heldBytes = chunk.length - last - 1;
        if (out.length > 0) done(null, out);
        else done();
        return;
      }
      const out: Buffer[] = [];
      let from = 0;
      try {
        while (from < chunk.length) {
          const nl = chunk.indexOf(10, from);
          const end = nl === -1 ? chunk.length : nl;
          if (skipped >= 0) skipped += end - from;
          else if (heldBytes + end - from > max) {
            skipped = heldBytes + end - from;
            held = [];
            heldBytes = 0;
          } else if (end > from) {
            held.push(chunk.subarray(from, end));
            heldBytes += end - from;
          }
          if (nl === -1) break;
          if (skipped >= 0) onOverlong(lineNo, skipped);
          else {
            out.push(...held);
            outBytes += heldBytes;
          }
          out.push(chunk.subarray(nl, nl + 1));
          index?.newline(outBytes++);
          held = [];
          heldBytes = 0;
          skipped = -1;
          lineNo++;
          from = nl + 1;
        }
      } catch (e) {
        done(e as Error);
        return;
      }
      done(null, out.length > 0 ? Buffer.concat(out) : undefined);
    },
    flush(done) {
      try {
        if (skipped >= 0) onOverlong(lineNo, skipped);
      } catch (e) {
        done(e as Error);
        return;
      }
      done(null, heldBytes > 0 ? Buffer.concat(held) : undefined);
    },
  });
}

/**
 * Maps byte offsets of a stream to 1-based line numbers, for parsers (csv-parse) whose own line
 * count treats a stray CR as a line end. Queries must not go backwards; old offsets are dropped.
 */
export class LineIndex {
  private offsets: number[] = [];
  private head = 0;
  private before = 0;
  newline(offset: number): void {
    this.offsets.push(offset);
  }
  /** The line holding byte `offset` of the stream. */
  lineOf(offset: number): number {
    while (this.head < this.offsets.length && this.offsets[this.head]! < offset) {
      this.head++;
      this.before++;
    }
    if (this.head > 4096) {
      this.offsets = this.offsets.slice(this.head);
      this.head = 0;
    }
    return this.before + 1;
  }
}

/** Like openInput, with overlong lines reported through `onOverlong` and blanked (see lineGuard). */
export async function openLines(
  file: string,
  onOverlong: OverlongLine,
  index?: LineIndex,
): Promise<Readable> {
  const guard = lineGuard(onOverlong, MAX_LINE_BYTES, index);
  pipeline(await openInput(file), guard, () => {});
  return guard;
}

/** Reads up to `length` bytes into `buf` at `offset`; 0 at the end of the input. */
export type Fill = (buf: Buffer, offset: number, length: number) => Promise<number>;

/** Whole lines of the input, in a buffer that is reused: valid only until the next one is asked for. */
export interface LineChunk {
  /** Whole lines, each ending in LF, except the input's last line when it has no line ending. */
  bytes: Buffer;
  /**
   * -1, or the length of a line over the limit that was dropped: the chunk then starts with the
   * LF that ended it (an empty line in its place), or, at the end of the input, is empty.
   */
  overlong: number;
}

/** Bytes asked for per read (256 KiB: as fast as 1 MiB reads, and the buffer is reused). */
const READ_BYTES = 1 << 18;
const NO_BYTES = Buffer.alloc(0);
/** The main thread yields to its event loop after this many synchronous reads (1 MiB). */
const YIELD_EVERY = 4;

/**
 * Splits what `fill` reads into chunks of whole lines (see lineGuard for the rules on lines over
 * `max` bytes) in one buffer that is reused from read to read, so reading a file allocates no
 * memory per read. The buffer grows to hold a line longer than itself, up to `max` + 1 bytes.
 */
export async function* wholeLineChunks(
  fill: Fill,
  max = MAX_LINE_BYTES,
  size = READ_BYTES,
): AsyncGenerator<LineChunk> {
  // At most max + 1 bytes: a whole line inside the buffer is then never over the limit.
  let buf = Buffer.allocUnsafe(Math.max(1, Math.min(size, max + 1)));
  let len = 0; // buf[0, len): the start of a line not yet ended
  let skipped = -1; // bytes of an overlong line dropped so far; -1 when not skipping
  for (;;) {
    if (len === buf.length) {
      if (len > max) {
        skipped = len; // the line is over the limit: drop it while reading on to its end
        len = 0;
      } else {
        const grown = Buffer.allocUnsafe(Math.min(2 * buf.length, max + 1));
        buf.copy(grown, 0, 0, len);
        buf = grown;
      }
    }
    const got = await fill(buf, len, buf.length - len);
    if (got === 0) {
      if (skipped >= 0) yield { bytes: NO_BYTES, overlong: skipped };
      else if (len > 0) yield { bytes: buf.subarray(0, len), overlong: -1 };
      return;
    }
    const end = len + got;
    let start = 0;
    let overlong = -1;
    if (skipped >= 0) {
      const nl = buf.indexOf(10);
      if (nl === -1 || nl >= end) {
        skipped += got;
        continue;
      }
      overlong = skipped + nl;
      skipped = -1;
      start = nl; // the LF that ended the dropped line stays: an empty line in its place
    }
    const last = buf.lastIndexOf(10, end - 1);
    if (last < start) {
      len = end;
      continue;
    }
    yield { bytes: buf.subarray(start, last + 1), overlong };
    buf.copyWithin(0, last + 1, end);
    len = end - last - 1;
  }
}

/** `fill` for a file: its bytes, gunzipped when the content is gzip. Call `close` when done. */
async function fileFill(file: string): Promise<{ fill: Fill; close: () => Promise<void> }> {
  const head = await peek(file, 2);
  if (isGzip(head)) {
    const stream = gunzipped(createReadStream(file, { highWaterMark: READ_BYTES }));
    const chunks = stream[Symbol.asyncIterator]();
    let pending: Buffer = NO_BYTES;
    return {
      fill: async (buf, offset, length) => {
        while (pending.length === 0) {
          const next = await chunks.next();
          if (next.done) return 0;
          pending = next.value as Buffer;
        }
        const n = pending.copy(buf, offset, 0, Math.min(length, pending.length));
        pending = pending.subarray(n);
        return n;
      },
      close: async () => {
        stream.destroy(); // and the file under it (gunzipped)
      },
    };
  }
  const handle = await openFile(file, 'r').catch((e: Error) => {
    // Gone or unreadable between the peek above and here.
    throw new InputError(`cannot read input: ${e.message}`, file);
  });
  // A regular file is read without the round trip through libuv's thread pool, which left the
  // reading thread waiting (measured: 15 % of a read worker's time; the one-thread build of 10^6
  // lines 2.00 -> 1.89 s, bench/README.md item 22). On a worker nothing else waits for the event
  // loop; the main thread yields to it every YIELD_EVERY reads, so timers, progress and the read
  // workers' replies are handled between reads. peek() has refused anything but a regular file
  // already; should one have been swapped in since, it keeps asynchronous reads (a pipe's read
  // can wait for a writer, and must not block the event loop meanwhile).
  if (!isMainThread)
    return {
      fill: async (buf, offset, length) => readSync(handle.fd, buf, offset, length, null),
      close: () => handle.close(),
    };
  if ((await handle.stat()).isFile()) {
    let reads = 0;
    return {
      fill: async (buf, offset, length) => {
        const got = readSync(handle.fd, buf, offset, length, null);
        if (++reads % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        return got;
      },
      close: () => handle.close(),
    };
  }
  return {
    fill: async (buf, offset, length) => (await handle.read(buf, offset, length, null)).bytesRead,
    close: () => handle.close(),
  };
}

/** First bytes of the (decompressed) content as text, for format detection. */
export async function peekText(file: string, bytes = 8192): Promise<string> {
  const head = await peek(file, bytes);
  if (!isGzip(head)) return head.toString('utf8');
  const stream = await openInput(file);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of stream) {
      chunks.push(c as Buffer);
      size += (c as Buffer).length;
      if (size >= bytes) break;
    }
  } catch (e) {
    // A corrupt or cut .gz: what came out before the damage is enough to sniff the format; with
    // nothing at all the file cannot be read.
    if (chunks.length === 0) throw new InputError(`cannot read input: ${(e as Error).message}`, file);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, bytes).toString('utf8');
}

/**
 * Calls `onLine(text, lineNo)` for every line of the file (1-based numbers), with the line
 * ending (LF or CRLF) and a leading UTF-8 BOM removed. Bytes that are not UTF-8 (Latin-1 logs)
 * are decoded as Latin-1 rather than turned into replacement characters. A line over
 * MAX_LINE_BYTES goes to `onOverlong` instead (default: an InputError naming file and line).
 */
export async function forEachLine(
  file: string,
  onLine: (line: string, lineNo: number) => void,
  onOverlong?: OverlongLine,
): Promise<void> {
  await forEachLineSpan(file, (text, from, to, lineNo) => onLine(text.slice(from, to), lineNo), onOverlong);
}

/**
 * Like forEachLine, but hands each line as the span `text[from, to)` of a larger decoded block,
 * so hot readers can scan it in place and slice only what they keep. The block is a flat string
 * decoded from whole lines of bytes (wholeLineChunks gives only those), which scans fast.
 */
export async function forEachLineSpan(
  file: string,
  onLine: (text: string, from: number, to: number, lineNo: number) => void,
  onOverlong: OverlongLine = (lineNo, bytes) => {
    throw new InputError(
      `line is ${bytes} bytes long, over the ${MAX_LINE_BYTES}-byte limit`,
      `${file}:${lineNo}`,
    );
  },
  /**
   * When given, lines of chunks that are pure ASCII (the usual case for metrics) come here as
   * byte spans `bytes[from, to)` instead, never decoded (ASCII reads the same in UTF-8 and
   * Latin-1); the other chunks' lines still go to `onLine`. Line numbers run on across both.
   */
  onAsciiLine?: (bytes: Buffer, from: number, to: number, lineNo: number) => void,
): Promise<void> {
  const input = await fileFill(file);
  let rest = '';
  let lineNo = 0;
  let first = true;
  let inCallback = false;
  // ignoreBOM keeps a BOM inside the file as data: each chunk is decoded afresh, and the leading one
  // is already dropped above at byte level.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let latin1 = false;
  const decode = (buf: Buffer, streamMore: boolean): string => {
    if (!latin1) {
      try {
        return decoder.decode(buf, { stream: streamMore });
      } catch {
        latin1 = true;
      }
    }
    return buf.toString('latin1');
  };
  try {
    for await (const chunk of wholeLineChunks(input.fill)) {
      let buf = chunk.bytes;
      if (chunk.overlong >= 0) {
        // The dropped line is the next one; its LF (if any) starts the chunk as an empty line.
        inCallback = true;
        onOverlong(lineNo + 1, chunk.overlong);
        inCallback = false;
      }
      if (first) {
        // At byte level, so a BOM is dropped even when the text then turns out to be Latin-1.
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
        first = false;
      }
      if (onAsciiLine !== undefined && rest === '' && isAscii(buf)) {
        let from = 0;
        for (let nl = buf.indexOf(10, from); nl !== -1; nl = buf.indexOf(10, from)) {
          const end = nl > from && buf[nl - 1] === 13 ? nl - 1 : nl;
          inCallback = true;
          onAsciiLine(buf, from, end, ++lineNo);
          inCallback = false;
          from = nl + 1;
        }
        // Only the last chunk can end without a newline (chunks hold whole lines).
        if (from < buf.length) rest = buf.toString('latin1', from);
        continue;
      }
      // Chunks hold whole lines, so no character is split across chunks: decoding each
      // chunk completely means a truncated sequence at the end is never held back and lost.
      // A chunk is decoded in pieces of whole lines of about DECODE_PIECE bytes: strings that
      // small are young-generation garbage, where a 1 MiB block string would go to V8's
      // large-object space and pile up there until a full collection (measured: ~100 MiB of RSS).
      for (let at = 0; at < buf.length; ) {
        const nl = buf.length - at > DECODE_PIECE ? buf.indexOf(10, at + DECODE_PIECE) : -1;
        const until = nl === -1 ? buf.length : nl + 1;
        const text = rest + decode(buf.subarray(at, until), false);
        at = until;
        let from = 0;
        for (let nl = text.indexOf('\n', from); nl !== -1; nl = text.indexOf('\n', from)) {
          const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
          inCallback = true;
          onLine(text, from, end, ++lineNo);
          inCallback = false;
          from = nl + 1;
        }
        rest = text.slice(from);
      }
    }
  } catch (e) {
    // A bug in the caller's callback must surface as a bug, not be dressed up as bad input.
    if (e instanceof InputError || inCallback) throw e;
    throw new InputError(`cannot read input: ${(e as Error).message}`, file);
  } finally {
    await input.close();
  }
  const tail = rest + (latin1 ? '' : decode(Buffer.alloc(0), false));
  if (tail.length > 0) onLine(tail, 0, tail.endsWith('\r') ? tail.length - 1 : tail.length, ++lineNo);
}
