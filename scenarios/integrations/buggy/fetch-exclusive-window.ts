/**
 * BUG (contract.md §F.14, gaps): to avoid duplicates, fetch-incidents moves the window one
 * millisecond past the newest ticket it returned and keeps no seen ids. When a fetch stops at
 * max_fetch in the middle of tickets with the same created_at, the rest of them fall before the
 * new window and are never fetched.
 * Source: demisto/content PRs #11297, #28935, #17526 (lastRun advanced past unfetched incidents);
 * content-docs fetch-incidents-lookback.md.
 */
import { defineIntegration, type DemistoContext } from '../../../harness/runtime/typescript/index.ts';
import { reference, referenceCommand, withDemisto } from './reference.ts';

function fetchIncidents(demisto: DemistoContext): unknown {
  const setLastRun = (value: unknown) => {
    const { last_fetch: lastFetch } = value as { last_fetch?: string };
    const ms = lastFetch === undefined ? NaN : Date.parse(lastFetch);
    // The bug: an exclusive window instead of an inclusive one plus seen ids.
    demisto.setLastRun(Number.isNaN(ms) ? value : { last_fetch: new Date(ms + 1).toISOString() });
  };
  return referenceCommand('fetch-incidents')(withDemisto(demisto, { setLastRun }));
}

export default defineIntegration({
  name: 'Helpdesk (fetch exclusive window)',
  commands: { ...reference.commands, 'fetch-incidents': fetchIncidents },
});
