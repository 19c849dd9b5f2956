// Flux annotated CSV (InfluxDB 2.x query exports, e.g. Yardstick's `<measurement>.csv`): several
// tables in one file, each with its own optional `#datatype/#group/#default` annotations and
// header row, separated by blank lines or by a new annotation block; CRLF line ends; error
// tables (`,error,reference`). Every header row is recognised as a header, never read as data.
import type { FieldValue } from '../model/types.js';
import { csvRecords } from './csv-records.js';
import type { FormatReader } from './reader.js';

/** Columns that are Flux bookkeeping, not tags. */
const NOT_TAGS = new Set([
  '',
  'result',
  'table',
  '_start',
  '_stop',
  '_time',
  '_value',
  '_field',
  '_measurement',
]);

function typed(raw: string, datatype: string | undefined): FieldValue | null {
  if (raw === '') return null;
  switch (datatype) {
    case 'double':
    case 'long':
    case 'unsignedLong': {
      const v = Number(raw);
      return Number.isFinite(v) ? v : null;
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : null;
    case 'string':
      return raw;
    default: {
      // No annotations: numbers where they parse, text otherwise.
      const v = Number(raw);
      return raw.trim() !== '' && Number.isFinite(v) ? v : raw;
    }
  }
}

export const fluxCsvReader: FormatReader = {
  name: 'flux-csv',
  aliases: ['annotated-csv', 'influx-csv'],
  extensions: ['.csv'],
  sniff(head) {
    const first = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    return /^#(datatype|group|default),/.test(first) || /^,result,table,/.test(first);
  },
  async read(file, sink) {
    let header: string[] | null = null;
    let datatypes: string[] | null = null;
    let expectHeader = true;
    for await (const { record, lineNo } of csvRecords(file, sink, { keepEmptyLines: true })) {
      if (record.length === 1 && record[0]!.trim() === '') {
        expectHeader = true; // a blank line ends a table; the next table brings its own header
        datatypes = null;
        continue;
      }
      const first = record[0] ?? '';
      if (first.startsWith('#')) {
        if (first === '#datatype') datatypes = record;
        expectHeader = true;
        continue;
      }
      // A header row: expected after annotations or a blank line, or recognisable by its column
      // names (tables concatenated without a separator must not leak their header in as data).
      const looksLikeHeader =
        record.includes('_value') && record.includes('_time') && record.includes('result');
      if (expectHeader || looksLikeHeader) {
        header = record;
        expectHeader = false;
        continue;
      }
      if (header === null) continue;
      const col = (name: string) => header!.indexOf(name);
      const errorCol = col('error');
      if (errorCol >= 0 && col('_value') < 0) {
        sink.reject(lineNo, `the query returned an error table: ${record[errorCol] ?? ''}`);
        continue;
      }
      const iValue = col('_value');
      const iField = col('_field');
      const iMeas = col('_measurement');
      const iTime = col('_time');
      if (iValue < 0 || iField < 0 || iMeas < 0 || iTime < 0) {
        sink.reject(
          lineNo,
          'table lacks _time, _value, _field or _measurement columns (export raw rows, not a pivot)',
        );
        continue;
      }
      const time = Date.parse(record[iTime] ?? '');
      if (Number.isNaN(time)) {
        sink.reject(lineNo, `_time "${(record[iTime] ?? '').slice(0, 40)}" is not an RFC 3339 time`);
        continue;
      }
      const value = typed(record[iValue] ?? '', datatypes?.[iValue]);
      if (value === null) {
        sink.reject(
          lineNo,
          `_value "${(record[iValue] ?? '').slice(0, 40)}" does not match its type ${datatypes?.[iValue] ?? ''}`,
        );
        continue;
      }
      // Null-prototype maps: a column or field named "__proto__" is data like any other.
      const tags: Record<string, string> = Object.create(null);
      header.forEach((name, i) => {
        const v = record[i];
        if (!NOT_TAGS.has(name) && v !== undefined && v !== '') tags[name] = v;
      });
      const fields: Record<string, FieldValue> = Object.create(null);
      fields[record[iField]!] = value;
      sink.point({ measurement: record[iMeas]!, tags, fields, time }, lineNo);
    }
  },
};
