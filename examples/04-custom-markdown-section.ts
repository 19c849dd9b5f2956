// Notebook cell 4: a report with a section of your own, rendered to Markdown like the built-in ones.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { assembleReport, build, renderMarkdown } from 'bench-report';

const runsDir = fileURLToPath(new URL('../fixtures/runs', import.meta.url));
const outDir = process.env.EXAMPLES_OUT ?? '.tmp/examples';
const run = await build('distributed-20-partial', { runsDir, baseline: 'single-node-20' });

const report = assembleReport(run.summary, { series: run.series, comparison: run.comparison });
report.sections.push({
  id: 'bots-per-node',
  title: 'Bots per node (custom section)',
  blocks: [
    { kind: 'paragraph', text: 'Declared bots and the CPU each one cost on its node.' },
    {
      kind: 'table',
      columns: [
        { label: 'Host' },
        { label: 'Bots', align: 'right' },
        { label: 'CPU per bot %', align: 'right' },
      ],
      rows: run.summary.nodes.map((n) => [
        n.host,
        String(n.bots),
        n.cpuPerBot === null ? 'not measured' : n.cpuPerBot.toFixed(2),
      ]),
    },
  ],
});

const markdown = renderMarkdown(report);
await mkdir(outDir, { recursive: true });
const file = path.join(outDir, 'custom-report.md');
await writeFile(file, markdown);
console.log(markdown.slice(markdown.indexOf('## Bots per node')));
console.log(`wrote ${file}`);
