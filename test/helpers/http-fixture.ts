// Tiny loopback HTTP servers for fault and replay tests: a proxy in front of a real influxd that
// can cut, hang or drop an answer, and a replayer that sends recorded bytes exactly.
import http from 'node:http';
import type net from 'node:net';

export interface LocalServer {
  url: string;
  /** Requests received so far (bodies included), in order. */
  requests: { method: string; url: string; body: string; authorization?: string }[];
  close(): Promise<void>;
}

export type ProxyAction =
  | 'pass'
  /** Forward, then send only the first half of the body and end cleanly. */
  | 'cut'
  /** Never answer. */
  | 'hang'
  /** Send headers and part of a chunked body, then destroy the socket. */
  | 'drop'
  /** Answer this status and body without forwarding (e.g. a 503 from a gateway). */
  | { status: number; body?: string }
  /** Forward, then hold the whole answer back this long before sending it. */
  | { delayMs: number }
  /** Forward a rewritten request body (e.g. without `chunked=true`), pass the answer. */
  | { rewrite: (body: string) => string };

/** A proxy that also counts the response body bytes it sent to its client. */
export interface Proxy extends LocalServer {
  /** Response body bytes sent so far (what the client had to download). */
  responseBytes(): number;
}

async function listen(
  handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void | Promise<void>,
): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += String(d);
    });
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      Promise.resolve(handler(req, body, res)).catch(() => res.destroy());
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A proxy to `target` whose n-th request (0-based) gets `action(n)`; an async hook may run first. */
export async function startProxy(
  target: string,
  action: (n: number) => ProxyAction | Promise<ProxyAction>,
): Promise<Proxy> {
  let n = 0;
  let bytes = 0;
  const send = (res: http.ServerResponse, text: string) => {
    bytes += Buffer.byteLength(text);
    res.end(text);
  };
  const server = await listen(async (req, body, res) => {
    const what = await action(n++);
    if (what === 'hang') return;
    if (typeof what === 'object' && 'status' in what) {
      res.writeHead(what.status, { 'content-type': 'application/json' });
      send(res, what.body ?? '');
      return;
    }
    const sent = typeof what === 'object' && 'rewrite' in what ? what.rewrite(body) : body;
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method ?? 'GET',
      headers: {
        'content-type': req.headers['content-type'] ?? 'text/plain',
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      },
      ...(req.method === 'POST' ? { body: sent } : {}),
    }).catch(() => null);
    if (!upstream) {
      res.destroy();
      return;
    }
    const text = await upstream.text();
    if (typeof what === 'object' && 'delayMs' in what) {
      await new Promise((r) => setTimeout(r, what.delayMs));
      if (res.destroyed || res.writableEnded) return;
    }
    if (what === 'pass' || typeof what === 'object') {
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
      });
      send(res, text);
    } else if (what === 'cut') {
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      send(res, text.slice(0, Math.floor(text.length / 2)));
    } else {
      res.writeHead(upstream.status, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setTimeout(() => res.destroy(), 20);
    }
  });
  return { ...server, responseBytes: () => bytes };
}

/** Serves `respond(request)` byte for byte: status, headers and body as recorded. */
export function startReplay(
  respond: (req: { method: string; url: string; body: string }) => {
    status: number;
    headers?: Record<string, string>;
    body: string | Buffer;
    /** Destroy the socket after this many body bytes (a cut-off stream). */
    cutAt?: number;
  },
): Promise<LocalServer> {
  return listen((req, body, res) => {
    const r = respond({ method: req.method ?? '', url: req.url ?? '', body });
    const buf = Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, 'utf8');
    if (r.cutAt !== undefined) {
      res.writeHead(r.status, { ...r.headers, 'transfer-encoding': 'chunked' });
      res.write(buf.subarray(0, r.cutAt));
      setTimeout(() => res.destroy(), 20);
      return;
    }
    res.writeHead(r.status, { ...r.headers, 'content-length': String(buf.length) });
    res.end(buf);
  });
}

/** A server that accepts connections and never answers (for timeouts). */
export function startSilent(): Promise<LocalServer> {
  return listen(() => {});
}
