/**
 * Ticket ↔ incident conversions: the fetched incident, the mirrored object of get-remote-data, the
 * War Room entries mirrored in, and the ticket patch built from an outgoing delta.
 */
import type { HelpdeskSettings } from './settings.ts';
import type { Ticket, TicketComment } from './client.ts';

/** The echo marker: a comment carrying it came from XSOAR and is never mirrored back in. */
export const ECHO_MARKER = 'Mirrored from Cortex XSOAR';
export const MAPPING_SCHEME = 'Helpdesk Ticket';

export const SEVERITY_IN: Readonly<Record<Ticket['severity'], number>> = {
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};
const DONE: readonly Ticket['status'][] = ['resolved', 'closed'];

export function isDone(ticket: Ticket): boolean {
  return DONE.includes(ticket.status);
}

/** XSOAR severity → ticket severity; 0 (unknown) or junk gives undefined: nothing is sent. */
export function toTicketSeverity(value: unknown): Ticket['severity'] | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return undefined;
  if (n <= 1) return 'low';
  if (n <= 2) return 'medium';
  if (n <= 3) return 'high';
  return 'critical';
}

export function toIncident(
  ticket: Ticket,
  settings: HelpdeskSettings,
  instance: string,
): Record<string, unknown> {
  const incident: Record<string, unknown> = {
    name: ticket.title,
    occurred: ticket.created_at,
    rawJSON: JSON.stringify(ticket),
    severity: SEVERITY_IN[ticket.severity] ?? 0,
    details: ticket.description,
    dbotMirrorId: ticket.id,
  };
  if (settings.mirrorDirection) {
    Object.assign(incident, {
      dbotMirrorDirection: settings.mirrorDirection,
      dbotMirrorInstance: instance,
      dbotMirrorTags: [settings.commentTag, settings.workNotesTag, settings.fileTag],
    });
  }
  return incident;
}

/** The mirrored object: always carries `id`, so it is never empty (an empty one drops entries, §F.1). */
export function toMirroredObject(ticket: Ticket): Record<string, unknown> {
  return {
    id: ticket.id,
    name: ticket.title,
    details: ticket.description,
    severity: SEVERITY_IN[ticket.severity] ?? 0,
    owner: ticket.assignee ?? '',
    CustomFields: {
      helpdeskstatus: ticket.status,
      helpdeskassignee: ticket.assignee ?? '',
      helpdesktags: [...ticket.tags],
    },
  };
}

export function toNoteEntry(comment: TicketComment, tag: string): Record<string, unknown> {
  const who = `${comment.author}${comment.internal ? ' (internal)' : ''}`;
  return {
    Type: 1,
    Contents: `**${who}** (${comment.created_at}, helpdesk comment ${comment.id}):\n\n${comment.body}`,
    ContentsFormat: 'markdown',
    Tags: [tag],
    Note: true,
  };
}

export function toCloseEntry(ticket: Ticket): Record<string, unknown> {
  return {
    Type: 1,
    Contents: {
      dbotIncidentClose: true,
      closeReason: ticket.close_reason || (ticket.status === 'resolved' ? 'Resolved' : 'Closed'),
      closeNotes: ticket.close_notes || `Ticket ${ticket.id} was ${ticket.status} in the helpdesk.`,
    },
    ContentsFormat: 'json',
  };
}

export const REOPEN_ENTRY: Readonly<Record<string, unknown>> = {
  Type: 1,
  Contents: { dbotIncidentReopen: true },
  ContentsFormat: 'json',
};

/** The body of a comment mirrored out: who wrote it, what, and the echo marker. */
export function toCommentBody(entry: Record<string, unknown>): string {
  const user = typeof entry.user === 'string' && entry.user ? entry.user : 'dbot';
  const contents = typeof entry.contents === 'string' ? entry.contents : JSON.stringify(entry.contents ?? '');
  return `(${user}): ${contents}\n\n${ECHO_MARKER}`;
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function tagList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.length ? value.map(String) : undefined;
  const s = nonEmptyText(value);
  return s
    ? s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
    : undefined;
}

/**
 * The ticket fields to PATCH for an outgoing delta (XSOAR names; remote names are accepted too, for
 * deltas that went through an outgoing mapper). Empty values are left out: sending them would wipe
 * remote data (contract.md §F.6). Values equal to the ticket's are left out too, so a mirrored-in
 * value is not written straight back (which would bump updated_at and ping-pong).
 */
export function toTicketPatch(delta: Record<string, unknown>, ticket: Ticket): Record<string, unknown> {
  const custom = (
    typeof delta.CustomFields === 'object' && delta.CustomFields !== null ? delta.CustomFields : {}
  ) as Record<string, unknown>;
  const pick = (...keys: string[]) =>
    keys.map((k) => (k in delta ? delta[k] : custom[k])).find((v) => v !== undefined);
  const wanted: Record<string, unknown> = {
    title: nonEmptyText(pick('name', 'title')),
    description: nonEmptyText(pick('details', 'description')),
    severity: toTicketSeverity(pick('severity')),
    assignee: nonEmptyText(pick('owner', 'assignee', 'helpdeskassignee')),
    tags: tagList(pick('helpdesktags', 'tags')),
  };
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(wanted)) {
    if (value === undefined) continue;
    const current = (ticket as unknown as Record<string, unknown>)[field];
    if (JSON.stringify(current) !== JSON.stringify(value)) patch[field] = value;
  }
  return patch;
}

/** The remote schema for get-mapping-fields: ticket field → description. */
export const TICKET_FIELDS: Readonly<Record<string, string>> = {
  title: 'Ticket title (XSOAR name)',
  description: 'Ticket description (XSOAR details)',
  severity: 'low, medium, high or critical (XSOAR severity 1-4)',
  assignee: 'Assignee (XSOAR owner)',
  tags: 'List of tags',
  status: 'new, open, pending, resolved or closed',
  close_reason: 'Close reason',
  close_notes: 'Close notes',
};
