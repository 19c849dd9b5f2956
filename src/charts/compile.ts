// Compiles a vega-lite spec to a static SVG string with vega's headless renderer (no browser,
// no canvas). The SVG is post-processed to be safe to inline several times in one HTML page.
import * as vega from 'vega';
import * as vl from 'vega-lite';

/**
 * Why a chart could not be drawn; the report shows its text alternative instead.
 *
 * @example
 * ```ts
 * import { ChartCompileError, compileSvg } from 'bench-report';
 * try {
 *   await compileSvg({ mark: 'point', data: { url: 'https://example.com/data.csv' } }, 'remote');
 * } catch (e) {
 *   console.log(e instanceof ChartCompileError, (e as Error).message);
 * }
 * ```
 */
export class ChartCompileError extends Error {
  override readonly name = 'ChartCompileError';
}

/**
 * Renders `spec` to SVG. `idPrefix` makes element ids (clip paths, gradients) unique per chart, so
 * two charts inlined in one page never share an id. The output depends only on the spec.
 *
 * @example
 * ```ts
 * import { compileSvg, nodeBarSpec } from 'bench-report';
 * const spec = nodeBarSpec('CPU per bot', '% per bot', [{ host: 'bots-1', role: 'bots', value: 0.42 }]);
 * const svg = await compileSvg(spec, 'cpu-per-bot');
 * console.log(svg.slice(0, 60), svg.length);
 * ```
 */
export async function compileSvg(spec: unknown, idPrefix: string): Promise<string> {
  let svg: string;
  try {
    const compiled = vl.compile(spec as vl.TopLevelSpec, { logger: vega.logger(vega.None) }).spec;
    // Vega only logs a failed load and draws an empty chart; refuse before that can happen.
    const remote = (compiled.data ?? []).find((d) => 'url' in d && d.url !== undefined);
    if (remote) throw new Error('charts carry their data inline; a data url is not allowed');
    // Loader with no network or file access: charts carry their data inline.
    const loader = vega.loader({ mode: 'http' });
    loader.load = async (uri: string) => {
      throw new Error(`charts carry their data inline; refusing to load ${uri}`);
    };
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader, logLevel: vega.None });
    svg = await view.toSVG();
    view.finalize();
  } catch (e) {
    throw new ChartCompileError(`chart ${idPrefix}: ${(e as Error).message}`);
  }
  return tidySvg(svg, idPrefix);
}

/**
 * Prefixes ids and their references, drops the namespace declarations (inline SVG in HTML needs
 * none, and they are the only URLs vega writes) and keeps the SVG out of the tab order. It is
 * not hidden from assistive technology: the HTML report names it by its caption (role="img").
 */
export function tidySvg(svg: string, idPrefix: string): string {
  const p = idPrefix.replace(/[^a-zA-Z0-9_-]/g, '-');
  return svg
    .replace(/ xmlns(:xlink)?="[^"]*"/g, '')
    .replace(/\bid="([^"]+)"/g, (_m, id) => `id="${p}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id) => `url(#${p}-${id})`)
    .replace(/(xlink:)?href="#([^"]+)"/g, (_m, x, id) => `${x ?? ''}href="#${p}-${id}"`)
    .replace(/^<svg /, '<svg focusable="false" ');
}
