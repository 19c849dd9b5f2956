import { describe, expect, it } from 'vitest';
import { InfluxFault } from './http.js';
import { parseV1Body } from './influxql-client.js';

const line = (o: unknown) => JSON.stringify(o);

describe('parseV1Body (chunked v1 answers)', () => {
  it('stitches the chunks of one series back together', () => {
    const body = [
      line({
        results: [
          {
            statement_id: 0,
            series: [{ name: 'cpu', columns: ['time', 'v'], values: [[1, 2]], partial: true }],
            partial: true,
          },
        ],
      }),
      line({
        results: [{ statement_id: 0, series: [{ name: 'cpu', columns: ['time', 'v'], values: [[2, 3]] }] }],
      }),
      line({
        results: [{ statement_id: 1, series: [{ name: 'mem', columns: ['time', 'v'], values: [[1, 5]] }] }],
      }),
      '',
    ].join('\n');
    const r = parseV1Body(body);
    expect(r.map((x) => x.statement_id)).toEqual([0, 1]);
    expect(r[0]!.series![0]!.values).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });
  it('a body cut inside a chunk, or ending on a statement still marked partial, is a truncated fault', () => {
    const whole = line({
      results: [{ statement_id: 0, series: [{ name: 'cpu', columns: ['time'], values: [[1]] }] }],
    });
    expect(() => parseV1Body(whole.slice(0, 30))).toThrow(InfluxFault);
    const partial = line({
      results: [
        {
          statement_id: 0,
          series: [{ name: 'cpu', columns: ['time'], values: [[1]], partial: true }],
          partial: true,
        },
      ],
    });
    try {
      parseV1Body(`${partial}\n`);
      expect.unreachable();
    } catch (e) {
      expect((e as InfluxFault).kind).toBe('truncated');
      expect((e as InfluxFault).retryable).toBe(true);
    }
  });
  it('a series cut at the row limit (series partial, statement not) is marked rowLimited, not a fault', () => {
    // The shape InfluxDB 1.x sends when max-row-limit cuts a non-chunked answer.
    const body = line({
      results: [
        { statement_id: 0, series: [{ name: 'cpu', columns: ['time', 'n'], values: [[0, 32]] }] },
        {
          statement_id: 1,
          series: [{ name: 'cpu', columns: ['time', 'n'], values: [[1, 2]], partial: true }],
        },
      ],
    });
    const r = parseV1Body(body);
    expect(r.map((x) => Boolean(x.rowLimited))).toEqual([false, true]);
  });
  it('a statement left partial before a later statement still counts as cut off', () => {
    const cut = line({
      results: [
        {
          statement_id: 0,
          series: [{ name: 'cpu', columns: ['t'], values: [[1]], partial: true }],
          partial: true,
        },
      ],
    });
    const next = line({
      results: [{ statement_id: 1, series: [{ name: 'cpu', columns: ['t'], values: [[1]] }] }],
    });
    expect(() => parseV1Body(`${cut}\n${next}\n`)).toThrow(/still marked partial/);
  });
  it('keeps the first error of a statement over InfluxDB 1.x’s later "not executed"', () => {
    const body = `${line({ results: [{ statement_id: 0, error: 'database not found: x' }] })}\n${line({ results: [{ statement_id: 0, error: 'not executed' }] })}\n`;
    expect(parseV1Body(body)[0]!.error).toBe('database not found: x');
  });
});
