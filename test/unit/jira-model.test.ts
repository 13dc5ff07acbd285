/**
 * The Jira fake's model API: stamping from the shared clock, the workflow, bad input changing
 * nothing, seeding and reset. No server: the fake's state and model only.
 */
import { describe, expect, it } from 'vitest';
import { createJira } from '../../mocks/ticketing/jira/index.ts';

let now = Date.parse('2026-04-01T09:00:00.000Z');
const clock = { now: () => now };

describe('jira.issues', () => {
  it('stamps created/updated from the shared clock and bumps updated only on a real change', async () => {
    now = Date.parse('2026-04-01T09:00:00.000Z');
    const jira = await createJira({ clock, tickets: [{ summary: 'VPN down', labels: ['soc'] }] });
    const issue = jira.issues.get('SOC-1')!;
    expect(issue).toMatchObject({
      id: '10001',
      created: now,
      updated: now,
      status: 'To Do',
      priority: 'Medium',
    });
    now += 60_000;
    jira.issues.update('SOC-1', { labels: ['soc'] });
    expect(jira.issues.get('soc-1')!.updated).toBe(Date.parse('2026-04-01T09:00:00.000Z'));
    jira.issues.update('10001', { priority: 'High' });
    expect(jira.issues.get('SOC-1')!).toMatchObject({ updated: now, priority: 'High' });
    expect(jira.issues.get('SOC-1')!.changelog.at(-1)!.items).toEqual([
      { field: 'priority', fieldtype: 'jira', from: null, fromString: 'Medium', to: null, toString: 'High' },
    ]);
  });

  it('creates in a status through the workflow, closes with a resolution and reopens', async () => {
    const jira = await createJira({
      clock,
      tickets: [{ summary: 'Done already', status: 'Done', resolution: 'Duplicate' }],
    });
    expect(jira.issues.get('SOC-1')).toMatchObject({
      status: 'Done',
      resolution: 'Duplicate',
      resolutiondate: now,
    });
    jira.issues.transition('SOC-1', 'In Progress');
    expect(jira.issues.get('SOC-1')).toMatchObject({
      status: 'In Progress',
      resolution: null,
      resolutiondate: null,
    });
    expect(jira.issues.list('resolution is EMPTY').map((i) => i.key)).toEqual(['SOC-1']);
  });

  it('refuses bad input and changes nothing', async () => {
    const jira = await createJira({ clock, tickets: [{ summary: 'One' }] });
    const before = jira.snapshot();
    expect(() => jira.issues.create({ summary: 'x', priority: 'Urgent' })).toThrow(/priority must be one of/);
    expect(() => jira.issues.update('SOC-1', { summary: 'changed', custom: { customfield_1: 1 } })).toThrow(
      /no custom field/,
    );
    expect(() => jira.issues.transition('SOC-1', 'Done', 'Fixed')).toThrow(
      /resolution 'Fixed' does not exist/,
    );
    expect(() => jira.issues.comment('SOC-9', 'hi')).toThrow(/Issue does not exist/);
    expect(() => jira.issues.list('nonsense ==')).toThrow(/does not exist/);
    expect(jira.snapshot()).toEqual(before);
  });

  it('seeds the same faker issues for the same seed, and resets to them', async () => {
    const a = await createJira({ clock, seed: 7, tickets: 4 });
    const b = await createJira({ clock, seed: 7, tickets: 4 });
    expect(a.issues.list().map((i) => i.summary)).toEqual(b.issues.list().map((i) => i.summary));
    expect(new Set(a.issues.list().map((i) => i.summary)).size).toBeGreaterThan(1);
    a.issues.remove('SOC-1');
    a.reset();
    expect(a.issues.list()).toHaveLength(4);
  });
});
