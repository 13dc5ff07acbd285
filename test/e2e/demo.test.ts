/**
 * `mirrorlab demo` end to end in real Chromium: the browser drives both sides through the dashboard
 * with typed inputs, and we wait, with a deadline of a few job delays, for each change to reach the
 * other side. Ends with the README's screenshot (the inspector open on the update that went out).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEADLINE_MS,
  eventually,
  executablePath,
  useDashboard,
  screenshotPath,
  helpdeskOf,
} from './dashboard-fixture.ts';

// `npm run screenshot` points this at the README's image; tests alone write to test-results/.
const SCREENSHOT = process.env.MIRRORLAB_SCREENSHOT ?? screenshotPath('dashboard');

describe.skipIf(!executablePath)('mirrorlab demo in Chromium', () => {
  const d = useDashboard();
  let incidentId: string;
  let ticketId: string;

  beforeAll(() => {
    const incident = d.demo.harness.incidents.list().find((i) => i.id === '1')!;
    incidentId = incident.id;
    ticketId = incident.dbotMirrorId;
  });

  it('opens an incident beside its mirrored ticket', async () => {
    await d.page.getByTestId(`incident-row-${incidentId}`).click();
    await expect.poll(() => d.page.getByTestId('ticket-detail').textContent()).toContain(ticketId);
    expect(await d.page.getByTestId('incident-detail').textContent()).toContain('Both');
    expect(await d.page.getByTestId('last-fetch').textContent()).toContain('last fetch · 6 new');
    await expect
      .poll(() => d.page.getByTestId(`ticket-row-${ticketId}`).getAttribute('aria-selected'))
      .toBe('true');
  });

  it('edits with inputs typed from the field: a select for severity, a date picker for a date', async () => {
    const { page } = d;
    await page.getByTestId('incident-edit-field').selectOption('severity');
    const severity = page.getByTestId('incident-edit-value');
    expect(await severity.evaluate((e) => e.tagName)).toBe('SELECT');
    expect(await severity.locator('option').allTextContents()).toEqual([
      'unknown',
      'info',
      'low',
      'medium',
      'high',
      'critical',
    ]);
    await severity.selectOption({ label: 'critical' });
    await page.getByTestId('incident-edit-submit').click();
    await eventually('severity 4 is saved', () => d.demo.harness.incidents.get(incidentId)?.severity === 4);

    await page.getByTestId('incident-edit-field').selectOption('occurred');
    const occurred = page.getByTestId('incident-edit-value');
    expect(await occurred.getAttribute('type')).toBe('datetime-local');
    await occurred.fill('2026-03-04T05:06');
    await page.getByTestId('incident-edit-submit').click();
    const expected = await page.evaluate(() => new Date('2026-03-04T05:06').toISOString());
    await eventually(
      'the date is saved',
      () => d.demo.harness.incidents.get(incidentId)?.occurred === expected,
    );

    await page.getByTestId('ticket-edit-field').selectOption('status');
    const status = page.getByTestId('ticket-edit-value');
    expect(await status.locator('option').allTextContents()).toEqual([
      'new',
      'open',
      'pending',
      'resolved',
      'closed',
    ]);
    await page.screenshot({ path: screenshotPath('typed-inputs'), fullPage: true });
  });

  it('shows an emptied list the same way on both sides: a dash', async () => {
    const { page } = d;
    await page.getByTestId('ticket-edit-field').selectOption('tags');
    expect(await page.getByTestId('ticket-edit-value').getAttribute('placeholder')).toBe('comma-separated');
    await page.getByTestId('ticket-edit-value').fill('');
    await page.getByTestId('ticket-edit-submit').click();
    await eventually('the empty tags reach the incident', () => {
      const tags = d.demo.harness.incidents.get(incidentId)?.CustomFields.helpdesktags;
      return Array.isArray(tags) && tags.length === 0;
    });
    await expect.poll(() => page.getByTestId('incident-field-helpdesktags').textContent()).toBe('—');
    expect(await page.getByTestId('ticket-field-tags').textContent()).toBe('—');
  });

  it('shows a refused change on its form and replaces the toast rather than piling it up', async () => {
    const { page } = d;
    await page.getByTestId('ticket-edit-field').selectOption('title');
    await page.getByTestId('ticket-edit-value').fill('');
    await page.getByTestId('ticket-edit-submit').click();
    const error = page.getByTestId('ticket-edit-error');
    await expect.poll(() => error.textContent()).toMatch(/title/);
    expect(await error.getAttribute('role')).toBe('alert');
    // The error is on the form, not in a toast (one may still show the last success).
    expect(await page.getByTestId('toast').textContent()).not.toMatch(/title/);
    expect(helpdeskOf(d.demo).get(ticketId)!.title).not.toBe('');

    await page.getByTestId('ticket-edit-value').fill('Brute force, confirmed');
    await page.getByTestId('ticket-edit-submit').click();
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe(`${ticketId}: title saved`);
    expect(await error.isHidden()).toBe(true);
    await page.getByTestId('incident-comment-text').fill('first');
    await page.getByTestId('incident-comment-submit').click();
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe(`Note added to #${incidentId}`);
    expect(await page.locator('[role=status]').count()).toBe(1);
  });

  it('sends the severity edit and a tagged note made in XSOAR to the ticket', async () => {
    const { page } = d;
    await page.getByTestId('incident-comment-text').fill('Isolated the host from the network');
    await page.getByTestId('incident-comment-tag').selectOption('comment');
    await page.getByTestId('incident-comment-submit').click();

    await eventually(
      'severity reaches the ticket',
      () => helpdeskOf(d.demo).get(ticketId)?.severity === 'critical',
    );
    const comment = await eventually('the note reaches the ticket', () =>
      helpdeskOf(d.demo)
        .comments(ticketId)
        .find((c) => c.body.includes('Isolated the host from the network')),
    );
    expect(comment.body).toContain('Mirrored from Cortex XSOAR');
    await expect
      .poll(() => page.getByTestId('ticket-field-severity').textContent(), { timeout: DEADLINE_MS })
      .toBe('critical');
  }, 30_000);

  it('brings a ticket comment and a ticket close into the incident', async () => {
    const { page } = d;
    await page.getByTestId('ticket-comment-body').fill('User confirmed they clicked the link');
    await page.getByTestId('ticket-comment-submit').click();
    await eventually('the comment becomes a War Room entry', () =>
      d.demo.harness.incidents
        .entries(incidentId)
        .some((e) => String(e.Contents).includes('User confirmed they clicked the link')),
    );
    const entries = d.demo.harness.incidents
      .entries(incidentId)
      .filter((e) => String(e.Contents).includes('User confirmed they clicked the link'));
    expect(entries).toHaveLength(1);
    await expect
      .poll(() => page.getByTestId('incident-detail').textContent(), { timeout: DEADLINE_MS })
      .toContain('User confirmed they clicked the link');

    await page.getByTestId('ticket-close-reason').fill('resolved');
    await page.getByTestId('ticket-close-notes').fill('Password reset, mailbox cleaned');
    await page.getByTestId('ticket-close-submit').click();
    const closed = await eventually('the close reaches the incident', () => {
      const i = d.demo.harness.incidents.get(incidentId);
      return i?.status === 2 ? i : undefined;
    });
    expect(closed.closeNotes).toContain('Password reset');
    await expect
      .poll(() => page.getByTestId('incident-detail').textContent(), { timeout: DEADLINE_MS })
      .toContain('Password reset, mailbox cleaned');
  }, 30_000);

  it('reopens the ticket when the incident is reopened in XSOAR', async () => {
    const { page } = d;
    await page.getByTestId('incident-reopen-submit').click();
    await eventually(
      'the incident is active again',
      () => d.demo.harness.incidents.get(incidentId)?.status === 1,
    );
    const ticket = await eventually('the reopen reaches the ticket', () => {
      const t = helpdeskOf(d.demo).get(ticketId);
      return t && t.closed_at === null ? t : undefined;
    });
    expect(['open', 'new', 'pending']).toContain(ticket.status);
    await expect
      .poll(() => page.getByTestId('ticket-field-status').textContent(), { timeout: DEADLINE_MS })
      .toBe(ticket.status);
    // Only what fits the state is offered: close again, not reopen.
    await page.getByTestId('incident-close-submit').waitFor();
    expect(await page.getByTestId('incident-reopen-submit').count()).toBe(0);
  }, 30_000);

  it('shows every mirroring command on the timeline and inspects the update that went out', async () => {
    const { page } = d;
    const text = (await page.getByTestId('timeline-command').allTextContents()).join('\n');
    for (const command of [
      'fetch-incidents',
      'get-modified-remote-data',
      'get-remote-data',
      'update-remote-system',
    ])
      expect(text).toContain(command);
    await page.getByTestId('filter-command').selectOption('update-remote-system');
    await page.getByTestId('timeline-command').last().locator('button').click();
    await expect.poll(() => page.getByTestId('inspector-args').textContent()).toContain('delta');
    // The whole timeline beside the inspector, without a toast over it.
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByTestId('toast').waitFor({ state: 'hidden' });
    expect(await page.locator('button.tl-row.inspected').count()).toBe(1);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('logs nothing but the one refused change to the console', () => {
    expect(d.problems.filter((p) => !/status of 400 \(Bad Request\)/.test(p))).toEqual([]);
    expect(d.problems.length).toBeLessThanOrEqual(1);
  });
});
