/**
 * The reference integration with a mirrored object that also carries the ticket's own `tags`, as
 * ServiceNow v2's mirrored object is the raw ticket: so the classifier written for fetched tickets
 * (it reads `tags`) can classify mirrored objects too — which is how re-typing on mirror-in happens
 * (contract.md §F.17; MIRDOC "Classification and Mapping with Mirroring"). Not a bug by itself.
 */
import { defineIntegration, GetRemoteDataResponse } from '../../../harness/runtime/typescript/index.ts';
import { reference, withReferencePull } from './reference.ts';

const getRemoteData = withReferencePull((result) => {
  const object = result.mirroredObject as { CustomFields?: { helpdesktags?: unknown } };
  return new GetRemoteDataResponse(
    { ...object, tags: object.CustomFields?.helpdesktags ?? [] },
    result.entries,
  );
});

export default defineIntegration({
  name: 'Helpdesk (raw mirrored object)',
  commands: { ...reference.commands, 'get-remote-data': getRemoteData },
});
