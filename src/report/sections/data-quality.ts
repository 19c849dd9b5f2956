// Data-quality section: every input, what was rejected or ignored and why, and all warnings.
import type { Flag, RunSummary } from '../../model/types.js';
import type { Block, Section } from '../model.js';
import { streamedNote } from './streamed-note.js';

export function dataQuality(s: RunSummary, extraFlags: Flag[]): Section {
  const r = 'right' as const;
  const blocks: Block[] = [];
  if (s.inputs.length === 0) {
    blocks.push({
      kind: 'note',
      level: 'warning',
      text: 'No input was read: the manifest names no source, or no file matched.',
    });
  } else {
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Input' },
        { label: 'Format' },
        { label: 'Records', align: r },
        { label: 'Rejected', align: r },
        { label: 'Outside window', align: r },
        { label: 'Unknown host', align: r },
        { label: 'No host tag', align: r },
      ],
      rows: s.inputs.map((i) => [
        { text: i.source, code: true },
        i.format,
        String(i.records),
        String(i.rejected),
        String(i.ignored.outsideWindow),
        String(i.ignored.unknownHost),
        String(i.ignored.noHost),
      ]),
      footnotes: [
        'Records are parsed records (blank lines and comments excluded). Points outside the window or from hosts the manifest does not name are ignored and counted here, not used.',
      ],
    });
  }
  const examples = s.inputs.flatMap((i) => i.examples);
  if (examples.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Rejected records (first few per input):' });
    blocks.push({
      kind: 'table',
      columns: [{ label: 'Where' }, { label: 'Why' }],
      rows: examples.map((e) => [{ text: e.location, code: true }, e.reason]),
    });
  }
  const skipped = s.inputs.flatMap((i) => (i.skipped ?? []).map((k) => [i.source, k] as const));
  if (skipped.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text: 'Records not read on purpose (well-formed, but not needed or not mappable):',
    });
    blocks.push({
      kind: 'table',
      columns: [{ label: 'Input' }, { label: 'Why' }, { label: 'Records', align: r }],
      rows: skipped.map(([src, k]) => [{ text: src, code: true }, k.reason, String(k.count)]),
    });
  }
  const unknown = s.inputs.filter((i) => i.unknownHosts.length > 0);
  if (unknown.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text: `Hosts seen in the data but not in the manifest: ${[...new Set(unknown.flatMap((i) => i.unknownHosts))].sort().join(', ')}. If one of them is a node of this run, fix its host name in the manifest.`,
    });
  }
  const streamed = streamedNote(s);
  if (streamed) blocks.push({ kind: 'note', level: 'info', text: streamed });
  const flags = [...s.flags, ...extraFlags];
  if (flags.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Warnings:' });
    blocks.push({ kind: 'list', items: flags.map((f) => `[${f.code}] ${f.message}`) });
  } else {
    blocks.push({ kind: 'paragraph', text: 'No warnings.' });
  }
  return { id: 'data-quality', title: 'Data quality', blocks };
}
