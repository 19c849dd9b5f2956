// Pushed-down InfluxQL queries stay small: the bytes a build downloads follow nodes × windows,
// not raw points (counted at a loopback proxy in front of a real influxd; not timed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveInfluxd, type Influxd, startInfluxd } from '../helpers/influxd.js';
import { measureTransfer, type TransferResult } from '../helpers/influx-transfer.js';

describe.skipIf(!haveInfluxd())('transfer size of the pushed-down reader (private influxd)', () => {
  let server: Influxd;
  let sparse: TransferResult;
  let dense: TransferResult;
  let longer: TransferResult;
  beforeAll(async () => {
    server = await startInfluxd();
    const base = { nodes: 3, minutes: 10, windowSeconds: 10 };
    sparse = await measureTransfer(server, { ...base, label: 'sparse', sampleSeconds: 10 });
    dense = await measureTransfer(server, { ...base, label: 'dense', sampleSeconds: 1 });
    longer = await measureTransfer(server, { ...base, label: 'longer', minutes: 60, sampleSeconds: 10 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('10× more raw points in the same windows: the pushed-down bytes stay within 1.5×', () => {
    expect(dense.rawSamples / sparse.rawSamples).toBe(10);
    expect(dense.windows).toBe(sparse.windows);
    expect(dense.requests).toBe(sparse.requests);
    expect(dense.pushedBytes / sparse.pushedBytes).toBeLessThan(1.5);
  });

  it('the raw alternative does grow with the points (the counter sees what crosses the wire)', () => {
    expect(dense.rawBytes / sparse.rawBytes).toBeGreaterThan(5);
    expect(dense.rawBytes / dense.pushedBytes).toBeGreaterThan(5);
  });

  it('6× more windows: the pushed-down bytes grow with them', () => {
    expect(longer.windows / sparse.windows).toBe(6);
    const ratio = longer.pushedBytes / sparse.pushedBytes;
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(7);
  });
});
