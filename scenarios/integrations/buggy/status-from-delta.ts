/**
 * BUG (contract.md §F.5): update-remote-system decides whether to close the ticket from the `delta`
 * (`delta.status`) instead of the `status` argument. The server's delta holds only the changed
 * (dirty) fields — a local close puts closeReason/closeNotes/closingUserId there, never `status` —
 * so the ticket is never closed although `status` is 2 and `data` is right.
 * Source: demisto/content PRs #20620 ("delta is empty … server issue") and #34868; Zendesk v2 reads
 * only `delta`.
 */
import { defineIntegration, type DemistoContext } from '../../../harness/runtime/typescript/index.ts';
import { reference, referenceCommand, withDemisto } from './reference.ts';

function updateRemoteSystem(demisto: DemistoContext): unknown {
  const args = demisto.args();
  const delta = (typeof args.delta === 'object' && args.delta !== null ? args.delta : {}) as Record<
    string,
    unknown
  >;
  // The bug: the status is looked up in the delta.
  const { status: _ignored, ...rest } = args;
  const buggyArgs = delta.status === undefined ? rest : { ...rest, status: delta.status };
  return referenceCommand('update-remote-system')(
    withDemisto(demisto, { args: () => buggyArgs as typeof args }),
  );
}

export default defineIntegration({
  name: 'Helpdesk (status read from delta)',
  commands: { ...reference.commands, 'update-remote-system': updateRemoteSystem },
});
