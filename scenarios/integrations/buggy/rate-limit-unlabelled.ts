/**
 * BUG (contract.md §F.19): a 429 from the helpdesk is reported with the HTTP client's generic text
 * ("Error in API call [429] - Too Many Requests", CommonServerPython BaseClient's default) instead
 * of a message containing "API rate limit". The server does not recognise the rate limit: it skips
 * that incident, goes on hammering the API, and the skipped incident's change is never pulled
 * because the next get-modified-remote-data window starts after it.
 * Source: content-docs docs/integrations/mirroring.md ("API rate limit" stops the cycle and resumes
 * from that incident); demisto/content PR #9645 (Cortex XDR returns it); CommonServerPython
 * BaseClient._http_request error text.
 */
import { defineIntegration, type DemistoContext } from '../../../harness/runtime/typescript/index.ts';
import { reference, referenceCommand, withDemisto } from './reference.ts';

function getRemoteData(demisto: DemistoContext): unknown {
  const results = (value: unknown) => {
    const entry = value as { Type?: unknown; Contents?: unknown };
    // The bug: the rate limit is reported as a plain HTTP error.
    if (
      entry &&
      entry.Type === 4 &&
      typeof entry.Contents === 'string' &&
      entry.Contents.includes('API rate limit')
    ) {
      demisto.results({
        ...entry,
        Contents:
          'Failed to execute get-remote-data command.\nError:\nError in API call [429] - Too Many Requests',
      });
    } else demisto.results(value);
  };
  return referenceCommand('get-remote-data')(withDemisto(demisto, { results }));
}

export default defineIntegration({
  name: 'Helpdesk (rate limit unlabelled)',
  commands: { ...reference.commands, 'get-remote-data': getRemoteData },
});
