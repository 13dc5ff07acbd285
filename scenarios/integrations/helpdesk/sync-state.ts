/**
 * What the integration remembers per ticket, in the instance's integration context (the Python
 * twin uses the same JSON shape):
 * - `comments_at` / `comment_ids`: the newest comment time already mirrored in and the comment ids
 *   at exactly that time. Comments are read with `created_since=comments_at` (inclusive) and those
 *   ids dropped, so equal timestamps (common on a virtual clock) neither duplicate nor lose one.
 * - `remote_done`: the ticket was last seen resolved/closed (so a later open status is a reopen).
 * - `local_closed`: the XSOAR incident is closed as far as mirroring knows (closed by our close
 *   entry, or update-remote-system saw status 2). Close and reopen are only sent when this flips,
 *   which breaks the close/reopen ping-pong (contract.md §F.16).
 * - `sent_entries`: ids of entries already mirrored out, so a retried update-remote-system (after a
 *   429 half way through) does not post a comment twice.
 */
import type { DemistoContext } from '../../../harness/runtime/typescript/index.ts';

export interface TicketSync {
  comments_at?: string;
  comment_ids?: string[];
  remote_done?: boolean;
  local_closed?: boolean;
  sent_entries?: string[];
  gone?: boolean;
}

const SENT_ENTRIES_KEPT = 500;

export class SyncState {
  private tickets: Record<string, TicketSync>;
  /** This run's own copy of the context (getIntegrationContext copies): read once, written back. */
  private readonly context: Record<string, unknown>;
  private changed = false;

  constructor(private readonly demisto: DemistoContext) {
    this.context = (demisto.getIntegrationContext() ?? {}) as Record<string, unknown>;
    this.tickets = (this.context.tickets ?? {}) as Record<string, TicketSync>;
  }

  get(id: string): Readonly<TicketSync> {
    return this.tickets[id] ?? {};
  }

  update(id: string, patch: Partial<TicketSync>): void {
    const next = { ...this.tickets[id], ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.tickets[id] ?? {})) return;
    this.tickets[id] = next;
    this.changed = true;
  }

  markSent(id: string, entryId: string): void {
    const sent = [...(this.get(id).sent_entries ?? []), entryId].slice(-SENT_ENTRIES_KEPT);
    this.update(id, { sent_entries: sent });
  }

  /** Writes the context back if anything changed; called on success and before an error return. */
  save(): void {
    if (!this.changed) return;
    this.demisto.setIntegrationContext({ ...this.context, tickets: this.tickets });
    this.changed = false;
  }
}
