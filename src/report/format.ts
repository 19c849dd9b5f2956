// Number formatting shared by every section, so figures read the same everywhere.

export const NOT_MEASURED = 'not measured';

/** Fixed decimals; `null`/`undefined` become the given placeholder. */
export function num(x: number | null | undefined, digits = 2, missing = NOT_MEASURED): string {
  return x === null || x === undefined || !Number.isFinite(x) ? missing : x.toFixed(digits);
}

export function pct(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function signed(x: number, digits = 2): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
}

/** `2025-06-19 14:00:00Z` style: ISO without milliseconds, readable in tables. */
export function isoTime(ms: number | string): string {
  const d = typeof ms === 'string' ? new Date(ms) : new Date(ms);
  return d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.000Z$/, 'Z');
}

export function duration(seconds: number): string {
  if (seconds < 120) return `${+seconds.toFixed(3)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  if (m < 120) return s ? `${m} min ${s} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${m - h * 60} min`;
}
