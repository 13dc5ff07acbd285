/**
 * BUG (contract.md §F.3): when the helpdesk cannot search by update time (HTTP 501), the integration
 * reports it as an ordinary error (e.g. `raise DemistoException(str(e))`) instead of letting
 * NotImplementedError through. CommonServerPython's return_error prefixes every other error of
 * get-modified-remote-data with "skip update. error:", so the server skips the whole mirror-in
 * cycle — every cycle — instead of falling back to polling each incident with get-remote-data.
 * Source: demisto/content CommonServerPython.py `return_error` (the NotImplementedError check);
 * XSOAR Mirroring re-raises `NotImplementedError('Command not implemented')` for this reason.
 */
import {
  defineIntegration,
  NotImplementedError,
  returnError,
  type DemistoContext,
} from '../../../harness/runtime/typescript/index.ts';
import { reference, referenceCommand } from './reference.ts';

async function getModifiedRemoteData(demisto: DemistoContext): Promise<unknown> {
  try {
    return await referenceCommand('get-modified-remote-data')(demisto);
  } catch (e) {
    if (!(e instanceof NotImplementedError)) throw e;
    // The bug: "not implemented" turned into a generic error.
    returnError(
      demisto,
      `Failed to execute get-modified-remote-data command.\nError:\n${e.message}`,
      new Error(e.message),
    );
  }
}

export default defineIntegration({
  name: 'Helpdesk (NotImplementedError wrapped)',
  commands: { ...reference.commands, 'get-modified-remote-data': getModifiedRemoteData },
});
