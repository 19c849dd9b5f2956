// The contract every file format implements, and the registry that names them.
import type { Point } from '../model/types.js';
import type { Precision } from './line-protocol.js';

/** What a format reader reports back while it reads. */
export interface ReadSink {
  /** A record that parsed. `lineNo` locates it for later rejections (e.g. out-of-range values). */
  point(point: Point, lineNo: number): void;
  /** A record that did not parse: counted and kept as an example. */
  reject(lineNo: number, reason: string): void;
  /** A well-formed record the format deliberately does not read (e.g. no known column layout): counted by reason. */
  skip?(lineNo: number, reason: string): void;
}

export interface ReadOptions {
  precision?: Precision;
  /** Column map for headerless CSV: measurement → tag and field names in column order. */
  columns?: Record<string, { tags: string[]; fields: string[] }>;
  /**
   * The fields whose values the caller uses, by measurement. When set, a reader may deliver
   * points carrying only those fields (other measurements with empty `fields`); every record is
   * still counted, windowed and validated, so a malformed one is rejected all the same.
   */
  fields?: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * With `fields`: by measurement, the tag values a series must have for its fields to be used
   * (derive reads `cpu` only where `cpu=cpu-total`); a reader may leave the fields out of the
   * points of other series. Their records are still counted, windowed and validated.
   */
  fieldsWhere?: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/** Which fields a reader may leave out: `fields` and `fieldsWhere` of ReadOptions. */
export type FieldSelection = Pick<ReadOptions, 'fields' | 'fieldsWhere'>;

/** A file format: a name, aliases, a content sniffer and a streaming reader. */
export interface FormatReader {
  name: string;
  aliases: string[];
  extensions: string[];
  /** True when the first bytes look like this format (used when the extension is ambiguous). */
  sniff(head: string): boolean;
  read(file: string, sink: ReadSink, options: ReadOptions): Promise<void>;
}
