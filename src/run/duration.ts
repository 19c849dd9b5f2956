// Parses the duration strings manifests use ("10s", "2m", "1h30m", "500ms") and bare seconds.

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Seconds in a duration such as `10s`, `1h30m` or `90`; null when the text is not a duration.
 *
 * @example
 * ```ts
 * import { parseDuration } from 'bench-report';
 * console.log(parseDuration('1h30m'), parseDuration('10s'), parseDuration(90), parseDuration('soon'));
 * ```
 */
export function parseDuration(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : null;
  const text = input.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * (UNIT_SECONDS[m[2]!] ?? 0);
    matched = re.lastIndex;
  }
  return matched === text.length && matched > 0 ? total : null;
}
