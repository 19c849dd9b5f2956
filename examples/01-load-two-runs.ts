// Notebook cell 1: load two runs and compare them. Runs under Node (`npx tsx examples/01-load-two-runs.ts`)
// and Deno (`npx deno run -A examples/01-load-two-runs.ts`, using examples/deno.json), after `npm run build`.
import { fileURLToPath } from 'node:url';
import { compareRuns, summarize } from 'bench-report';

const runsDir = fileURLToPath(new URL('../fixtures/runs', import.meta.url));
const base = await summarize('single-node-20', { runsDir });
const cand = await summarize('distributed-20-partial', { runsDir });

for (const s of [base, cand]) {
  console.log(`${s.run.id}: ${s.run.status}, ${s.run.totalBots} bots, ${s.run.durationSeconds} s`);
  for (const n of s.nodes)
    console.log(`  ${n.host} (${n.role}): cpu mean ${n.cpu ? n.cpu.mean.toFixed(2) : 'not measured'}`);
}

// A missing side stays in the comparison as null with its reason; it is never estimated.
const comparison = compareRuns(base, cand);
console.log(`comparison ${comparison.base.id} -> ${comparison.cand.id}: ${comparison.rows.length} rows`);
for (const r of comparison.rows.filter((r) => r.metric === 'CPU mean'))
  console.log(
    `  ${r.group}: ${r.base.value?.toFixed(2) ?? '—'} -> ${r.cand.value?.toFixed(2) ?? '—'}${r.cand.missing ? ` (${r.cand.missing})` : ''}`,
  );
