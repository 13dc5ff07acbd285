/**
 * The dashboard for keyboard users and under audit, in real Chromium: keyboard navigation of the
 * lists, forms and timeline; a chosen, stable sort that keeps the selection in view; an axe-core
 * audit; and a page on another port of 127.0.0.1 that tries to drive the dashboard API (CSRF).
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { eventually, executablePath, helpdeskOf, useDashboard, screenshotPath } from './dashboard-fixture.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SEVERITY_RANK = ['low', 'medium', 'high', 'critical'];
const naturalId = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

describe.skipIf(!executablePath)('dashboard access in Chromium', () => {
  // Twelve tickets overflow the list, so "kept in view" has something to prove.
  const d = useDashboard({ tickets: 12 });
  const activeTestId = () => d.page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

  it('moves through a list with the arrow keys, selecting as it goes, and the other pane follows', async () => {
    const { page } = d;
    await page.getByTestId('incident-sort').focus();
    await page.keyboard.press('Tab');
    expect(await activeTestId()).toBe('incident-row-1');
    await page.keyboard.press('ArrowDown');
    expect(await activeTestId()).toBe('incident-row-2');
    await expect
      .poll(() => page.getByTestId('incident-name').textContent())
      .toBe(d.demo.harness.incidents.get('2')!.name);
    expect(await page.getByTestId('incident-row-2').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('ticket-row-T-2').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    expect(await activeTestId()).toBe('incident-row-12');
    await page.keyboard.press('Home');
    expect(await activeTestId()).toBe('incident-row-1');
    expect(await page.getByTestId('incidents').getAttribute('role')).toBe('listbox');
    expect(await page.getByTestId('incident-row-1').getAttribute('role')).toBe('option');
  });

  it('fills and sends a form with the keyboard alone', async () => {
    const { page } = d;
    await page.keyboard.press('Tab');
    expect(await activeTestId()).toBe('incident-edit-field');
    await page.getByTestId('incident-edit-field').selectOption('owner');
    await page.keyboard.press('Tab');
    expect(await activeTestId()).toBe('incident-edit-value');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('analyst.one');
    await page.keyboard.press('Enter');
    await eventually('the owner is saved', () => d.demo.harness.incidents.get('1')?.owner === 'analyst.one');
    expect(await page.getByRole('form', { name: 'Edit a field of incident 1' }).count()).toBe(1);
  });

  it('walks the timeline with the arrow keys, opens a run with Enter and comes back with Escape', async () => {
    const { page } = d;
    await page.getByTestId('timeline-pause').click();
    await page.getByTestId('timeline-pause').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('tl-row'))).toBe(true);
    const rows = page.locator('#timeline button.tl-row');
    const focused = (n: number) => rows.nth(n).evaluate((b) => b === document.activeElement);
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused(1)).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await focused(0)).toBe(true);
    // The oldest row is the first fetch-incidents: a command the inspector opens.
    await page.keyboard.press('End');
    expect(await focused((await rows.count()) - 1)).toBe(true);
    const seq = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.seq);
    expect(seq).toMatch(/^\d+$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('inspector').textContent()).toContain(`#${seq}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inspector-title');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('inspector').isHidden()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.seq)).toBe(seq);
    await page.getByTestId('timeline-pause').click();
  });

  it('keeps the chosen sort, stable on ties, across refreshes and reloads', async () => {
    const { page } = d;
    await page.getByTestId('ticket-sort').selectOption('severity');
    const expected = helpdeskOf(d.demo)
      .list()
      .sort(
        (a, b) =>
          SEVERITY_RANK.indexOf(b.severity) - SEVERITY_RANK.indexOf(a.severity) || naturalId(a.id, b.id),
      )
      .map((t) => `ticket-row-${t.id}`);
    const order = () =>
      page
        .locator('#tickets [role=option]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    await expect.poll(order).toEqual(expected);
    await page.getByTestId('mirror-now').click();
    await page.getByTestId('toast').filter({ hasText: 'Mirror cycle finished' }).waitFor();
    expect(await order()).toEqual(expected);
    await page.reload();
    await page.getByTestId('ticket-row-T-1').waitFor();
    expect(await page.getByTestId('ticket-sort').inputValue()).toBe('severity');
    expect(await order()).toEqual(expected);
  });

  it('keeps the selected ticket in view when a change moves it to the top of a list sorted by update', async () => {
    const { page } = d;
    await page.getByTestId('ticket-sort').selectOption('updated');
    const last = page.locator('#tickets [role=option]').last();
    const id = (await last.getAttribute('data-id'))!;
    await last.click();
    await page.getByTestId('ticket-comment-body').fill('Moves this ticket to the top');
    await page.getByTestId('ticket-comment-submit').click();
    const row = page.getByTestId(`ticket-row-${id}`);
    await expect.poll(() => page.locator('#tickets [role=option]').first().getAttribute('data-id')).toBe(id);
    expect(await row.getAttribute('aria-selected')).toBe('true');
    const [list, box] = [await page.getByTestId('tickets').boundingBox(), await row.boundingBox()];
    expect(box!.y).toBeGreaterThanOrEqual(list!.y);
    expect(box!.y + box!.height).toBeLessThanOrEqual(list!.y + list!.height);
    await page.screenshot({ path: screenshotPath('sorted-selection'), fullPage: true });
  });

  it('passes an axe-core audit without serious or critical violations', async () => {
    const { page } = d;
    // Audit the busiest state: a quiet group opened, the inspector open, an inline form error.
    await page.getByTestId('quiet-toggle').first().click();
    await page.locator('#timeline button.tl-row[data-seq]').first().click();
    await page.getByTestId('inspector-args').waitFor();
    await page.getByTestId('ticket-row-T-1').click();
    await page.getByTestId('ticket-comment-body').fill('');
    await page.getByTestId('ticket-comment-submit').click();
    await page.getByTestId('ticket-comment-error').waitFor();
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
      type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };
      const result = await axe.run();
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      }));
    });
    await page.screenshot({ path: screenshotPath('audited'), fullPage: true });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  it('lets a page on another port of 127.0.0.1 change nothing through the dashboard API', async () => {
    const target = d.demo.xsoarUrl;
    const attack = `<!doctype html><title>elsewhere</title><body>
      <form id="form" method="POST" enctype="text/plain" action="${target}/ui-api/remote/tickets/T-2/close">
        <input name='{"reason":"forged","x":"' value='"}'>
      </form>
      <script>
        const forged = (path, body, type) => fetch('${target}/ui-api' + path, {
          method: 'POST', mode: 'no-cors', credentials: 'include',
          headers: { 'Content-Type': type }, body: JSON.stringify(body),
        }).catch(() => {});
        Promise.all([
          forged('/remote/tickets/T-2/close', { reason: 'forged' }, 'text/plain'),
          forged('/remote/tickets/T-2/comments', { body: 'forged' }, 'text/plain'),
          forged('/xsoar/incident/close', { id: '2', closeReason: 'forged' }, 'text/plain'),
          forged('/xsoar/entry', { investigationId: '2', data: 'forged' }, 'application/json'),
        ]).then(() => (document.title = 'sent'));
      </script></body>`;
    const server: Server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(attack),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as AddressInfo).port;
    const page = await d.context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${port}/`);
      await expect.poll(() => page.title()).toBe('sent');
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.evaluate(() => (document.getElementById('form') as HTMLFormElement).submit()),
      ]);
      expect(response?.status()).toBe(403);
      expect(await page.textContent('body')).toContain('it comes from another origin');
    } finally {
      await page.close();
      await new Promise((done) => server.close(done));
    }
    expect(helpdeskOf(d.demo).get('T-2')!.status).not.toBe('closed');
    expect(
      helpdeskOf(d.demo)
        .comments('T-2')
        .map((c) => c.body),
    ).not.toContain('forged');
    expect(d.demo.harness.incidents.get('2')!.status).toBe(1);
    expect(d.demo.harness.incidents.entries('2').map((e) => String(e.Contents))).not.toContain('forged');
  });

  it('logs no errors to the console', () => {
    expect(d.problems).toEqual([]);
  });
});
