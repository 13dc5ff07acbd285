/**
 * BUG (contract.md §F.16): get-remote-data keeps no close state between runs: it adds a
 * `dbotIncidentClose` entry whenever the ticket is resolved or closed, not only when the ticket
 * BECOMES done. An analyst who reopens the incident while the ticket stays closed sees it closed
 * again by the next pull (any new comment on the ticket triggers one) — the reopen/close flapping
 * half of the close/reopen ping-pong.
 * Source: ZTAP integration (compares the remote reopen time with the local close time to avoid
 * it, secondary public copy); demisto/content PR #44455 (Google Threat Intelligence "Reopen
 * Incident for Open Alert Status").
 */
import { defineIntegration, type DemistoContext } from '../../../harness/runtime/typescript/index.ts';
import { reference, referenceCommand, withDemisto } from './reference.ts';

type Context = { tickets?: Record<string, Record<string, unknown>> } & Record<string, unknown>;

function getRemoteData(demisto: DemistoContext): unknown {
  const getIntegrationContext = () => {
    const context = (demisto.getIntegrationContext() ?? {}) as Context;
    // The bug: what was last seen about the close (remote_done, local_closed) is not remembered.
    const tickets = Object.fromEntries(
      Object.entries(context.tickets ?? {}).map(([id, { remote_done: _r, local_closed: _l, ...rest }]) => [
        id,
        rest,
      ]),
    );
    return { ...context, tickets };
  };
  return referenceCommand('get-remote-data')(
    withDemisto(demisto, {
      getIntegrationContext: getIntegrationContext as DemistoContext['getIntegrationContext'],
    }),
  );
}

export default defineIntegration({
  name: 'Helpdesk (stateless close)',
  commands: { ...reference.commands, 'get-remote-data': getRemoteData },
});
