/**
 * BUG (contract.md §F.6): update-remote-system treats every empty value in `data` as "clear this
 * field" (ServiceNow v2's `get_ticket_fields` collects them in `fields_to_clear`). The incident has
 * not yet received the ticket's assignee or description through mirror-in, so the first push wipes
 * them in the helpdesk: "mirror-out took precedence over mirror-in, resulting in the removal of
 * values in SNOW".
 * Source: demisto/content ServiceNowv2.py `get_ticket_fields`, PR #38761; Azure Sentinel's fix in
 * PR #37498.
 */
import {
  defineIntegration,
  UpdateRemoteSystemArgs,
  type DemistoContext,
} from '../../../harness/runtime/typescript/index.ts';
import { HelpdeskClient } from '../helpdesk/client.ts';
import { readSettings } from '../helpdesk/settings.ts';
import { reference, referenceCommand } from './reference.ts';

/** Ticket field ← incident field, as the reference maps them out. */
const CLEARABLE: Record<string, string> = { description: 'details', assignee: 'owner' };

async function updateRemoteSystem(demisto: DemistoContext): Promise<unknown> {
  const args = new UpdateRemoteSystemArgs(demisto.args());
  const data = (args.data ?? {}) as Record<string, unknown>;
  const id = args.remoteIncidentId ? String(args.remoteIncidentId) : '';
  if (id && args.incidentChanged) {
    // The bug: an empty local value means "clear it remotely".
    const clear: Record<string, unknown> = {};
    for (const [ticketField, incidentField] of Object.entries(CLEARABLE)) {
      if (incidentField in data && !data[incidentField])
        clear[ticketField] = ticketField === 'assignee' ? null : '';
    }
    if (Object.keys(clear).length > 0) {
      const settings = readSettings(demisto.params());
      await new HelpdeskClient(settings.apiBase, settings.apiKey).updateTicket(id, clear);
    }
  }
  return referenceCommand('update-remote-system')(demisto);
}

export default defineIntegration({
  name: 'Helpdesk (empty values clear remote fields)',
  commands: { ...reference.commands, 'update-remote-system': updateRemoteSystem },
});
