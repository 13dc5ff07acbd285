/**
 * Turns an update body (a whole incident or a few fields) into the field changes to apply. Only
 * values that differ from the stored incident count, so posting back a loaded incident does not
 * mark every field dirty (dirty fields block mirror-in, contract.md §C). Lifecycle and mirroring
 * fields cannot be changed this way: they have their own routes or are stamped once (§B.3).
 */
import { HarnessError } from '../../harness/core/index.ts';
import type { Incident, Json } from '../../harness/index.ts';

/**
 * `closingUserId` is stamped by the close itself, so a posted value is dropped rather than refused:
 * XSOAR Mirroring's update_remote_system posts back the server's delta of a local close (which
 * carries closingUserId) and then closes with POST /incident/close — refusing it would fail every
 * close going out.
 */
const IGNORED = new Set(['id', 'version', 'CustomFields', 'modified', 'closingUserId']);
const LIFECYCLE: Record<string, string> = {
  status: 'close with POST /incident/close and reopen with POST /incident/reopen',
  closed: 'close with POST /incident/close',
};

export function toFieldChanges(incident: Incident, body: Record<string, unknown>): Record<string, Json> {
  const stored = incident as unknown as Record<string, Json>;
  const changes: Record<string, Json> = {};
  const refused: string[] = [];
  for (const [field, value] of Object.entries(body)) {
    if (IGNORED.has(field) || value === undefined) continue;
    if (JSON.stringify(stored[field]) === JSON.stringify(value)) continue;
    if (LIFECYCLE[field]) refused.push(`"${field}" (${LIFECYCLE[field]})`);
    else if (
      field.startsWith('dbot') ||
      ['created', 'investigationId', 'sourceBrand', 'sourceInstance', 'rawJSON'].includes(field)
    ) {
      refused.push(`"${field}" (set once when the incident is created)`);
    } else changes[field] = value as Json;
  }
  const custom = body.CustomFields;
  if (custom && typeof custom === 'object' && !Array.isArray(custom)) {
    for (const [field, value] of Object.entries(custom as Record<string, unknown>)) {
      if (JSON.stringify(incident.CustomFields[field] ?? null) !== JSON.stringify(value ?? null))
        changes[field] = value as Json;
    }
  }
  if (refused.length) {
    throw new HarnessError(
      'invalid-input',
      `xsoar api: failed to update incident ${incident.id}: these fields cannot be changed by an update: ${refused.join(', ')}. Leave them out or send their current values.`,
    );
  }
  return changes;
}
