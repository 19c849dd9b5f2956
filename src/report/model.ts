// The Report document model: sections holding notes, tables and charts as data. Every renderer
// reads this same model; text is plain (renderers escape it), numbers are already formatted.

export type Align = 'left' | 'right' | 'center';

/** A table column: its label and alignment. */
export interface Column {
  label: string;
  align?: Align;
}

/** A table cell: plain text, or text with a footnote mark (e.g. a missing figure and why). */
export type Cell = string | { text: string; note?: number; code?: boolean; strong?: boolean };

/** One piece of a section: paragraph, note, list, table, code, chart (a vega-lite spec) or details. */
export type Block =
  | { kind: 'paragraph'; text: string; strong?: boolean }
  | { kind: 'note'; level: 'info' | 'warning' | 'error'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; columns: Column[]; rows: Cell[][]; footnotes?: string[]; caption?: string }
  | { kind: 'code'; text: string }
  | { kind: 'chart'; id: string; title: string; alt: string; spec: unknown; sketch?: ChartSketch }
  | { kind: 'details'; summary: string; blocks: Block[] };

/**
 * A chart reduced to one series of plain numbers, for renderers that cannot draw vega-lite
 * (Mermaid `xychart-beta` in pull-request comments). Labels are data and must be sanitised.
 */
export interface ChartSketch {
  kind: 'line' | 'bar';
  title: string;
  xTitle: string;
  yTitle: string;
  /** Category labels (bar) or evenly spaced x from `xRange[0]` to `xRange[1]` (line). */
  categories?: string[];
  xRange?: [number, number];
  /** Top of the y axis (e.g. 100 for a percentage of a whole); default a little above the largest value. */
  yMax?: number;
  values: number[];
}

/** A titled part of a report holding blocks; `id` is stable (anchors, tests). */
export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

/** The one-line answer a report opens with, and which nodes were and were not measured. */
export interface Verdict {
  status: 'complete' | 'incomplete' | 'no-data';
  headline: string;
  measured: string[];
  notMeasured: string[];
}

/** The report document model every renderer (Markdown, HTML, JSON) reads. */
export interface Report {
  title: string;
  runId: string;
  verdict: Verdict;
  sections: Section[];
}
