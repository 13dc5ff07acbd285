import { describe, expect, it } from 'vitest';
import {
  createFaultRegistry,
  createJournal,
  createRateLimiter,
  listen,
  type HttpError,
} from '../../mocks/shared/index.ts';
import { createHelpdesk, type Ticket } from '../../mocks/ticketing/helpdesk/index.ts';
import { listTickets } from '../../mocks/ticketing/helpdesk/query.ts';

function manualClock(start = Date.parse('2026-01-01T10:00:00.000Z')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function ticketAt(id: string, updated: string): Ticket {
  return {
    id,
    title: id,
    description: '',
    status: 'new',
    severity: 'low',
    assignee: null,
    tags: [],
    created_at: updated,
    updated_at: updated,
    closed_at: null,
    close_reason: null,
    close_notes: null,
    version: 1,
  };
}

describe('helpdesk ticket listing', () => {
  const same = '2026-01-01T10:00:00.000Z';
  const tickets = ['T-10', 'T-2', 'T-1', 'T-3', 'T-11', 'T-4', 'T-5'].map((id) => ticketAt(id, same));

  it('pages through tickets with equal timestamps exactly once, tie-broken by natural id order', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = listTickets(tickets, { sort: 'updated_at', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(7);
      seen.push(...page.data.map((t) => t.id));
      cursor = page.next?.cursor;
    } while (cursor);
    expect(seen).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'T-10', 'T-11']);
  });

  it('continues after the cursor position even when the ticket under the cursor is gone', () => {
    const first = listTickets(tickets, { sort: 'updated_at', limit: 3 });
    const rest = tickets.filter((t) => t.id !== 'T-3');
    const second = listTickets(rest, { sort: 'updated_at', limit: 3, cursor: first.next!.cursor! });
    expect(second.data.map((t) => t.id)).toEqual(['T-4', 'T-5', 'T-10']);
  });

  it('sorts descending with "-" and pages by offset when asked', () => {
    const page = listTickets(tickets, { sort: '-id', limit: 3, offset: 3 });
    expect(page.data.map((t) => t.id)).toEqual(['T-4', 'T-3', 'T-2']);
    expect(page.next).toEqual({ offset: '6' });
  });

  it('includes tickets updated exactly at updated_since and excludes earlier ones', () => {
    const mixed = [
      ticketAt('T-1', '2026-01-01T09:59:59.999Z'),
      ticketAt('T-2', same),
      ticketAt('T-3', '2026-01-01T10:00:00.001Z'),
    ];
    expect(listTickets(mixed, { updated_since: same }).data.map((t) => t.id)).toEqual(['T-2', 'T-3']);
    // The same instant with an offset, and a naive time read as UTC.
    expect(listTickets(mixed, { updated_since: '2026-01-01T12:00:00+02:00' }).total).toBe(2);
    expect(listTickets(mixed, { updated_since: '2026-01-01T10:00:00' }).total).toBe(2);
  });

  it('compares stored times that are not in toISOString form by their instant', () => {
    const other = [
      ticketAt('T-1', '2026-01-01T10:59:59.999+01:00'),
      ticketAt('T-2', '2026-01-01T10:00:00Z'),
      ticketAt('T-3', '2026-01-01T11:00:00.001+01:00'),
      ticketAt('T-4', '2026-01-01T09:59:59.9Z'),
    ];
    expect(listTickets(other, { updated_since: same }).data.map((t) => t.id)).toEqual(['T-2', 'T-3']);
  });

  it.each([
    [{ limit: 501 }, /limit must be an integer 1..500/],
    [{ sort: 'priority' }, /cannot sort by "priority"/],
    [{ updated_since: 'yesterday' }, /updated_since is not an ISO-8601 time/],
    [{ cursor: 'garbage' }, /cursor is not one this helpdesk issued/],
    [{ cursor: 'x', offset: 1 }, /cursor and offset cannot be combined/],
    [{ status: 'done' }, /unknown status "done"/],
  ])('refuses the query %j with a clear 400', (filter, message) => {
    expect(() => listTickets(tickets, filter)).toThrowError(message);
    try {
      listTickets(tickets, filter);
    } catch (e) {
      expect((e as HttpError).status).toBe(400);
    }
  });
});

describe('helpdesk writes', () => {
  it('stamps every write from the shared clock and bumps the version', async () => {
    const clock = manualClock();
    const desk = await createHelpdesk({
      clock,
      tickets: [{ id: 'T-1', title: 'Phishing mail', severity: 'high' }],
    });
    expect(desk.tickets.get('T-1')).toMatchObject({
      created_at: '2026-01-01T10:00:00.000Z',
      updated_at: '2026-01-01T10:00:00.000Z',
      version: 1,
      status: 'new',
    });
    clock.advance(60_000);
    const updated = desk.tickets.update('T-1', { assignee: 'ana', version: 1 });
    expect(updated).toMatchObject({
      updated_at: '2026-01-01T10:01:00.000Z',
      version: 2,
      assignee: 'ana',
      created_at: '2026-01-01T10:00:00.000Z',
    });
  });

  it('refuses a stale version with a 409 and changes nothing', async () => {
    const clock = manualClock();
    const desk = await createHelpdesk({ clock, tickets: [{ title: 'A' }] });
    desk.tickets.update('T-1', { title: 'B' });
    const before = desk.snapshot();
    expect(() => desk.tickets.update('T-1', { title: 'C', version: 1 })).toThrowError(
      /version 1 is stale, the ticket is at version 2/,
    );
    expect(desk.snapshot()).toEqual(before);
  });

  it('touches the ticket when a comment is added, so modified-since polling sees it', async () => {
    const clock = manualClock();
    const desk = await createHelpdesk({ clock, tickets: [{ title: 'A' }] });
    clock.advance(5_000);
    const comment = desk.tickets.comment('T-1', { body: 'hello' });
    expect(comment).toMatchObject({
      id: 'C-1',
      ticket_id: 'T-1',
      author: 'api',
      internal: false,
      created_at: '2026-01-01T10:00:05.000Z',
    });
    expect(desk.tickets.list({ updated_since: '2026-01-01T10:00:05.000Z' }).map((t) => t.id)).toEqual([
      'T-1',
    ]);
  });

  it('closes and reopens with close fields set and cleared, and refuses impossible transitions', async () => {
    const clock = manualClock();
    const desk = await createHelpdesk({ clock, tickets: [{ title: 'A' }] });
    clock.advance(1_000);
    expect(desk.tickets.close('T-1', 'resolved', 'false positive')).toMatchObject({
      status: 'closed',
      closed_at: '2026-01-01T10:00:01.000Z',
      close_reason: 'resolved',
      close_notes: 'false positive',
      version: 2,
    });
    expect(() => desk.tickets.close('T-1')).toThrowError(/already closed/);
    expect(desk.tickets.reopen('T-1')).toMatchObject({
      status: 'open',
      closed_at: null,
      close_reason: null,
      close_notes: null,
      version: 3,
    });
    expect(() => desk.tickets.reopen('T-1')).toThrowError(/it is open, not resolved or closed/);
  });

  it('rolls back a seed with one bad ticket entirely', async () => {
    await expect(
      createHelpdesk({
        clock: manualClock(),
        tickets: [{ title: 'ok' }, { title: 'bad', severity: 'urgent' as never }],
      }),
    ).rejects.toThrowError(/"severity" must be one of low, medium, high, critical \(got "urgent"\)/);
  });

  it('generates the same tickets from the same seed and different ones from another', async () => {
    const a = await createHelpdesk({ clock: manualClock(), tickets: 5, seed: 42 });
    const b = await createHelpdesk({ clock: manualClock(), tickets: 5, seed: 42 });
    const c = await createHelpdesk({ clock: manualClock(), tickets: 5, seed: 43 });
    expect(a.snapshot()).toEqual(b.snapshot());
    expect(a.tickets.list().map((t) => t.title)).not.toEqual(c.tickets.list().map((t) => t.title));
    expect(new Set(a.tickets.list().map((t) => t.title)).size).toBe(5);
  });
});

describe('rate limiter', () => {
  it('allows the budget per key per window and names the seconds left in the window', () => {
    const clock = manualClock(0);
    const limiter = createRateLimiter(clock, { requests: 2, windowMs: 10_000 });
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('b')).toEqual({ allowed: true });
    clock.advance(2_500);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 8 });
    clock.advance(7_500);
    expect(limiter.take('a')).toEqual({ allowed: true });
  });

  it('lets everything through when off and refuses a malformed limit', () => {
    const limiter = createRateLimiter(manualClock());
    for (let i = 0; i < 100; i++) expect(limiter.take('a').allowed).toBe(true);
    expect(() => limiter.set({ requests: 1, windowMs: 0 })).toThrowError(/windowMs: integer > 0/);
    expect(limiter.get()).toBeNull();
  });
});

describe('fault registry', () => {
  it('fires a fault N times on its route, then the route recovers', () => {
    const faults = createFaultRegistry();
    faults.add({ method: 'get', path: '/api/v1/tickets/:id', status: 503, times: 2 });
    expect(faults.take('GET', '/api/v1/tickets')).toBeUndefined();
    expect(faults.take('POST', '/api/v1/tickets/T-1')).toBeUndefined();
    expect(faults.take('GET', '/api/v1/tickets/T-1')?.status).toBe(503);
    expect(faults.take('GET', '/api/v1/tickets/T-2')?.fired).toBe(2);
    expect(faults.take('GET', '/api/v1/tickets/T-1')).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('fires with a seeded probability: the same seed gives the same hits', () => {
    const hits = (seed: number) => {
      const faults = createFaultRegistry();
      faults.add({ path: '/api/*', status: 500, probability: 0.3, seed });
      return Array.from({ length: 200 }, () => (faults.take('GET', '/api/v1/tickets') ? 1 : 0)).join('');
    };
    const a = hits(7);
    expect(hits(7)).toBe(a);
    expect(hits(8)).not.toBe(a);
    const rate = [...a].filter((c) => c === '1').length / 200;
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.4);
  });

  it.each([
    [{ path: 'tickets', status: 500 }, /path must be a string starting with "\/"/],
    [{ path: '/x' }, /give at least one of status, reset or delayMs/],
    [{ path: '/x', status: 500, probability: 2 }, /probability must be a number 0..1/],
    [{ path: '/x', status: 500, when: 'now' }, /unknown key "when"/],
  ])('refuses the fault spec %j', (spec, message) => {
    expect(() => createFaultRegistry().add(spec as never)).toThrowError(message);
  });
});

describe('request journal', () => {
  it('keeps the newest `capacity` requests, trimmed in batches, and refuses a bad capacity', () => {
    const journal = createJournal(10);
    const record = (i: number) =>
      journal.record({ method: 'GET', path: `/r/${i}`, query: {}, status: 200, time: '' });
    for (let i = 1; i <= 11; i++) record(i);
    expect(journal.list()).toHaveLength(11); // up to 10% over between trims
    record(12);
    expect(journal.list().map((r) => r.path)).toEqual(Array.from({ length: 10 }, (_, i) => `/r/${i + 3}`));
    expect(journal.list().at(-1)!.seq).toBe(12);
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => createJournal(bad)).toThrowError(
        /journal: failed to create it: the capacity must be a whole number of requests from 1/,
      );
  });

  it("bounds a fake's journal by its journalCapacity option", async () => {
    const desk = await createHelpdesk({ clock: manualClock(), tickets: 1, journalCapacity: 5 });
    const server = await listen(desk.app());
    try {
      for (let i = 0; i < 12; i++)
        await fetch(`${server.url}/api/v1/tickets/T-1`, {
          headers: { authorization: `Bearer ${desk.apiKey}` },
        });
      // Five kept, and one more between trims (10%, rounded up).
      expect(desk.journal().map((r) => r.seq)).toEqual([7, 8, 9, 10, 11, 12]);
    } finally {
      await server.close();
    }
    await expect(createHelpdesk({ clock: manualClock(), journalCapacity: 0 })).rejects.toThrowError(
      /capacity must be a whole number/,
    );
  });
});
