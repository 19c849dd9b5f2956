// Stands in for src/charts/compile.ts in the bundled command: loads the chart renderer (vega,
// vega-lite and compile.ts, bundled on their own as chart-render.cjs) through V8's code cache
// (code-cache.mjs). Compiling vega's code is most of what drawing the first charts in a process
// costs. __CHART_RENDER_KEY (the SHA-256 of chart-render.cjs) is set when the command is bundled.
import { fileURLToPath } from 'node:url';
import { loadCached } from './code-cache.mjs';

const renderer = loadCached(
  fileURLToPath(new URL('./chart-render.cjs', import.meta.url)),
  'chart-render',
  __CHART_RENDER_KEY,
);
export const { ChartCompileError, compileSvg, tidySvg } = renderer;
