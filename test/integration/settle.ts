/**
 * The invariant of a mirrored pair of systems: once they settle (a few mirror cycles with no new
 * changes), both sides agree and nothing is duplicated. Used by the helpdesk end-to-end suite after
 * every scenario, so a bug that only shows as drift or an echo loop fails loudly.
 */
import { expect } from 'vitest';
import type { Harness } from '../../harness/index.ts';
import type { Entry, Incident } from '../../harness/core/index.ts';
import type { Helpdesk, Ticket } from '../../mocks/ticketing/helpdesk/index.ts';

const ECHO_MARKER = 'Mirrored from Cortex XSOAR';
const SEVERITY_IN: Record<Ticket['severity'], number> = { low: 1, medium: 2, high: 3, critical: 4 };
const DONE = ['resolved', 'closed'];

export interface SettleOptions {
  /** Instance of the helpdesk integration (default: the only one). */
  instance?: string;
  /** Mirror cycles to run before checking (default 3); the last one must change nothing. */
  cycles?: number;
}

export interface SettleReport {
  incidents: number;
  remoteComments: number;
  outgoingComments: number;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function flag(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A fingerprint of every ticket and comment: equal before and after a cycle = the cycle wrote nothing. */
function remoteFingerprint(helpdesk: Helpdesk): string {
  return JSON.stringify(
    helpdesk.tickets.list().map((t) => [t.id, t.version, helpdesk.tickets.comments(t.id).length]),
  );
}

function localFingerprint(harness: Harness): string {
  return JSON.stringify(
    harness.incidents.list().map((i) => [i.id, i.version, harness.incidents.entries(i.id).length]),
  );
}

export async function expectSettled(
  harness: Harness,
  helpdesk: Helpdesk,
  options: SettleOptions = {},
): Promise<SettleReport> {
  const world = harness.world();
  const names = Object.keys(world.instances);
  const instanceName = options.instance ?? (names.length === 1 ? names[0]! : undefined);
  if (!instanceName)
    throw new Error(
      `settle: failed to pick an instance: the harness has ${names.join(', ')}. Pass { instance }.`,
    );
  const instance = world.instances[instanceName]!;
  const params = instance.params;
  const commentTag = text(params.comment_tag ?? 'comment');
  const workNotesTag = text(params.work_notes_tag ?? 'work_note');
  const fromTag = text(params.comment_tag_from_helpdesk ?? 'CommentFromHelpdesk');
  const lifecycleBothWays = flag(params.close_incident) && flag(params.close_out);

  const cycles = Math.max(2, options.cycles ?? 3);
  for (let i = 0; i < cycles - 1; i++) await harness.advance('1m');
  // The last cycle must be quiet on both sides: no ping-pong of fields, comments, close or reopen.
  const before = [remoteFingerprint(helpdesk), localFingerprint(harness)];
  await harness.advance('1m');
  expect(
    [remoteFingerprint(helpdesk), localFingerprint(harness)],
    'a settled cycle still changed something (ping-pong?)',
  ).toEqual(before);

  const after = harness.world();
  expect(Object.keys(after.mirror.outgoing), 'changes still queued for mirror-out').toEqual([]);
  expect(
    after.mirror.instances[instanceName]?.pendingPull ?? [],
    'pulls still pending after a rate-limit stop',
  ).toEqual([]);

  const mirrored = harness.incidents
    .list()
    .filter((i) => i.dbotMirrorInstance === instanceName && i.dbotMirrorId !== '');
  const byRemote = new Map<string, Incident[]>();
  for (const incident of mirrored)
    byRemote.set(incident.dbotMirrorId, [...(byRemote.get(incident.dbotMirrorId) ?? []), incident]);
  const duplicated = [...byRemote].filter(([, list]) => list.length > 1).map(([id]) => id);
  expect(duplicated, 'tickets fetched into more than one incident').toEqual([]);

  const report: SettleReport = { incidents: mirrored.length, remoteComments: 0, outgoingComments: 0 };
  for (const incident of mirrored) {
    const ticket = helpdesk.tickets.get(incident.dbotMirrorId);
    if (!ticket) continue; // deleted remotely: the suite checks what happened to the incident
    const where = `incident ${incident.id} / ticket ${ticket.id}`;
    const direction = incident.dbotMirrorDirection;
    const entries: Entry[] = harness.incidents.entries(incident.id);
    const comments = helpdesk.tickets.comments(ticket.id);

    if (direction === 'In' || direction === 'Both') {
      const dirty = new Set(incident.dbotDirtyFields ?? []);
      const expected: Record<string, unknown> = {
        name: ticket.title,
        details: ticket.description,
        severity: SEVERITY_IN[ticket.severity],
        owner: ticket.assignee ?? '',
      };
      for (const [field, value] of Object.entries(expected)) {
        if (!dirty.has(field))
          expect((incident as unknown as Record<string, unknown>)[field], `${where}: field ${field}`).toEqual(
            value,
          );
      }
      if (!dirty.has('helpdeskstatus'))
        expect(incident.CustomFields.helpdeskstatus, `${where}: helpdeskstatus`).toBe(ticket.status);

      // Every remote comment that did not come from XSOAR is in the War Room exactly once.
      const pulled = entries.filter((e) => e.source === 'mirror-in' && e.Tags.includes(fromTag));
      for (const comment of comments.filter((c) => !c.body.includes(ECHO_MARKER))) {
        const copies = pulled.filter((e) => text(e.Contents).includes(`helpdesk comment ${comment.id})`));
        expect(copies.length, `${where}: War Room copies of remote comment ${comment.id}`).toBe(1);
        expect(text(copies[0]!.Contents), `${where}: comment ${comment.id} body`).toContain(comment.body);
        report.remoteComments++;
      }
      const echoes = entries.filter(
        (e) => e.source === 'mirror-in' && text(e.Contents).includes(ECHO_MARKER),
      );
      expect(
        echoes.map((e) => e.id),
        `${where}: XSOAR entries echoed back into the War Room`,
      ).toEqual([]);
    }

    if (direction === 'Out' || direction === 'Both') {
      // Every tagged local note is on the ticket exactly once, with the echo marker.
      const outgoing = entries.filter(
        (e) =>
          e.source === 'user' &&
          (e.Tags.includes(commentTag) || e.Tags.includes(workNotesTag)) &&
          !e.Tags.includes(fromTag),
      );
      for (const entry of outgoing) {
        const body = `(${entry.user || 'dbot'}): ${text(entry.Contents)}\n\n${ECHO_MARKER}`;
        const copies = comments.filter((c) => c.body === body);
        expect(copies.length, `${where}: remote copies of entry ${entry.id}`).toBe(1);
        expect(copies[0]!.internal, `${where}: entry ${entry.id} internal flag`).toBe(
          entry.Tags.includes(workNotesTag),
        );
        report.outgoingComments++;
      }
    }

    if (lifecycleBothWays && direction === 'Both') {
      expect(
        incident.status === 2,
        `${where}: incident closed (${incident.status}) vs ticket ${ticket.status}`,
      ).toBe(DONE.includes(ticket.status));
    }
  }
  return report;
}
