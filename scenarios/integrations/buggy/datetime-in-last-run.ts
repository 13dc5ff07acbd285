/**
 * BUG (contract.md §F.24): fetch-incidents stores a date object in lastRun (the docs' own old example
 * `setLastRun({'start_time': datetime.now()})`). The wrapper JSON-encodes every message, so the call
 * raises `TypeError: Object of type datetime is not JSON serializable` and no incident is ever
 * created.
 * Source: content-docs docs/integrations/fetching-incidents.md "Keeping lastRun Small and
 * JSON-Friendly", PR demisto/content-docs#358.
 */
import { defineIntegration, type DemistoContext } from '../../../harness/runtime/typescript/index.ts';
import { reference, referenceCommand, withDemisto } from './reference.ts';

function fetchIncidents(demisto: DemistoContext): unknown {
  // The bug: a Date (Python: datetime) inside lastRun.
  const setLastRun = (value: unknown) =>
    demisto.setLastRun({ ...(value as object), fetched_at: new Date(Date.now()) });
  return referenceCommand('fetch-incidents')(withDemisto(demisto, { setLastRun }));
}

export default defineIntegration({
  name: 'Helpdesk (datetime in lastRun)',
  commands: { ...reference.commands, 'fetch-incidents': fetchIncidents },
});
