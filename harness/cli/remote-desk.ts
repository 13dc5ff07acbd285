/**
 * Any registry kind as the dashboard's right-hand pane (mocks/xsoar's structural RemoteDesk):
 * `mirrorlab serve` shows a scenario's remote this way, `mirrorlab demo` its vendor's fake.
 */
import type { RemoteHandle, RemoteKind, TicketView } from '../../mocks/registry/index.ts';
import type { RemoteDesk, RemoteRecord } from '../../mocks/xsoar/index.ts';

/**
 * A remote as the dashboard's right-hand pane, through the generic remote actions and its kind's
 * views: rows get `id` from the kind's id field (ServiceNow's records have none of their own),
 * comments an `internal` flag from its record view (Zendesk says `public: false`). The dashboard's
 * comment author goes through only to kinds whose comments name their author (a Zendesk author
 * is a user the fake knows by email, a Jira author an account id; their API users write instead),
 * its internal flag only to kinds that tell internal comments apart.
 */
export function toRemoteDesk(remote: RemoteHandle, kind: RemoteKind & { dashboard: TicketView }): RemoteDesk {
  const asRecord = (item: unknown): RemoteRecord => {
    const r = item as Record<string, unknown>;
    return { ...r, id: String(r[kind.view.id]) } as RemoteRecord;
  };
  const record = (id: string): RemoteRecord => {
    const found = remote.item(id);
    return found === undefined ? { id } : asRecord(found);
  };
  const internal = kind.view.comment.internal;
  return {
    name: remote.name,
    url: remote.url,
    view: kind.dashboard,
    tickets: {
      list: () => remote.items().map(asRecord),
      get: (id) => {
        const found = remote.item(id);
        return found === undefined ? undefined : asRecord(found);
      },
      update(id, patch) {
        remote.act({ update: id, fields: patch });
        return record(id);
      },
      close(id, reason, notes) {
        remote.act({ close: id, ...(reason ? { reason } : {}), ...(notes ? { notes } : {}) });
        return record(id);
      },
      reopen(id) {
        remote.act({ reopen: id });
        return record(id);
      },
      comment(id, input) {
        remote.act({
          comment: id,
          body: input.body,
          ...(input.author !== undefined && kind.view.comment.author ? { author: input.author } : {}),
          // Only kinds whose comments can be internal take the flag (Jira's comment action has none).
          ...(input.internal !== undefined && internal ? { internal: input.internal } : {}),
        });
        return record(id);
      },
      comments: (id) =>
        remote
          .comments(id)
          .map((c) => ({ ...(c as object), ...(internal ? { internal: internal(c) } : {}) }) as RemoteRecord),
    },
  };
}
