/**
 * The ServiceNow fake's model on a fake clock: what a create fills in, stamping and sys_mod_count,
 * journal entries, the per-table state machines (close, resolve, reopen) and the records API.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../mocks/shared/index.ts';
import {
  createServicenow,
  incidentPriority,
  type Servicenow,
} from '../../mocks/ticketing/servicenow/index.ts';

let now: number;
const clock = { now: () => now };
let sn: Servicenow;
const advance = (ms: number) => (now += ms);

beforeEach(async () => {
  now = Date.parse('2026-03-01T12:00:00Z');
  sn = await createServicenow({ clock, seed: 7, tickets: 0 });
});

describe('creating records', () => {
  it('numbers a ticket and fills every column the platform would, stamped from the clock', () => {
    const inc = sn.records.create('incident', { short_description: 'Disk full', u_team: 'storage' });
    expect(inc).toMatchObject({
      number: 'INC0010001',
      sys_class_name: 'incident',
      state: '1',
      incident_state: '1',
      active: 'true',
      impact: '3',
      urgency: '3',
      priority: '5',
      opened_at: '2026-03-01 12:00:00',
      sys_created_on: '2026-03-01 12:00:00',
      sys_updated_on: '2026-03-01 12:00:00',
      sys_created_by: 'admin',
      sys_mod_count: '0',
      close_code: '',
      closed_at: '',
      sla_due: '',
      due_date: '',
      child_incidents: '0',
      escalation: '0',
      notify: '1',
      comments: '',
      work_notes: '',
      u_team: 'storage',
    });
    expect(inc.sys_id).toMatch(/^[0-9a-f]{32}$/);
    // The fake's own user has a sys_user record, so opened_by references it.
    expect(inc.opened_by).toBe(sn.records.list('sys_user', 'user_name=admin')[0]!.sys_id);
    expect(sn.records.create('incident', {}).number).toBe('INC0010002');
  });

  it('numbers each ticket table with its own prefix and new state', () => {
    expect(sn.records.create('sc_task', {})).toMatchObject({ number: 'SCTASK0010001', state: '1' });
    expect(sn.records.create('sc_req_item', {})).toMatchObject({ number: 'RITM0010001', state: '1' });
    expect(sn.records.create('sn_si_incident', {})).toMatchObject({ number: 'SIR0010001', state: '10' });
  });

  it('keeps other tables plain: no number, no ticket columns', () => {
    const label = sn.records.create('label_entry', { label: 'x' });
    expect(label.number).toBeUndefined();
    expect(label.state).toBeUndefined();
  });

  it('computes the incident priority from impact and urgency unless it is given', () => {
    expect(sn.records.create('incident', { impact: '1', urgency: '1' }).priority).toBe('1');
    expect(sn.records.create('incident', { impact: '2', urgency: '3' }).priority).toBe('4');
    expect(sn.records.create('incident', { impact: '1', priority: '5' }).priority).toBe('5');
    expect(incidentPriority('x', '1')).toBeUndefined();
  });

  it('ignores sys_ fields in the input but takes a valid sys_id and a number', () => {
    const inc = sn.records.create('incident', {
      sys_id: 'c'.repeat(32),
      number: 'INC0099999',
      sys_created_on: '1999-01-01 00:00:00',
    });
    expect(inc).toMatchObject({
      sys_id: 'c'.repeat(32),
      number: 'INC0099999',
      sys_created_on: '2026-03-01 12:00:00',
    });
    expect(() => sn.records.create('incident', { sys_id: 'c'.repeat(32) })).toThrow(/already exists/);
  });
});

describe('updating records', () => {
  it('stamps sys_updated_on/by and bumps sys_mod_count on a change, not on a no-op', () => {
    const id = sn.records.create('incident', { short_description: 'a' }).sys_id!;
    advance(90_000);
    const same = sn.records.update('incident', id, { short_description: 'a' }, 'beth');
    expect(same).toMatchObject({ sys_updated_on: '2026-03-01 12:00:00', sys_mod_count: '0' });
    const changed = sn.records.update('incident', id, { short_description: 'b' }, 'beth');
    expect(changed).toMatchObject({
      sys_updated_on: '2026-03-01 12:01:30',
      sys_updated_by: 'beth',
      sys_mod_count: '1',
    });
  });

  it('stores numbers and booleans as text and keeps the number of an "N - label" integer value', () => {
    const id = sn.records.create('incident', {}).sys_id!;
    const rec = sn.records.update('incident', id, {
      u_count: 3,
      u_flag: true,
      notify: '2 - Send Email',
      short_description: '1 - not an integer column',
    });
    expect(rec).toMatchObject({
      u_count: '3',
      u_flag: 'true',
      notify: '2',
      short_description: '1 - not an integer column',
    });
    expect(() => sn.records.update('incident', id, { u_list: ['a'] })).toThrow(/expected a string/);
  });

  it('throws the platform 404 for a missing record', () => {
    let error: unknown;
    try {
      sn.records.update('incident', 'f'.repeat(32), { state: '2' });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      status: 404,
      code: 'No Record found',
      message: "Record doesn't exist or ACL restricts the record retrieval",
    });
  });
});

describe('journal', () => {
  it('turns comments and work notes into sys_journal_field entries and bumps the record', () => {
    const id = sn.records.create('incident', {}).sys_id!;
    advance(60_000);
    sn.records.comment('incident', id, { body: 'Called the user' });
    advance(60_000);
    const rec = sn.records.comment('incident', id, { body: 'Escalating', workNote: true, author: 'beth' });
    expect(rec).toMatchObject({ comments: '', work_notes: '', sys_updated_on: '2026-03-01 12:02:00' });
    expect(rec.sys_mod_count).toBe('2');
    const entries = sn.records.journal('incident', id);
    expect(entries).toEqual([
      expect.objectContaining({
        element: 'comments',
        element_id: id,
        name: 'incident',
        value: 'Called the user',
        sys_created_on: '2026-03-01 12:01:00',
        sys_created_by: 'admin',
      }),
      expect.objectContaining({ element: 'work_notes', value: 'Escalating', sys_created_by: 'beth' }),
    ]);
    expect(entries[0]!.sys_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('adds nothing for an empty comment', () => {
    const id = sn.records.create('incident', {}).sys_id!;
    const rec = sn.records.update('incident', id, { comments: '  ' });
    expect(sn.records.journal('incident', id)).toEqual([]);
    expect(rec.sys_mod_count).toBe('0');
  });
});

describe('state machines', () => {
  it('closes an incident: state 7, close code and notes, resolved/closed stamps, inactive', () => {
    const id = sn.records.create('incident', {}).sys_id!;
    advance(5 * 60_000);
    const closed = sn.records.close('incident', id, { code: 'Solved (Work Around)', notes: 'Rebooted' });
    expect(closed).toMatchObject({
      state: '7',
      incident_state: '7',
      close_code: 'Solved (Work Around)',
      close_notes: 'Rebooted',
      resolved_at: '2026-03-01 12:05:00',
      closed_at: '2026-03-01 12:05:00',
      active: 'false',
    });
    expect(closed.closed_by).toMatch(/^[0-9a-f]{32}$/);
  });

  it('resolves an incident (state 6): resolved stamps only, still active', () => {
    const id = sn.records.create('incident', {}).sys_id!;
    const resolved = sn.records.resolve('incident', id, { notes: 'Done' });
    expect(resolved).toMatchObject({
      state: '6',
      close_notes: 'Done',
      resolved_at: '2026-03-01 12:00:00',
      closed_at: '',
      active: 'true',
    });
    expect(
      sn.records.close('incident', sn.records.create('incident', {}).sys_id!, { resolve: true }).state,
    ).toBe('6');
  });

  it('reopens: back to In Progress, stamps cleared, reopen_count and reopened_by/time set', () => {
    const id = sn.records.create('incident', {}).sys_id!;
    sn.records.close('incident', id);
    advance(60_000);
    const reopened = sn.records.reopen('incident', id);
    expect(reopened).toMatchObject({
      state: '2',
      active: 'true',
      resolved_at: '',
      closed_at: '',
      closed_by: '',
      reopen_count: '1',
      reopened_time: '2026-03-01 12:01:00',
    });
  });

  it('cancels an incident (state 8): inactive without a closed_at', () => {
    const id = sn.records.create('incident', {}).sys_id!;
    expect(sn.records.update('incident', id, { state: '8' })).toMatchObject({
      active: 'false',
      closed_at: '',
    });
  });

  it('closes catalog tasks and security incidents with their own closed state (3)', () => {
    const task = sn.records.create('sc_task', {}).sys_id!;
    expect(sn.records.close('sc_task', task)).toMatchObject({ state: '3', active: 'false' });
    expect(sn.records.reopen('sc_task', task)).toMatchObject({ state: '2', active: 'true', closed_at: '' });
    const sir = sn.records.create('sn_si_incident', {}).sys_id!;
    expect(sn.records.close('sn_si_incident', sir)).toMatchObject({ state: '3', active: 'false' });
    expect(sn.records.reopen('sn_si_incident', sir).state).toBe('16');
  });

  it('refuses close/reopen on a table without a state machine', () => {
    const label = sn.records.create('label_entry', {}).sys_id!;
    expect(() => sn.records.close('label_entry', label)).toThrow(/has no state machine/);
  });
});

describe('records API', () => {
  it('lists a table filtered by an encoded query', () => {
    sn.records.create('incident', { short_description: 'VPN down', impact: '1' });
    sn.records.create('incident', { short_description: 'Mail slow' });
    expect(sn.records.list('incident', 'impact=1').map((r) => r.short_description)).toEqual(['VPN down']);
    expect(sn.records.list().length).toBe(2);
  });

  it('attaches files, bumping the record, and removes records', () => {
    const id = sn.records.create('incident', {}).sys_id!;
    advance(1000);
    const meta = sn.records.attach('incident', id, { name: 'log.txt', content: 'hello' });
    expect(meta).toMatchObject({ file_name: 'log.txt', size_bytes: '5', table_sys_id: id });
    expect(sn.records.get('incident', id)!.sys_updated_on).toBe('2026-03-01 12:00:01');
    expect(sn.records.attachments('incident', id)).toHaveLength(1);
    sn.records.remove('incident', id);
    expect(sn.records.get('incident', id)).toBeUndefined();
  });

  it('seeds realistic incidents by seed, the same for the same seed', async () => {
    const a = await createServicenow({ clock, seed: 11, tickets: 3 });
    const b = await createServicenow({ clock, seed: 11, tickets: 3 });
    expect(a.snapshot()).toEqual(b.snapshot());
    for (const inc of a.records.list()) {
      expect(inc.number).toMatch(/^INC\d{7}$/);
      expect(['1', '2', '3']).toContain(inc.state);
      expect(inc.priority).toBe(String(Number(inc.impact) + Number(inc.urgency) - 1));
      expect(a.records.get('sys_user', inc.caller_id!)).toBeDefined();
      expect(a.records.get('sys_user_group', inc.assignment_group!)).toBeDefined();
    }
  });

  it('resets to the state it started with', () => {
    sn.records.create('incident', {});
    sn.reset();
    expect(sn.records.list()).toEqual([]);
  });
});

describe('rate limiter window', () => {
  it('reports limit, remaining and reset on the shared clock without spending', () => {
    const limiter = createRateLimiter(clock, { requests: 2, windowMs: 60_000 });
    expect(limiter.window('u')).toEqual({
      limit: 2,
      remaining: 2,
      resetAtMs: Date.parse('2026-03-01T12:01:00Z'),
    });
    limiter.take('u');
    expect(limiter.window('u')!.remaining).toBe(1);
    expect(limiter.window('other')!.remaining).toBe(2);
    limiter.set(null);
    expect(limiter.window('u')).toBeNull();
  });
});
