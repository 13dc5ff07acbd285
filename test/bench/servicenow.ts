/**
 * The ServiceNow fake over real HTTP (1,000 incidents, keep-alive, 16 in flight) and the mapper
 * engine on a ServiceNow-shaped incoming mapper. Prints nothing; run.ts prints the figures.
 */
import { listen } from '../../mocks/shared/index.ts';
import { createServicenow } from '../../mocks/ticketing/servicenow/index.ts';
import { mapFields, parseMapper } from '../../harness/core/index.ts';
import type { Figures } from './figures.ts';
import { formatLoad, measureLoad, measureRawReference } from './http-load.ts';

const TOTAL = 3_000;

const replace = (from: string, to: string) => ({
  operator: 'replace',
  args: { toReplace: { value: { simple: from } }, replaceWith: { value: { simple: to } } },
});

export async function benchServicenow(): Promise<Figures> {
  const snow = await createServicenow({ clock: { now: () => Date.now() }, tickets: 1_000, seed: 1 });
  const server = await listen(snow.app());
  const headers = {
    authorization: `Basic ${Buffer.from(`${snow.username}:${snow.password}`).toString('base64')}`,
  };
  const id = snow.records.list()[500]!.sys_id!;
  const fetchQuery = encodeURIComponent('stateNOT IN6,7^ORDERBYopened_at^opened_at>2000-01-01 00:00:00');
  const figures: Figures = {};
  for (const [name, path] of [
    ['GET /api/now/table/incident/<sys_id> (1,000 incidents)', `/api/now/table/incident/${id}`],
    [
      'GET fetch query (NOT IN, ORDERBY, >, limit 10) over 1,000',
      `/api/now/table/incident?sysparm_query=${fetchQuery}&sysparm_limit=10`,
    ],
  ] as const) {
    const url = new URL(`${server.url}${path}`);
    const fake = await measureLoad(url, headers, TOTAL);
    const raw = await measureRawReference(url, headers, TOTAL);
    figures[name] = {
      value: formatLoad(fake),
      reference: `raw node:http ${formatLoad(raw)}`,
      ratio: fake.rps / raw.rps,
    };
  }
  await server.close();

  const mapper = parseMapper(
    {
      type: 'mapping-incoming',
      mapping: {
        T: {
          internalMapping: {
            name: { simple: 'short_description' },
            dbotMirrorId: { simple: 'sys_id' },
            'ServiceNow State': {
              complex: {
                root: 'state',
                transformers: ['1', '2', '3', '6', '7', '8'].map((s) => replace(s, `${s} - x`)),
              },
            },
            'ServiceNow Priority': {
              complex: {
                root: 'priority',
                transformers: ['1', '2', '3', '4', '5'].map((s) => replace(s, `${s} - x`)),
              },
            },
          },
        },
      },
    },
    'mapping-incoming',
    'bench',
  );
  const events = snow.records.list().slice(0, 1_000);
  const started = performance.now();
  for (let round = 0; round < 20; round++) for (const e of events) mapFields(mapper, 'T', e);
  const perEvent = ((performance.now() - started) * 1000) / (20 * events.length);
  figures['incoming mapping of one ServiceNow record (4 rules, 11 replaces)'] = `${perEvent.toFixed(1)} µs`;
  return figures;
}
