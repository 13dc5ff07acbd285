/**
 * QUIRK, not a bug (contract.md §F.4): like Zendesk v2, get-modified-remote-data emits NO result at
 * all when no ticket changed (instead of an empty id list). A server must read "no result entries"
 * as "nothing to pull", not as an error or a "not implemented" that polls every incident.
 * Source: demisto/content Zendeskv2.py `get_modified_remote_data_command`.
 */
import {
  defineIntegration,
  GetModifiedRemoteDataResponse,
  type DemistoContext,
} from '../../../harness/runtime/typescript/index.ts';
import { reference, referenceCommand } from './reference.ts';

async function getModifiedRemoteData(demisto: DemistoContext): Promise<unknown> {
  const result = await referenceCommand('get-modified-remote-data')(demisto);
  const ids = result instanceof GetModifiedRemoteDataResponse ? result.modifiedIncidentIds : undefined;
  // Nothing modified: say nothing (returning undefined writes no entry).
  return Array.isArray(ids) && ids.length === 0 ? undefined : result;
}

export default defineIntegration({
  name: 'Helpdesk (quiet get-modified-remote-data)',
  commands: { ...reference.commands, 'get-modified-remote-data': getModifiedRemoteData },
});
