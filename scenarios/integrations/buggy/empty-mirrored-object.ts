/**
 * BUG (contract.md §F.1): get-remote-data sends an EMPTY mirrored object when no ticket field changed
 * since the last pull — the mirroring doc says `{}` means "no field changes" — together with the new
 * comment entries. CommonServerPython's `GetRemoteDataResponse.extract_for_local()` returns None for
 * a falsy object, so the server receives the text "None" and the entries are silently lost.
 * Source: demisto/content CommonServerPython.py `GetRemoteDataResponse` vs content-docs
 * docs/integrations/mirroring.md; ServiceNow v2 avoids it by returning a raw list, XSOAR Mirroring by
 * always adding `id` to the object.
 */
import {
  defineIntegration,
  GetRemoteDataArgs,
  GetRemoteDataResponse,
} from '../../../harness/runtime/typescript/index.ts';
import { reference, withReferencePull } from './reference.ts';

const getRemoteData = withReferencePull((result, demisto) => {
  const id = String(new GetRemoteDataArgs(demisto.args()).remoteIncidentId);
  const context = (demisto.getIntegrationContext() ?? {}) as { last_objects?: Record<string, string> };
  const object = JSON.stringify(result.mirroredObject);
  const unchanged = context.last_objects?.[id] === object;
  demisto.setIntegrationContext({ ...context, last_objects: { ...context.last_objects, [id]: object } });
  // The bug: "nothing changed" is said with {} — and the entries go down with it.
  return unchanged ? new GetRemoteDataResponse({}, result.entries) : result;
});

export default defineIntegration({
  name: 'Helpdesk (empty mirrored object)',
  commands: { ...reference.commands, 'get-remote-data': getRemoteData },
});
