// The manifest contract (DESIGN.md) as a zod schema: what run.yaml / run.json may contain.
import { z } from 'zod';
import { parseDuration } from './duration.js';

const duration = z.union([z.string(), z.number()]).refine((v) => parseDuration(v) !== null, {
  message: 'expected a duration such as "10s", "2m" or "1h30m"',
});

const time = z
  .union([z.string(), z.number(), z.date()])
  .refine((v) => !Number.isNaN(v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(v)), {
    message: 'expected an ISO 8601 time with a zone, e.g. "2025-06-19T14:00:00Z"',
  });

const host = z
  .string()
  .min(1, 'expected a non-empty host name')
  .max(253, 'expected a host name of at most 253 characters');

export const nodeSchema = z.strictObject({
  host,
  role: z.enum(['server', 'bots', 'other'], { message: 'expected one of server, bots, other' }),
  bots: z.number().int().min(0, 'expected a whole number of bots, 0 or more').optional(),
});

const fileSource = z.strictObject({
  path: z.string().min(1, 'expected a file path or glob'),
  format: z.string().optional(),
  precision: z.enum(['ns', 'us', 'ms', 's']).optional(),
  host: host.optional(),
  hostTag: z.string().min(1).optional(),
  columns: z
    .record(z.string(), z.strictObject({ tags: z.array(z.string()), fields: z.array(z.string()).min(1) }))
    .optional(),
});
const influxqlSource = z.strictObject({
  influxql: z.string().url('expected an http(s) URL such as http://127.0.0.1:8086'),
  database: z.string().min(1),
  retentionPolicy: z.string().optional(),
});
const fluxSource = z.strictObject({
  flux: z.string().url('expected an http(s) URL such as http://127.0.0.1:8086'),
  org: z.string().min(1),
  bucket: z.string().min(1),
});

export const manifestSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9._-]+$/, 'expected an id of letters, digits, ".", "_" or "-"'),
    title: z.string().optional(),
    start: time,
    end: time.optional(),
    duration: duration.optional(),
    interval: duration.optional(),
    baseline: z.string().optional(),
    timezone: z.string().optional(),
    group: z.string().optional(),
    versions: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
    nodes: z.array(nodeSchema).min(1, 'expected at least one node'),
    logs: z
      .array(
        z.strictObject({
          path: z.string().min(1, 'expected a file path or glob'),
          kind: z.enum(['luanti', 'bots', 'telegraf', 'ticks']).optional(),
          host: host.optional(),
        }),
      )
      .optional(),
    tickBudgetMs: z.number().positive().optional(),
    sources: z.array(z.union([fileSource, influxqlSource, fluxSource])).default([]),
  })
  .refine((m) => m.end !== undefined || m.duration !== undefined, {
    message: 'expected either "end" or "duration"',
    path: ['end'],
  });

export type Manifest = z.infer<typeof manifestSchema>;
