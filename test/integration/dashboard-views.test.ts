/**
 * Every registry kind with a dashboard view, driven through the same adapter the dashboard uses
 * (harness/cli/remote-desk.ts): the fields it shows exist on the kind's records, every option of
 * an editable choice is one the fake accepts, and every action the view offers (comment, close,
 * reopen) is one the kind carries out, with the effect the view promises. A view that offered an
 * action its kind refuses, or a field its records lack, fails here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { toRemoteDesk } from '../../harness/cli/remote-desk.ts';
import { BUILTIN_KINDS, startRemote, type RemoteHandle } from '../../mocks/registry/index.ts';
import type { TicketView, ViewAction } from '../../mocks/shared/index.ts';

const kinds = BUILTIN_KINDS.filter((k) => k.dashboard !== undefined);
const started: RemoteHandle[] = [];
afterAll(async () => {
  await Promise.all(started.map((r) => r.close()));
});

/** What the dashboard's form sends for an action: each input's initial value, boxes ticked. */
function formValues(action: ViewAction): Record<string, unknown> {
  return Object.fromEntries(
    action.inputs.map((i) => [i.name, i.type === 'checkbox' ? true : (i.value ?? `${i.label} text`)]),
  );
}

const isClosed = (view: TicketView, record: Record<string, unknown>) =>
  view.closedWhen.values.map(String).includes(String(record[view.closedWhen.field]));

it('lists the four built-in kinds as having a dashboard view', () => {
  expect(kinds.map((k) => k.kind)).toEqual(['helpdesk', 'servicenow', 'zendesk', 'jira']);
});

describe.each(kinds)('the $kind dashboard view', (kind) => {
  const view = kind.dashboard!;
  const start = async () => {
    const remote = await startRemote(
      kind.kind,
      { kind: kind.kind, seed: 5, tickets: 8 },
      { clock: { now: () => Date.now() } },
    );
    started.push(remote);
    return { remote, desk: toRemoteDesk(remote, { ...kind, dashboard: view }) };
  };

  it("shows fields the kind's records have, and sorts on them", async () => {
    const { desk } = await start();
    const records = desk.tickets.list() as unknown as Record<string, unknown>[];
    expect(records.length).toBe(8);
    const keys = new Set(records.flatMap((r) => Object.keys(r)));
    const missing = [
      view.title,
      ...view.badges,
      ...view.fields.map((f) => f.key),
      ...view.sorts.map((s) => s.field),
      view.closedWhen.field,
    ].filter((k) => !keys.has(k));
    expect(missing).toEqual([]);
    for (const r of records) expect(typeof r.id).toBe('string');
  });

  it('accepts every option of its editable choice fields on some open record', async () => {
    const { desk } = await start();
    const open = (desk.tickets.list() as unknown as Record<string, unknown>[])
      .filter((r) => !isClosed(view, r))
      .map((r) => String(r.id));
    expect(open.length).toBeGreaterThan(1);
    const closing = view.closedWhen.values.map(String);
    for (const field of view.fields.filter((f) => f.type === 'choice' && f.editable)) {
      // Closing states are the close action's business (a closed Zendesk ticket takes no more edits).
      // Values the view marks as not settable are never offered (Zendesk's new).
      const values = field
        .options!.filter((o) => o.settable !== false)
        .map((o) => o.value)
        .filter((v) => field.key !== view.closedWhen.field || !closing.includes(String(v)));
      for (const value of values) {
        // Tried on each open record in turn: one refusing a value in its state says so in the
        // vendor's own words (a 4xx the edit form shows), but some record must take it.
        const refusals: string[] = [];
        const taken = open.find((id) => {
          try {
            desk.tickets.update(id, { [field.key]: value });
            const now = desk.tickets.get(id) as unknown as Record<string, unknown>;
            return String(now[field.key]) === String(value);
          } catch (e) {
            expect((e as { status?: number }).status, (e as Error).message).toBeGreaterThanOrEqual(400);
            refusals.push((e as Error).message);
            return false;
          }
        });
        expect(taken, `${field.key} = ${value}: ${refusals.join('; ')}`).toBeDefined();
      }
    }
  });

  it('carries out every action it offers, with the effect it promises', async () => {
    const { desk } = await start();
    const open = (desk.tickets.list() as unknown as Record<string, unknown>[]).find(
      (r) => !isClosed(view, r),
    )!;
    const id = String(open.id);
    const offered = view.actions.map((a) => a.kind);
    expect(offered).toContain('comment');
    for (const action of view.actions) expect(Object.keys(kind.actions)).toContain(action.kind);

    const comment = view.actions.find((a) => a.kind === 'comment')!;
    const before = desk.tickets.comments(id).length;
    const values = formValues(comment);
    desk.tickets.comment(id, { body: String(values.body), author: 'demo.agent', internal: true });
    const comments = desk.tickets.comments(id) as unknown as Record<string, unknown>[];
    expect(comments).toHaveLength(before + 1);
    expect(comments.at(-1)![view.comments.body]).toContain(String(values.body));
    if (view.comments.internal) expect(comments.at(-1)![view.comments.internal]).toBe(true);

    const close = view.actions.find((a) => a.kind === 'close');
    if (close) {
      expect(close.when).toBe('open');
      const v = formValues(close);
      desk.tickets.close(id, v.reason as string | undefined, v.notes as string | undefined);
      expect(isClosed(view, desk.tickets.get(id) as unknown as Record<string, unknown>)).toBe(true);
    }
    const reopen = view.actions.find((a) => a.kind === 'reopen');
    if (reopen) {
      expect(reopen.when).toBe('closed');
      desk.tickets.reopen(id);
      expect(isClosed(view, desk.tickets.get(id) as unknown as Record<string, unknown>)).toBe(false);
    } else if (close) {
      // A view without reopen must have a reason: its kind refuses to reopen what close leaves.
      expect(() => desk.tickets.reopen(id)).toThrow();
    }
  });
});
