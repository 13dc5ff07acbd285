/**
 * The benches' mirrored instance: the TypeScript helpdesk reference integration wired to a helpdesk
 * fake at `url`, mirroring both ways and closing both ways, fetching only when a bench asks.
 */
import type { InstanceOptions } from '../../harness/index.ts';

const INTEGRATION = new URL('../../scenarios/integrations/helpdesk/helpdesk.ts', import.meta.url).pathname;

export function helpdeskInstance(url: string, apiKey: string, maxFetch: number): InstanceOptions {
  return {
    integration: INTEGRATION,
    params: {
      url,
      api_key: apiKey,
      max_fetch: String(maxFetch),
      mirror_direction: 'Incoming And Outgoing',
      close_incident: true,
      close_out: true,
    },
    fetch: { enabled: false },
  };
}
