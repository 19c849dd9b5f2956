// Chart building blocks for library users and for the comparison and scaling reports: spec
// builders, display downsampling and the vega compile to SVG.
export { ChartCompileError, compileSvg } from './compile.js';
export { downsampleMinMax, type XY } from './downsample.js';
export {
  type BarDatum,
  type ChartEvent,
  DEFAULT_POINT_BUDGET,
  type GapWindow,
  type LinearFit,
  type NodeSeries,
  nodeBarSpec,
  type OverlaySide,
  overlaySpec,
  ROLE_COLORS,
  type ScalingPoint,
  scalingSpec,
  type StepSample,
  stepTimeSpec,
  type TimeSeriesInput,
  timeSeriesSpec,
} from './specs.js';
