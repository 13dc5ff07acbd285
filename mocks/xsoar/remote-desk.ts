/**
 * What the dashboard needs from a fake third party, as a structural type: mocks/xsoar never imports
 * a vendor (design.md §4 rule 3); the demo hands the helpdesk object in, and its methods throw the
 * vendor's own errors (an `HttpError` with a status) that the error middleware passes through.
 */
import type { TicketView } from '../shared/index.ts';

export type RemoteRecord = { id: string };

export interface RemoteDesk {
  /** Shown in the dashboard ("Helpdesk"). */
  readonly name: string;
  /** Where the fake listens, when it does (shown, never called). */
  readonly url?: string;
  /** How the dashboard shows and edits its records: the vendor's fields, sorts and actions. */
  readonly view: TicketView;
  tickets: {
    list(): RemoteRecord[];
    get(id: string): RemoteRecord | undefined;
    update(id: string, patch: Record<string, unknown>): RemoteRecord;
    close(id: string, reason?: string, notes?: string): RemoteRecord;
    reopen(id: string): RemoteRecord;
    comment(id: string, input: { body: string; author?: string; internal?: boolean }): RemoteRecord;
    comments(id: string): RemoteRecord[];
  };
}
