/**
 * BUG (contract.md §F.15): update-remote-system posts tagged War Room entries as ticket comments
 * WITHOUT the "Mirrored from Cortex XSOAR" marker. get-remote-data cannot tell them from comments
 * written in the helpdesk, so every note the analyst mirrors out comes back in as a second War Room
 * entry (the echo loop).
 * Source: demisto/content ServiceNowv2.py (skips notes containing "Mirrored from Cortex XSOAR"),
 * Zendeskv2.py (skips comments whose metadata.system.client is "XSOAR mirror").
 */
import {
  defineIntegration,
  UpdateRemoteSystemArgs,
  type DemistoContext,
} from '../../../harness/runtime/typescript/index.ts';
import { HelpdeskClient } from '../helpdesk/client.ts';
import { readSettings } from '../helpdesk/settings.ts';
import { reference, referenceCommand, withDemisto } from './reference.ts';

async function updateRemoteSystem(demisto: DemistoContext): Promise<unknown> {
  const args = demisto.args();
  // Fields, close and reopen as the reference does; the entries are posted below.
  const id = await referenceCommand('update-remote-system')(
    withDemisto(demisto, { args: () => ({ ...args, entries: [] }) }),
  );
  const settings = readSettings(demisto.params());
  const client = new HelpdeskClient(settings.apiBase, settings.apiKey);
  for (const entry of (new UpdateRemoteSystemArgs(args).entries ?? []) as Record<string, unknown>[]) {
    const tags = Array.isArray(entry.tags) ? entry.tags.map(String) : [];
    const internal = tags.includes(settings.workNotesTag);
    if (!internal && !tags.includes(settings.commentTag)) continue;
    // The bug: no echo marker in the body.
    await client.addComment(
      String(id),
      `(${String(entry.user || 'dbot')}): ${String(entry.contents ?? '')}`,
      internal,
    );
  }
  return id;
}

export default defineIntegration({
  name: 'Helpdesk (no echo marker)',
  commands: { ...reference.commands, 'update-remote-system': updateRemoteSystem },
});
