// Headerless Telegraf CSV (csv_header = false): rows are `timestamp,measurement,<tag values>,
// <field values>` with the names lost, so columns are mapped with the layout table in
// telegraf-csv-layouts.ts. Measurements the table does not know are counted as skipped and
// reported; known measurements whose row fits no layout are rejected with the reason.
import type { FieldValue } from '../model/types.js';
import { csvRecords } from './csv-records.js';
import type { FormatReader, ReadOptions } from './reader.js';
import { csvValue, parseCsvTimestamp } from './telegraf-csv.js';
import { type CsvLayout, knowsMeasurement, layoutsFor } from './telegraf-csv-layouts.js';

/** Maps one row with a layout; a reason string when a value does not fit. */
function apply(
  layout: CsvLayout,
  record: string[],
): { tags: Record<string, string>; fields: Record<string, FieldValue> } | string {
  // Null-prototype maps: a column map naming "__proto__" stays data.
  const tags: Record<string, string> = Object.create(null);
  const fields: Record<string, FieldValue> = Object.create(null);
  let c = 2;
  for (const t of layout.tags) {
    const raw = record[c++]!;
    if (raw !== '') tags[t] = raw; // Telegraf writes empty core_id/physical_id for cpu-total
  }
  for (const f of layout.fields) {
    const raw = record[c++]!;
    if (raw !== '') fields[f] = csvValue(raw);
  }
  // A number where the host belongs means the columns are shifted: wrong layout.
  if (layout.tags.includes('host') && /^$|^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(tags.host ?? ''))
    return `host column holds "${tags.host ?? ''}", not a host name`;
  const bad = layout.check?.(tags, fields);
  return bad ?? { tags, fields };
}

/** Matches the first row of a headerless Telegraf CSV: unix time, then a measurement name. */
export const ROW_RE = /^\uFEFF?\d{9,19}(\.\d+)?,[A-Za-z_][\w.-]*,/;

export const telegrafCsvHeaderlessReader: FormatReader = {
  name: 'telegraf-csv-headerless',
  aliases: ['csv-headerless', 'telegraf-csv-noheader'],
  extensions: ['.csv'],
  sniff(head) {
    const first = head.split('\n').find((l) => l.trim() !== '');
    return first !== undefined && ROW_RE.test(first);
  },
  async read(file, sink, options: ReadOptions) {
    // A sink without skip() still hears of every row: a skipped row is then counted as rejected.
    const skip = sink.skip?.bind(sink) ?? sink.reject.bind(sink);
    for await (const { record, lineNo } of csvRecords(file, sink)) {
      const time = parseCsvTimestamp(record[0] ?? '');
      if (Number.isNaN(time) || record.length < 3) {
        sink.reject(
          lineNo,
          `expected "unix-time,measurement,..." but found "${record.join(',').slice(0, 40)}"`,
        );
        continue;
      }
      const measurement = record[1]!;
      if (!knowsMeasurement(measurement, options.columns)) {
        skip(
          lineNo,
          `measurement "${measurement}" has no built-in column layout (not needed for the report)`,
        );
        continue;
      }
      const candidates = layoutsFor(measurement, record.length, options.columns);
      if (candidates.length === 0) {
        sink.reject(
          lineNo,
          `no known column layout for "${measurement}" rows of ${record.length} columns; add a columns: map to the source`,
        );
        continue;
      }
      let why = '';
      let done = false;
      for (const layout of candidates) {
        const r = apply(layout, record);
        if (typeof r === 'string') {
          why ||= `${layout.note}: ${r}`;
          continue;
        }
        if (Object.keys(r.fields).length === 0) {
          why ||= 'row has no field values';
          continue;
        }
        sink.point({ measurement, tags: r.tags, fields: r.fields, time }, lineNo);
        done = true;
        break;
      }
      if (!done) sink.reject(lineNo, `"${measurement}" row fits no known layout (${why})`);
    }
  },
};
