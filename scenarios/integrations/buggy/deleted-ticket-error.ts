/**
 * BUG (contract.md §F.22): get-remote-data treats a deleted ticket (404) like any other API error.
 * Every cycle ends in an error entry for that incident, and the incident stays open forever —
 * instead of closing it once (Zendesk v2 with close_incident) or saying "Ticket … was not found."
 * as ServiceNow v2 does.
 * Source: demisto/content Zendeskv2.py (closes the incident on 404), ServiceNowv2.py (returns the
 * "was not found" text), XSOARmirroring.py (`in_mirror_error` field).
 */
import {
  defineIntegration,
  GetRemoteDataArgs,
  returnError,
  type DemistoContext,
} from '../../../harness/runtime/typescript/index.ts';
import { HelpdeskClient } from '../helpdesk/client.ts';
import { readSettings } from '../helpdesk/settings.ts';
import { reference, referenceCommand } from './reference.ts';

async function getRemoteData(demisto: DemistoContext): Promise<unknown> {
  const settings = readSettings(demisto.params());
  const id = String(new GetRemoteDataArgs(demisto.args()).remoteIncidentId);
  try {
    await new HelpdeskClient(settings.apiBase, settings.apiKey).getTicket(id);
  } catch (e) {
    // The bug: a 404 is just another failure.
    returnError(demisto, `Failed to execute get-remote-data command.\nError:\n${(e as Error).message}`, e);
  }
  return referenceCommand('get-remote-data')(demisto);
}

export default defineIntegration({
  name: 'Helpdesk (deleted ticket is an error)',
  commands: { ...reference.commands, 'get-remote-data': getRemoteData },
});
