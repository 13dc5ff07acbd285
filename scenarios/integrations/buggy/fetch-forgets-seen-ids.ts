/**
 * BUG (contract.md §F.14, duplicates): fetch-incidents queries `created_since=<last_fetch>`, which is
 * inclusive, but does not keep the ids already fetched at that timestamp (`seen_ids` /
 * `found_incident_ids`). Every fetch returns the newest ticket again; XSOAR does not de-duplicate,
 * so an incident is created for it on every run.
 * Source: content-docs docs/integrations/fetching-incidents.md "Avoiding Duplicates" and
 * fetch-incidents-lookback.md (`found_incident_ids`).
 */
import { defineIntegration, type DemistoContext } from '../../../harness/runtime/typescript/index.ts';
import { reference, referenceCommand, withDemisto } from './reference.ts';

function fetchIncidents(demisto: DemistoContext): unknown {
  const getLastRun = () => {
    // The bug: the seen ids are not read back.
    const { seen_ids: _forgotten, ...lastRun } = (demisto.getLastRun() ?? {}) as Record<string, unknown>;
    return lastRun;
  };
  return referenceCommand('fetch-incidents')(
    withDemisto(demisto, { getLastRun: getLastRun as DemistoContext['getLastRun'] }),
  );
}

export default defineIntegration({
  name: 'Helpdesk (fetch forgets seen ids)',
  commands: { ...reference.commands, 'fetch-incidents': fetchIncidents },
});
