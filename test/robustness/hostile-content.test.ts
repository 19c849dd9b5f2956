// Hostile content is shown as text in both reports: the Markdown rendered by cmark-gfm (GitHub's
// renderer) gains no element or link from data, and the HTML in headless Chromium runs no script
// and makes no request, even with its Content-Security-Policy removed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/pipeline.js';
import { PAYLOADS, TRAP, writeHostileRun } from './hostile-run.js';

const CHROMIUM = '/usr/bin/chromium';
const hasCmark = spawnSync('cmark-gfm', ['--version']).status === 0;
const hasChromium = existsSync(CHROMIUM);
if (!hasCmark) console.warn('SKIP cmark-gfm checks: cmark-gfm not installed (apt-get install cmark-gfm)');
if (!hasChromium) console.warn(`SKIP browser checks: ${CHROMIUM} not installed (apt-get install chromium)`);

/** Elements the report's own structure produces; anything else came from data. */
const STRUCTURE = new Set(
  'h1 h2 h3 p strong em code pre ul ol li table thead tbody tr th td blockquote details summary br hr'.split(
    ' ',
  ),
);

/** SVG elements vega draws a chart with; a data value never adds one (no a, image, use, foreignObject, script, style). */
const DRAWING = ['g', 'path', 'rect', 'line', 'text', 'tspan', 'circle', 'clipPath', 'defs', 'title', 'desc'];

let run: ReturnType<typeof writeHostileRun>;
let result: BuildResult;
beforeAll(async () => {
  run = writeHostileRun();
  result = await build(run.dir);
});
afterAll(() => rmSync(run.dir, { recursive: true, force: true }));

describe('hostile data values in the report model', () => {
  it('reach the report: hosts, the stray host, the hostile file name and rejected lines', () => {
    expect(result.summary.nodes.map((n) => n.host)).toEqual(run.hosts);
    expect(result.summary.inputs[0]!.unknownHosts).toEqual([run.unknownHost]);
    expect(result.summary.inputs[0]!.source).toContain('<img src=x onerror=window.__pwned=12>');
    expect(result.summary.inputs[0]!.rejected).toBe(4);
  });
});

describe('control characters', () => {
  it('never reach either report raw: they are shown as U+FFFD', () => {
    const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
    expect(result.markdown).not.toMatch(controls);
    expect(result.html).not.toMatch(controls);
    expect(result.markdown).toContain('\uFFFD\\[31mred\uFFFD\\[0m');
    expect(result.html).toContain('\uFFFD[31mred\uFFFD[0m');
  });
});

describe.skipIf(!hasCmark)('Markdown report through cmark-gfm -e table -e autolink', () => {
  let html: string;
  beforeAll(() => {
    // --unsafe keeps raw HTML, so any tag a data value smuggled in would show up here.
    const r = spawnSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'autolink'], {
      input: result.markdown,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    expect(r.status).toBe(0);
    html = r.stdout;
  });

  // Text "<" is always escaped as &lt; in cmark's output, so every "<" left starts a real element.
  const elements = () =>
    [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({
      name: m[1]!.toLowerCase(),
      // cmark writes void elements as `<hr />`: the slash is not an attribute.
      attrs: m[2]!.replace(/\/$/, '').trim(),
    }));

  it('contains only the elements of the report structure', () => {
    const names = new Set(elements().map((e) => e.name));
    expect([...names].filter((t) => !STRUCTURE.has(t))).toEqual([]);
  });

  it('contains no link, image, event handler or URL attribute: the only attribute is table alignment', () => {
    const attrs = new Set(elements().map((e) => e.attrs));
    expect([...attrs].filter((a) => a !== '' && !/^align="(left|right|center)"$/.test(a))).toEqual([]);
  });

  it('shows the payloads as text', () => {
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(text).toContain('<script>window.__pwned=1</script>');
    expect(text).toContain('[click](javascript:window.__pwned=4)');
    expect(text).toContain(`![img](${TRAP}/img.png)`);
    expect(text).toContain('<img src=x onerror=window.__pwned=12>');
    expect(text).toContain('usage_idle');
    expect(text).toContain('&lt;script&gt; stays &amp;lt;');
  });
});

describe.skipIf(!hasChromium)('HTML report in headless Chromium', () => {
  let tmp: string;
  let context: import('playwright-core').BrowserContext;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'hostile-browser-'));
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await context?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Opens `html` from a file and reports what ran, what it fetched and what it shows. */
  async function probe(name: string, html: string) {
    const file = path.join(tmp, name);
    writeFileSync(file, html);
    const page = await context.newPage();
    const requests: string[] = [];
    const events: string[] = [];
    page.on('request', (r) => {
      if (r.url() !== `file://${file}`) requests.push(r.url());
    });
    page.on('console', (m) => events.push(`console: ${m.text()}`));
    page.on('dialog', (d) => {
      events.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    // Move the mouse over the page so handlers such as onmouseover would fire if present.
    await page.mouse.move(10, 10);
    await page.mouse.move(200, 200);
    await page.waitForTimeout(300);
    const dom = await page.evaluate((drawing) => {
      // The report's own charts: vega's SVG, one per chart figure. Everything inside them must be a
      // plain drawing element with no link, and no url() but references to the chart's own defs
      // (an aria-label is text: a data value quoted there is harmless).
      const charts = [...document.querySelectorAll('figure.chart > div.chart-body > svg:only-child')];
      const own = new Set<Element>(charts);
      const chartParts = charts
        .flatMap((svg) => [...svg.querySelectorAll('*')])
        .filter(
          (e) =>
            !drawing.includes(e.localName) ||
            [...e.attributes].some(
              (a) =>
                /href|^on|^src$/i.test(a.name) ||
                (!a.name.startsWith('aria-') && /url\((?!#)/i.test(a.value)),
            ),
        )
        .map((e) => e.outerHTML.slice(0, 200));
      return {
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        charts: charts.length,
        chartParts,
        live: [
          ...document.querySelectorAll(
            'script, img, iframe, object, embed, svg, body style, a[href]:not(nav a[href^="#"]), meta[http-equiv=refresh], link',
          ),
        ]
          .filter((e) => !own.has(e))
          .map((e) => e.outerHTML.slice(0, 200)),
        handlers: [...document.querySelectorAll('*')].filter((e) =>
          [...e.attributes].some((a) => /^on/i.test(a.name)),
        ).length,
        text: document.body.textContent ?? '',
      };
    }, DRAWING);
    await page.close();
    return { ...dom, requests, events };
  }

  for (const variant of ['as written', 'with its Content-Security-Policy removed'] as const) {
    it(`runs no script and makes no request (${variant})`, async () => {
      const html =
        variant === 'as written'
          ? result.html
          : result.html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
      expect(html.includes('Content-Security-Policy')).toBe(variant === 'as written');
      const r = await probe(variant === 'as written' ? 'report.html' : 'report-no-csp.html', html);
      expect(r.pwned).toBeUndefined();
      expect(r.live).toEqual([]);
      expect(r.charts).toBeGreaterThan(0);
      expect(r.chartParts).toEqual([]);
      expect(r.handlers).toBe(0);
      expect(r.requests).toEqual([]);
      expect(r.events).toEqual([]);
      for (const p of [PAYLOADS[0]!, PAYLOADS[3]!, PAYLOADS[4]!, '<img src=x onerror=window.__pwned=12>'])
        expect(r.text).toContain(p);
    });
  }

  // The meta refresh is left out: it would navigate away before the probe reads the page.
  it('control: the same payloads pasted in unescaped do run and fetch, so the probe can see them', async () => {
    const r = await probe(
      'control.html',
      `<!DOCTYPE html><html><body>${PAYLOADS.filter((p) => !p.includes('refresh')).join('\n')}</body></html>`,
    );
    expect(r.pwned).toBeDefined();
    expect(r.requests.some((u) => u.startsWith(TRAP))).toBe(true);
    expect(r.live.length).toBeGreaterThan(0);
  });
});
