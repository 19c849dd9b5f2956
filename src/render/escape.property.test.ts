// Property test of escapeMarkdown against the real GitHub renderer (cmark-gfm): random hostile
// strings in a paragraph, a list item, a heading and a table cell come out as exactly that text.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './escape.js';

const hasCmark = spawnSync('cmark-gfm', ['--version']).status === 0;
if (!hasCmark) console.warn('SKIP escape property test: cmark-gfm not installed (apt-get install cmark-gfm)');

const markdownish = fc.constantFrom(
  ...'<>[]()!*_~`#|\\&@:/.-+=>"\' \t\n\r\u0000\u001b\u2028'.split(''),
  'http://',
  'https://x.io',
  'www.',
  'a@b.co',
  'mailto:',
  'javascript:',
  '<script>',
  '&amp;',
  '&#60;',
  '1. ',
  '---',
  '```',
  '[x]: /u',
);
const hostile = fc
  .array(fc.oneof(markdownish, fc.string({ maxLength: 3 })), { maxLength: 12 })
  .map((a) => a.join(''));

/** What a reader should see: the text with escapeMarkdown's documented changes. */
const expected = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/@/g, '@\u2060');
/** cmark trims spaces and tabs (only those) around a paragraph line, heading or cell. */
const trimBlank = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');
const decode = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

const CONTEXTS: { name: string; md: (e: string) => string; open: string; close: string; prefix: string }[] = [
  { name: 'paragraph', md: (e) => `Value: ${e}`, open: '<p>', close: '</p>', prefix: 'Value: ' },
  {
    name: 'list item',
    md: (e) => `- [flag] ${e}`,
    open: '<ul>\n<li>',
    close: '</li>\n</ul>',
    prefix: '[flag] ',
  },
  { name: 'heading', md: (e) => `## Run ${e}`, open: '<h2>', close: '</h2>', prefix: 'Run ' },
  {
    name: 'table cell',
    md: (e) => `| Host | n |\n| --- | --- |\n| x${e} | 1 |`,
    open: '<table>\n<thead>\n<tr>\n<th>Host</th>\n<th>n</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>',
    close: '</td>\n<td>1</td>\n</tr>\n</tbody>\n</table>',
    prefix: 'x',
  },
];

describe.skipIf(!hasCmark)('escapeMarkdown under cmark-gfm -e table -e autolink', () => {
  for (const ctx of CONTEXTS) {
    it(`a hostile string in a ${ctx.name} renders as exactly its text, no element or link`, () => {
      const cases = fc.sample(hostile, { numRuns: 1500, seed: 20250619 });
      const doc = cases.map((c, i) => `${ctx.md(escapeMarkdown(c))}\n\nSEP${i}\n`).join('\n');
      const r = spawnSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'autolink'], {
        input: doc,
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      const parts = r.stdout.split(/<p>SEP\d+<\/p>\n/);
      expect(parts.length).toBe(cases.length + 1);
      cases.forEach((c, i) => {
        const got = parts[i]!;
        const want = `${ctx.open}${trimBlank(ctx.prefix + expected(c))}${ctx.close}\n`;
        expect(decode(got), JSON.stringify(c)).toBe(want);
        // Nothing but the escaped text between the context's own tags.
        expect(got.slice(ctx.open.length, -ctx.close.length - 1), JSON.stringify(c)).not.toMatch(/</);
      });
    });
  }
});
