/**
 * ServiceNow v2's rule in get-remote-data (contract.md §F.13): when the instance fetches
 * (`isFetch`) and the server's `lastUpdate` is newer than the ticket's last update, the ticket is
 * sent as `{}` ("Nothing new in the ticket"): no field changes, entries still come. Sound as long
 * as the server's lastUpdate is the last pull; a server sending something newer (the incident's own
 * last modification) makes it drop real remote changes.
 * Source: demisto/content Packs/ServiceNow/Integrations/ServiceNowv2/ServiceNowv2.py
 * get_remote_data_command (`if is_fetch and last_update > ticket_last_update and not is_new_ticket_id`).
 */
import { defineIntegration, GetRemoteDataArgs } from '../../../harness/runtime/typescript/index.ts';
import { HelpdeskClient } from '../helpdesk/client.ts';
import { readSettings } from '../helpdesk/settings.ts';
import { parseTime } from '../helpdesk/time.ts';
import { reference, withReferencePull } from './reference.ts';

const getRemoteData = withReferencePull(async (result, demisto) => {
  const params = demisto.params();
  const isFetch = params.isFetch === true || params.isFetch === 'true';
  const args = new GetRemoteDataArgs(demisto.args());
  const settings = readSettings(params);
  const client = new HelpdeskClient(settings.apiBase, settings.apiKey);
  const ticket = await client.getTicket(String(args.remoteIncidentId));
  if (isFetch && (parseTime(args.lastUpdate) ?? 0) > Date.parse(ticket.updated_at)) {
    demisto.debug(`Nothing new in the ticket ${ticket.id}`);
    // SNOW returns the raw list [ticket] + entries, so an empty ticket keeps the entries (§F.1).
    return [{}, ...(Array.isArray(result.entries) ? result.entries : [])];
  }
  return result;
});

export default defineIntegration({
  name: "Helpdesk (ServiceNow v2's isFetch skip)",
  commands: { ...reference.commands, 'get-remote-data': getRemoteData },
});
