// report.html of every fixture opened in headless Chromium (Debian's, via playwright-core): the
// verdict banner comes first, every chart is drawn and visible, no request leaves the file, no
// console error. A screenshot per fixture (light and dark) goes to test-output/screenshots/.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../src/pipeline.js';
import { compareRefs, scalingRefs } from '../src/pipeline-compare.js';
import { HOSTILE_HOSTS, largeRun, writeSyntheticRun } from './helpers/synthetic-run.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn('SKIP html-chromium: /usr/bin/chromium not installed (apt-get install chromium)');

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'test-output');
// logs-18-of-20 carries a step-time file: its tick-health chart has a second (right) axis.
const FIXTURE_IDS = ['single-node-20', 'distributed-20', 'distributed-20-partial', 'logs-18-of-20'];
// Real Telegraf CSV from the Yardstick project, read in place; the case is skipped without it.
const REAL = path.resolve(ROOT, '..', 'shared', 'real-data', 'yardstick-telegraf-csv');
const hasReal = existsSync(REAL);
if (!hasReal) console.warn(`SKIP html-chromium real-data case: ${REAL} not found`);
const CASES = [...FIXTURE_IDS, 'fifty', 'hostile', ...(hasReal ? ['real-yardstick'] : [])];

describe.skipIf(!hasChromium)('report.html in Chromium', () => {
  let context: BrowserContext;
  let userData: string;
  let synth: string;
  const built: Record<string, { result: BuildResult; file: string }> = {};

  beforeAll(async () => {
    synth = mkdtempSync(path.join(os.tmpdir(), 'bench-html-'));
    writeSyntheticRun(synth, 'fifty', largeRun(49));
    writeSyntheticRun(
      synth,
      'hostile',
      HOSTILE_HOSTS.map((host, i) => ({
        host,
        role: i === 0 ? ('server' as const) : ('bots' as const),
        ...(i === 0 ? {} : { bots: 5 }),
      })),
      { title: 'Hostile <img src=x onerror=alert(1)> title' },
    );
    if (hasReal) {
      mkdirSync(path.join(synth, 'real-yardstick'), { recursive: true });
      writeFileSync(
        path.join(synth, 'real-yardstick', 'run.json'),
        JSON.stringify({
          id: 'real-yardstick',
          title: 'Yardstick nodes, real Telegraf CSV',
          start: '2024-06-09T21:55:00Z',
          duration: '5m',
          interval: '5s',
          nodes: [
            { host: 'node001', role: 'server' },
            { host: 'node002', role: 'bots', bots: 10 },
            { host: 'node031', role: 'bots', bots: 10 },
          ],
          sources: [{ path: path.join(REAL, 'metrics-node*.csv') }],
        }),
      );
    }
    const jobs: [string, string][] = [
      ...FIXTURE_IDS.map((id): [string, string] => [id, path.join(ROOT, 'fixtures', 'runs')]),
      ['fifty', synth],
      ['hostile', synth],
      ...(hasReal ? [['real-yardstick', synth] as [string, string]] : []),
    ];
    for (const [id, runsDir] of jobs) {
      const result = await build(id, { runsDir });
      const dir = path.join(OUT, 'html', id);
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'report.html');
      writeFileSync(file, result.html);
      built[id] = { result, file };
    }
    mkdirSync(path.join(OUT, 'screenshots'), { recursive: true });
    userData = mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-'));
    context = await chromium.launchPersistentContext(userData, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
      viewport: { width: 1200, height: 900 },
    });
  });

  afterAll(async () => {
    await context?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
    if (synth) rmSync(synth, { recursive: true, force: true });
  });

  it.each(CASES)('%s: banner first, charts visible, offline, no errors', async (id) => {
    const { result, file } = built[id]!;
    const url = pathToFileURL(file).href;
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    try {
      await page.goto(url, { waitUntil: 'load' });

      // The verdict banner is the first thing after the title, before the contents.
      const order = await page.$$eval('main > *', (els) =>
        els.map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      );
      expect(order[0]).toBe('header.');
      expect(order[1]).toBe(`section.verdict verdict-${result.summary.run.status}`);
      expect(order[2]).toBe('nav.');

      // The contents link to every section, and every section is there.
      const toc = await page.$$eval('nav a', (as) => as.map((a) => a.getAttribute('href')));
      expect(toc).toEqual(result.report.sections.map((s) => `#${s.id}`));
      for (const href of toc) expect(await page.locator(href!).count()).toBe(1);

      // Every chart of the model is an SVG with a caption and a text alternative, and is visible.
      const charts = result.charts;
      expect(await page.locator('figure.chart').count()).toBe(charts.length);
      for (const c of charts) {
        const fig = page.locator(`#chart-${c.id}`);
        const svg = fig.locator('svg').first();
        await expect.poll(() => svg.isVisible()).toBe(true);
        const box = (await svg.boundingBox())!;
        expect(box.width).toBeGreaterThan(200);
        expect(box.height).toBeGreaterThan(80);
        expect((await fig.locator('figcaption').textContent())?.trim()).toBe(c.title);
        const alt = (await page.locator(`#chart-${c.id}-alt`).textContent()) ?? '';
        expect(alt.length).toBeGreaterThan(20);
        expect(await svg.getAttribute('aria-describedby')).toBe(`chart-${c.id}-alt`);
        // Assistive technology finds the chart as one image named by its caption (not hidden).
        expect(await page.getByRole('img', { name: c.title, exact: true }).count()).toBe(1);
      }

      // Tables have column headers, and the first cell of each row heads its row.
      const tables = await page.$$eval('table', (ts) =>
        ts.map((t) => ({
          cols: t.querySelectorAll('thead th[scope="col"]').length,
          rows: t.querySelectorAll('tbody tr').length,
          rowHeads: t.querySelectorAll('tbody th[scope="row"]').length,
        })),
      );
      expect(tables.length).toBeGreaterThan(0);
      for (const t of tables) {
        expect(t.cols).toBeGreaterThan(0);
        expect(t.rowHeads).toBe(t.rows);
      }

      // Self-contained: not a single URL in the file, fixtures or not (hostile text is escaped text).
      if (id !== 'hostile') expect(result.html).not.toMatch(/https?:\/\//);
      expect(result.html).not.toMatch(/<script/i);

      // Hostile names stay text: no element came from data.
      expect(await page.locator('main script, main img, main a[href^="http"]').count()).toBe(0);

      await page.screenshot({ path: path.join(OUT, 'screenshots', `${id}.png`), fullPage: true });
      await page.emulateMedia({ colorScheme: 'dark' });
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe('rgb(13, 17, 23)');
      // Dark screenshots of the fixtures only: the synthetic cases add nothing a reviewer needs twice.
      if (FIXTURE_IDS.includes(id))
        await page.screenshot({ path: path.join(OUT, 'screenshots', `${id}-dark.png`), fullPage: true });

      // Printed: no contents box, charts kept whole.
      await page.emulateMedia({ media: 'print', colorScheme: 'light' });
      expect(await page.locator('nav').isVisible()).toBe(false);

      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('scaling and compare reports: every chart visible, offline, no errors', async () => {
    const runsDir = path.join(ROOT, 'fixtures', 'runs');
    const reports = {
      scaling: await scalingRefs([path.join(runsDir, 'scaling-*')], { runsDir, cwd: ROOT }),
      compare: await compareRefs('rep-base-1', 'rep-cand-1', { runsDir, cwd: ROOT }),
    };
    for (const [name, r] of Object.entries(reports)) {
      expect(r.charts.length).toBeGreaterThan(0);
      const dir = path.join(OUT, 'html', `cross-run-${name}`);
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'report.html');
      writeFileSync(file, r.html);
      const url = pathToFileURL(file).href;
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (q) => {
        if (q.url() !== url) requests.push(q.url());
      });
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(url, { waitUntil: 'load' });
        expect(await page.locator('figure.chart').count()).toBe(r.charts.length);
        for (const c of r.charts) {
          const svg = page.locator(`#chart-${c.id} svg`).first();
          await expect.poll(() => svg.isVisible()).toBe(true);
          const box = (await svg.boundingBox())!;
          expect(box.width).toBeGreaterThan(200);
          expect(box.height).toBeGreaterThan(80);
        }
        expect(r.html).not.toMatch(/https?:\/\//);
        await page.screenshot({
          path: path.join(OUT, 'screenshots', `cross-run-${name}.png`),
          fullPage: true,
        });
        expect(requests).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    }
  });
});
