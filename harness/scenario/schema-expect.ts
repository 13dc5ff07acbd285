/**
 * The `expect` step of the scenario format (design.md §8): what each expectation takes. Public
 * names, like the rest of schema.ts: the JSON Schema is generated from them.
 */
import { z } from 'zod';
import { closed, countSchema, idSchema, pattern, selector } from './schema-parts.ts';

const since = z.enum(['start', 'last-expect']).optional();
export const callPattern = closed('call field', {
  command: z.unknown().optional(),
  instance: z.unknown().optional(),
  args: pattern.optional(),
  outcome: z.unknown().optional(),
  trigger: z.unknown().optional(),
  incident: z.unknown().optional(),
  note: z.unknown().optional(),
  error: z.unknown().optional(),
});

export const expectStep = closed('expectation', {
  incidents: closed('incidents expectation', {
    where: pattern.optional(),
    count: countSchema.optional(),
    match: z.array(pattern).optional(),
  }).optional(),
  incident: closed('incident expectation', { ...selector, match: pattern }).optional(),
  entries: closed('entries expectation', {
    ...selector,
    count: countSchema.optional(),
    match: z.array(pattern).optional(),
  }).optional(),
  tickets: closed('tickets expectation', {
    remote: z.string().optional(),
    where: pattern.optional(),
    count: countSchema.optional(),
    match: z.array(pattern).optional(),
  }).optional(),
  ticket: closed('ticket expectation', {
    remote: z.string().optional(),
    id: idSchema,
    match: pattern.optional(),
    comments: closed('comments expectation', {
      count: countSchema.optional(),
      match: z.array(pattern).optional(),
    }).optional(),
    attachments: closed('attachments expectation', {
      count: countSchema.optional(),
      match: z.array(pattern).optional(),
    }).optional(),
  }).optional(),
  calls: z
    .union([
      z.array(callPattern),
      closed('calls expectation', {
        since,
        match: z.array(callPattern).optional(),
        absent: z.array(callPattern).optional(),
        where: callPattern.describe('count only the calls matching this').optional(),
        count: countSchema.optional(),
      }),
    ])
    .optional(),
  instance: closed('instance expectation', {
    name: z.string().describe('the instance'),
    params: pattern
      .describe('the params the integration is told (isFetch, incidentFetchInterval, …)')
      .optional(),
    lastRun: z.unknown().describe('pattern for the stored lastRun (fetch flow)').optional(),
    lastMirrorRun: z.unknown().describe('pattern for the stored lastMirrorRun').optional(),
    integrationContext: z.unknown().describe("pattern for the integration context's value").optional(),
  }).optional(),
  fetchHistory: closed('fetch history expectation', {
    instance: z.string(),
    count: countSchema.optional(),
    match: z.array(pattern).describe('records, each pattern a different one').optional(),
    last: pattern.describe('the newest record').optional(),
  }).optional(),
  stats: pattern.optional(),
  errors: z
    .union([
      z.number().int().nonnegative(),
      closed('errors expectation', {
        since,
        count: countSchema.optional(),
        match: z.array(callPattern).optional(),
      }),
    ])
    .optional(),
});
