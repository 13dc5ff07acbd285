/**
 * BUG (contract.md §F.2): get-mapping-fields passes ONE SchemeTypeMapping to GetMappingFieldsResponse
 * instead of a list, as the mirroring doc's own example does. CommonServerPython iterates it and
 * raises TypeError, so "Select schema" in the mapper shows an error instead of the ticket fields.
 * Source: demisto/content CommonServerPython.py `GetMappingFieldsResponse.extract_mapping` vs the
 * example in content-docs docs/integrations/mirroring.md.
 */
import {
  defineIntegration,
  GetMappingFieldsResponse,
  SchemeTypeMapping,
} from '../../../harness/runtime/typescript/index.ts';
import { MAPPING_SCHEME, TICKET_FIELDS } from '../helpdesk/mapping.ts';
import { reference } from './reference.ts';

function getMappingFields(): GetMappingFieldsResponse {
  const scheme = new SchemeTypeMapping(MAPPING_SCHEME);
  for (const [field, description] of Object.entries(TICKET_FIELDS)) scheme.addField(field, description);
  // The bug: a single scheme where a list of schemes is expected.
  return new GetMappingFieldsResponse(scheme as unknown as SchemeTypeMapping[]);
}

export default defineIntegration({
  name: 'Helpdesk (single mapping scheme)',
  commands: { ...reference.commands, 'get-mapping-fields': getMappingFields },
});
