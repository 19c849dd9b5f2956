// Opens an input file as a byte stream, transparently gunzipping `.gz` files (by magic bytes),
// and splits it into lines without ever holding the whole file in one string.
import { createReadStream } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { InputError } from '../model/errors.js';

/** Checks the file can be opened and reads its first bytes (to sniff gzip and formats). */
export async function peek(file: string, bytes = 4096): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof openFile>> | undefined;
  try {
    handle = await openFile(file, 'r');
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } catch (e) {
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
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  return isGzip(head) ? raw.pipe(createGunzip()) : raw;
}

/** First bytes of the (decompressed) content as text, for format detection. */
export async function peekText(file: string, bytes = 8192): Promise<string> {
  const head = await peek(file, bytes);
  if (!isGzip(head)) return head.toString('utf8');
  const stream = await openInput(file);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    chunks.push(c as Buffer);
    size += (c as Buffer).length;
    if (size >= bytes) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, bytes).toString('utf8');
}

/**
 * Calls `onLine(text, lineNo)` for every line of the file (1-based numbers), with the line
 * ending (LF or CRLF) and a leading UTF-8 BOM removed. Bytes that are not UTF-8 (Latin-1 logs)
 * are decoded as Latin-1 rather than turned into replacement characters.
 */
export async function forEachLine(
  file: string,
  onLine: (line: string, lineNo: number) => void,
): Promise<void> {
  const stream = await openInput(file);
  let rest = '';
  let lineNo = 0;
  let first = true;
  const decoder = new TextDecoder('utf-8', { fatal: true });
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
    for await (const chunk of stream) {
      let text = rest + decode(chunk as Buffer, true);
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      let from = 0;
      for (let nl = text.indexOf('\n', from); nl !== -1; nl = text.indexOf('\n', from)) {
        const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        onLine(text.slice(from, end), ++lineNo);
        from = nl + 1;
      }
      rest = text.slice(from);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read input: ${(e as Error).message}`, file);
  }
  const tail = rest + (latin1 ? '' : decode(Buffer.alloc(0), false));
  if (tail.length > 0) onLine(tail.endsWith('\r') ? tail.slice(0, -1) : tail, ++lineNo);
}
