// A private influxd for tests: temp config and data dirs, free 127.0.0.1 ports, ready when
// /ping answers 204, stopped (and its files removed) by stop(). Never the machine's service.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Influxd {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Runs one InfluxQL statement with POST /query (e.g. CREATE DATABASE). */
  query(q: string, db?: string): Promise<unknown>;
  /** Writes line protocol in batches (ns precision unless given). */
  write(db: string, lines: string[], precision?: 'ns' | 'ms' | 's'): Promise<void>;
  /** Kills the server at once (SIGKILL, as a crash or OOM kill would); stop() still removes its files. */
  kill(): Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its files. */
  stop(): Promise<void>;
}

/** A TCP port the OS says is free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** True when the influxd binary is on PATH; suites skip (and say so) otherwise. */
export function haveInfluxd(): boolean {
  const found = (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((d) => d !== '' && existsSync(path.join(d, 'influxd')));
  if (!found)
    console.warn('influxd not found on PATH: InfluxDB tests are skipped (apt-get install influxdb)');
  return found;
}

/** Starts influxd with a throwaway config and waits (at most `readyMs`) for /ping. */
export async function startInfluxd(
  opts: { readyMs?: number; auth?: boolean; maxRowLimit?: number } = {},
): Promise<Influxd> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-influxd-'));
  const port = await freePort();
  const rpcPort = await freePort();
  const config = `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${dir}/meta"
[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:${port}"
  log-enabled = false
  auth-enabled = ${opts.auth ? 'true' : 'false'}
  max-row-limit = ${opts.maxRowLimit ?? 0}
[monitor]
  store-enabled = false
[logging]
  level = "error"
`;
  const configFile = path.join(dir, 'influxdb.conf');
  await writeFile(configFile, config);
  const child: ChildProcess = spawn('influxd', ['-config', configFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    if (stderr.length < 20000) stderr += String(d);
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyMs ?? 15000);
  for (;;) {
    if (exited) throw new Error(`influxd exited before it was ready:\n${stderr}`);
    const ok = await fetch(`${url}/ping`)
      .then((r) => r.status === 204)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`influxd did not answer /ping within ${opts.readyMs ?? 15000} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const adminAuth = { value: '' };
  const headers = (): Record<string, string> => (adminAuth.value ? { Authorization: adminAuth.value } : {});
  const api: Influxd = {
    url,
    port,
    async query(q, db) {
      const body = new URLSearchParams({ q, ...(db ? { db } : {}) });
      const res = await fetch(`${url}/query`, { method: 'POST', body, headers: headers() });
      const json = (await res.json()) as { results?: { error?: string }[]; error?: string };
      if (!res.ok || json.error || json.results?.some((r) => r.error))
        throw new Error(`influxd query failed (${res.status}): ${JSON.stringify(json)}`);
      return json;
    },
    async write(db, lines, precision = 'ns') {
      const batch = 5000;
      for (let i = 0; i < lines.length; i += batch) {
        const res = await fetch(`${url}/write?db=${encodeURIComponent(db)}&precision=${precision}`, {
          method: 'POST',
          body: lines.slice(i, i + batch).join('\n'),
          headers: headers(),
        });
        if (res.status !== 204) throw new Error(`influxd write failed (${res.status}): ${await res.text()}`);
      }
    },
    async kill() {
      if (exited) return;
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGKILL');
      await done;
    },
    async stop() {
      if (!exited) {
        const done = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await done;
        clearTimeout(t);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
  // With auth on, the first user must be an admin created without credentials.
  if (opts.auth) {
    await api.query(`CREATE USER "admin" WITH PASSWORD 'admin-secret' WITH ALL PRIVILEGES`);
    adminAuth.value = `Basic ${Buffer.from('admin:admin-secret').toString('base64')}`;
  }
  return api;
}
