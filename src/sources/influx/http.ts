// HTTP to an InfluxDB server: credentials from the given environment (never logged or echoed),
// one clear message per fault naming the server and what to check, and bounded retries with
// backoff only for faults a retry can cure (refused, timeout, cut-off stream, 5xx).
import { InputError } from '../../model/errors.js';
import type { RemoteOptions } from '../read.js';

export type FaultKind =
  | 'refused'
  | 'unreachable'
  | 'dns'
  | 'timeout'
  | 'truncated'
  | 'server'
  | 'auth'
  | 'not-found'
  | 'database'
  | 'statement'
  | 'bad-response';

/** Faults a retry can cure; the others are configuration a user must fix. */
const RETRYABLE: ReadonlySet<FaultKind> = new Set([
  'refused',
  'unreachable',
  'timeout',
  'truncated',
  'server',
]);

/** A classified failure talking to one server; converted to an InputError at the boundary. */
export class InfluxFault extends Error {
  constructor(
    readonly kind: FaultKind,
    message: string,
  ) {
    super(message);
  }
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

/** The server as a user may see it: scheme, host, port and path, with any user:password@ removed. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}`;
  } catch {
    return '(invalid URL)';
  }
}

/** Removes any `user:password@` from URLs inside a message, so no credential can leak into it. */
export function scrub(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1');
}

/**
 * Refuses a source URL that carries `user:password@`: credentials come from the environment
 * only. The message never repeats them.
 */
export function assertNoUserinfo(url: string, manifestPath: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError(`source URL is not a valid URL; write it as http://host:8086`, manifestPath);
  }
  if (u.username || u.password)
    throw new InputError(
      `source URL ${displayUrl(url)} carries credentials (user:password@); remove them and set INFLUX_USERNAME/INFLUX_PASSWORD or INFLUX_TOKEN instead`,
      manifestPath,
    );
}

/** Authorization header from the environment: INFLUX_TOKEN, else INFLUX_USERNAME/INFLUX_PASSWORD. */
export function authHeaders(env: Record<string, string | undefined> = {}): Record<string, string> {
  if (env.INFLUX_TOKEN) return { Authorization: `Token ${env.INFLUX_TOKEN}` };
  if (env.INFLUX_USERNAME !== undefined && env.INFLUX_USERNAME !== '')
    return {
      Authorization: `Basic ${Buffer.from(`${env.INFLUX_USERNAME}:${env.INFLUX_PASSWORD ?? ''}`).toString('base64')}`,
    };
  return {};
}

function authHint(env: Record<string, string | undefined> = {}): string {
  if (env.INFLUX_TOKEN) return 'check that INFLUX_TOKEN is valid and may read this database';
  if (env.INFLUX_USERNAME) return 'check INFLUX_USERNAME / INFLUX_PASSWORD and the user’s read grant';
  return 'the server wants credentials: set INFLUX_TOKEN, or INFLUX_USERNAME and INFLUX_PASSWORD';
}

function causeCode(e: unknown): string {
  let c: unknown = e;
  for (let i = 0; i < 4 && c; i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    c = (c as { cause?: unknown }).cause;
  }
  return '';
}

/** Maps a fetch/body failure to a fault with the fix a user can apply. */
export function classifyNetworkError(e: unknown, server: string, timeoutMs: number): InfluxFault {
  if (e instanceof InfluxFault) return e;
  const name = (e as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new InfluxFault(
      'timeout',
      `no complete answer within ${timeoutMs / 1000} s; check that the server is not overloaded and the URL points at it`,
    );
  const code = causeCode(e);
  const host = (() => {
    try {
      return new URL(server).host;
    } catch {
      return server;
    }
  })();
  if (code === 'ECONNREFUSED')
    return new InfluxFault(
      'refused',
      `connection refused; check that influxd is running and listening on ${host}`,
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new InfluxFault('dns', `host name not found; check the host in the source URL`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN')
    return new InfluxFault(
      'unreachable',
      `server unreachable; check the network path (VPN, firewall) to ${host}`,
    );
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || /terminated/i.test(String(e)))
    return new InfluxFault(
      'truncated',
      'the connection closed before the answer was complete (server stopped or restarted?); check the server’s health and log',
    );
  return new InfluxFault(
    'unreachable',
    `request failed (${code || (e as Error).message}); check the source URL`,
  );
}

export interface ResolvedRemote {
  env: Record<string, string | undefined>;
  timeoutMs: number;
  attempts: number;
  backoffMs: number;
}

export function resolveRemote(o: RemoteOptions): ResolvedRemote {
  return {
    env: o.env ?? {},
    timeoutMs: o.timeoutMs ?? 30_000,
    attempts: Math.max(1, o.attempts ?? 3),
    backoffMs: o.backoffMs ?? 500,
  };
}

/**
 * Sends one request and returns the whole body, retrying retryable faults with doubling
 * delays. `check` turns a 200 body into a fault when it is cut off or carries an error.
 */
export async function requestText(
  url: URL,
  init: { method: 'GET' | 'POST'; body?: string; headers?: Record<string, string> },
  server: string,
  remote: ResolvedRemote,
  check: (status: number, body: string) => void,
): Promise<string> {
  let last: InfluxFault | undefined;
  for (let attempt = 1; attempt <= remote.attempts; attempt++) {
    try {
      const res = await fetch(url, {
        method: init.method,
        ...(init.body !== undefined ? { body: init.body } : {}),
        headers: { ...authHeaders(remote.env), ...init.headers },
        signal: AbortSignal.timeout(remote.timeoutMs),
      });
      const body = await res.text();
      if (res.status === 401 || res.status === 403)
        throw new InfluxFault('auth', `authorization failed (HTTP ${res.status}); ${authHint(remote.env)}`);
      if (res.status === 404)
        throw new InfluxFault(
          'not-found',
          `HTTP 404 for ${url.pathname}; check that the URL is the server’s HTTP API root`,
        );
      if (res.status >= 500 || res.status === 429)
        throw new InfluxFault(
          'server',
          `server error (HTTP ${res.status}): ${serverError(body)}; check the server log`,
        );
      check(res.status, body);
      return body;
    } catch (e) {
      last = classifyNetworkError(e, server, remote.timeoutMs);
      if (!last.retryable || attempt === remote.attempts) throw last;
      await new Promise((r) => setTimeout(r, remote.backoffMs * 2 ** (attempt - 1)));
    }
  }
  throw last;
}

/** The `error` text of an InfluxDB JSON error body, or a short excerpt of anything else. */
export function serverError(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: unknown; message?: unknown };
    if (typeof j.error === 'string') return j.error;
    if (typeof j.message === 'string') return j.message;
  } catch {
    /* not JSON */
  }
  const t = body.trim().slice(0, 200);
  return t || '(empty body)';
}

/** An InputError naming the server (credentials stripped), what failed and what to check. */
export function toInputError(fault: InfluxFault, what: string, manifestPath: string): InputError {
  return new InputError(scrub(`${what}: ${fault.message}`), manifestPath);
}
