// Telegraf CSV output with a header row (csv_header = true). Telegraf writes the header from
// the first metric only, so rows whose measurement or width differ from it cannot be mapped by
// the header: they are rejected with that explanation rather than guessed.
import type { FieldValue } from '../model/types.js';
import { fastCsvRecordBatches } from './csv-records-fast.js';
import { KeyMap } from './key-map.js';
import { peekText } from './open.js';
import type { FormatReader } from './reader.js';

/** Column names Telegraf uses for tags (everything else is a field), unless prefixed tag_/field_. */
const KNOWN_TAGS = new Set([
  'host',
  'cpu',
  'core_id',
  'physical_id',
  'interface',
  'name',
  'serial',
  'device',
  'fstype',
  'mode',
  'path',
  'label',
  'mountpoint',
  'process_name',
  'pattern',
  'exe',
  'user',
  'pid_finder',
  'result',
  'yardstick_node',
  'yardstick_role',
]);

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a Telegraf CSV timestamp: unix s/ms/us/ns (by magnitude) or an RFC 3339 string. Epoch ms. */
export function parseCsvTimestamp(raw: string): number {
  const t = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    const digits = t.replace(/^-/, '').split('.')[0]!.length;
    const v = Number(t);
    if (digits >= 18) return v / 1e6;
    if (digits >= 15) return v / 1e3;
    if (digits >= 12) return v;
    return v * 1000;
  }
  return /\d{4}-\d{2}-\d{2}/.test(t) ? Date.parse(t) : Number.NaN;
}

export function csvValue(raw: string): FieldValue {
  if (NUMBER_RE.test(raw)) return Number(raw);
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return raw;
}

const NONE: ReadonlySet<string> = new Set();

export const telegrafCsvReader: FormatReader = {
  name: 'telegraf-csv',
  aliases: ['csv', 'telegraf-csv-header'],
  extensions: ['.csv'],
  sniff(head) {
    return /^\uFEFF?timestamp,(measurement|name)\b/.test(head);
  },
  async read(file, sink, options) {
    // `format: csv` on a headerless file: hand it to the headerless reader instead of failing.
    const headerless = await import('./telegraf-csv-headerless.js');
    if (headerless.ROW_RE.test(await peekText(file, 512)))
      return headerless.telegrafCsvHeaderlessReader.read(file, sink, options);
    let header: string[] | null = null;
    let headerMeasurement: string | null = null;
    let noHeader = false;
    let lastRawTime: string | undefined;
    let lastTime = Number.NaN;
    // What each column of the header is, worked out once: a tag or a field, under which name,
    // and (for fields) whether the caller reads its value.
    let isTag: boolean[] = [];
    let names: string[] = [];
    let kept: boolean[] = [];
    // Records with editor line numbers; plain rows without csv-parse (see csv-records-fast.ts).
    for await (const batch of fastCsvRecordBatches(file, sink))
      for (const { record, lineNo } of batch) {
        if (header === null) {
          // Without a header no row can be mapped; every row is counted as rejected, none dropped unseen.
          if (noHeader || record[0] !== 'timestamp') {
            noHeader = true;
            sink.reject(
              lineNo,
              'expected a header row starting "timestamp,measurement" (for headerless Telegraf CSV use format: telegraf-csv-headerless)',
            );
            continue;
          }
          header = record;
          isTag = header.map((n) => !n.startsWith('field_') && (n.startsWith('tag_') || KNOWN_TAGS.has(n)));
          names = header.map((n) =>
            n.startsWith('tag_') ? n.slice(4) : n.startsWith('field_') ? n.slice(6) : n,
          );
          continue;
        }
        if (record.length !== header.length) {
          sink.reject(
            lineNo,
            `row has ${record.length} columns, the header ${header.length} (Telegraf writes the header from the first metric only)`,
          );
          continue;
        }
        const measurement = record[1] ?? '';
        if (headerMeasurement === null) {
          headerMeasurement = measurement;
          const keep = options.fields ? (options.fields.get(measurement) ?? NONE) : null;
          kept = names.map((n, c) => !isTag[c] && (keep === null || keep.has(n)));
        }
        if (measurement !== headerMeasurement) {
          sink.reject(
            lineNo,
            `row of measurement "${measurement}" cannot be mapped by a header written for "${headerMeasurement}"`,
          );
          continue;
        }
        // Rows of one collection share a timestamp: parse each distinct one once.
        if (record[0] !== lastRawTime) {
          lastRawTime = record[0]!;
          lastTime = parseCsvTimestamp(lastRawTime);
        }
        const time = lastTime;
        if (Number.isNaN(time)) {
          sink.reject(lineNo, `timestamp "${record[0]!.slice(0, 40)}" is not a unix time or RFC 3339 date`);
          continue;
        }
        // Inherit-nothing maps: a column named "__proto__" is data like any other.
        const tags: Record<string, string> = new KeyMap();
        const fields: Record<string, FieldValue> = new KeyMap();
        let nFields = 0;
        for (let c = 2; c < record.length; c++) {
          const raw = record[c]!;
          if (raw === '') continue;
          if (isTag[c]) tags[names[c]!] = raw;
          else {
            nFields++;
            if (kept[c]) fields[names[c]!] = csvValue(raw);
          }
        }
        if (nFields === 0) {
          sink.reject(lineNo, 'row has no field values');
          continue;
        }
        sink.point({ measurement, tags, fields, time }, lineNo);
      }
  },
};
