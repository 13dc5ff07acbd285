/**
 * The dashboard's timeline in real Chromium: quiet mirror cycles folded into one running row,
 * filters, pause and resume, and the command inspector (opened by a click or by its link).
 */
import { describe, expect, it } from 'vitest';
import { eventually, executablePath, helpdeskOf, useDashboard, screenshotPath } from './dashboard-fixture.ts';

const quietCount = (text: string | null) => Number(/(\d+) quiet cycles?/.exec(text ?? '')?.[1] ?? 0);

describe.skipIf(!executablePath)('dashboard timeline in Chromium', () => {
  const d = useDashboard();

  it('folds quiet mirror cycles into one running row that counts on and opens', async () => {
    const { page } = d;
    const top = page.locator('#timeline > li').first();
    await expect.poll(() => top.getAttribute('data-testid')).toBe('timeline-quiet');
    const before = quietCount(await top.textContent());
    await eventually('the running row counts more cycles', async () => {
      const first = page.locator('#timeline > li').first();
      return (
        (await first.getAttribute('data-testid')) === 'timeline-quiet' &&
        quietCount(await first.textContent()) > before
      );
    });
    expect(await page.locator('#timeline > li[data-testid=timeline-quiet]').first().textContent()).toMatch(
      /\d+ quiet cycles, [\d:]+\s?[AP]?M?–[\d:]+\s?[AP]?M? · nothing modified/,
    );
    await page.getByTestId('quiet-toggle').first().click();
    const members = page.locator('#timeline > li').first().locator('.members [data-testid=timeline-command]');
    await expect.poll(() => members.count()).toBeGreaterThan(0);
    expect(await members.first().textContent()).toContain('get-modified-remote-data');
    await page.screenshot({ path: screenshotPath('timeline-quiet'), fullPage: true });
  });

  it('shows each change as rows of its own between the quiet ones', async () => {
    const { page } = d;
    await d.demo.harness.incidents.update('2', { severity: 3 });
    helpdeskOf(d.demo).comment('T-3', { body: 'Escalated to tier 2' });
    await eventually('both changes went through', () => {
      const commands = d.demo.harness.journal().map((r) => r.command);
      return commands.includes('update-remote-system') && commands.includes('get-remote-data');
    });
    await expect
      .poll(() => page.getByTestId('timeline-command').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('update-remote-system')]));
    expect((await page.getByTestId('timeline-command').allTextContents()).join()).toContain(
      'get-remote-data',
    );
    // The quiet row after a change is a new one: the first stops counting.
    await expect
      .poll(() => page.locator('#timeline > li[data-testid=timeline-quiet]').count())
      .toBeGreaterThan(1);
  });

  it('filters by command, incident, outcome and instance', async () => {
    const { page } = d;
    const rows = page.locator('#timeline > li');
    await page.getByTestId('filter-command').selectOption('get-remote-data');
    await page.getByTestId('filter-incident').fill('T-3');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allTextContents())
      expect(text).toMatch(/get-remote-data helpdesk_1 · id=T-3/);
    await page.getByTestId('filter-incident').fill('3');
    expect((await rows.allTextContents()).every((t) => t.includes('id=T-3'))).toBe(true);
    await page.getByTestId('filter-incident').fill('T-99');
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByTestId('filter-outcome').selectOption('problem');
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByTestId('filter-outcome').selectOption('ok');
    await page.getByTestId('filter-instance').selectOption('helpdesk_1');
    await expect.poll(() => page.getByTestId('timeline-command').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('timeline-job').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('timeline-filtered'), fullPage: true });
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.getByTestId('timeline-job').count()).toBeGreaterThan(0);
  });

  it('pauses the timeline, counts what it held back, and catches up on resume', async () => {
    const { page } = d;
    const pause = page.getByTestId('timeline-pause');
    await pause.click();
    expect(await pause.getAttribute('aria-pressed')).toBe('true');
    const frozen = await page.locator('#timeline').innerHTML();
    await expect.poll(() => pause.textContent()).toMatch(/Resume \(\d+ new\)/);
    expect(await page.locator('#timeline').innerHTML()).toBe(frozen);
    await pause.click();
    expect(await pause.getAttribute('aria-pressed')).toBe('false');
    expect(await pause.textContent()).toBe('Pause');
    expect(await page.locator('#timeline').innerHTML()).not.toBe(frozen);
  });

  it('inspects a get-remote-data: the args it got, masked params, the entries it returned', async () => {
    const { page } = d;
    const run = d.demo.harness.journal().find((r) => r.command === 'get-remote-data' && r.args.id === 'T-3')!;
    await page.getByTestId('filter-command').selectOption('get-remote-data');
    await page.locator(`button.tl-row[data-seq="${run.seq}"]`).click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#command=${run.seq}$`));
    const inspector = page.getByTestId('inspector');
    await expect.poll(() => inspector.textContent()).toContain(`get-remote-data #${run.seq}`);
    const args = await page.getByTestId('inspector-args').textContent();
    expect(args).toContain('idT-3');
    expect(args).toMatch(/lastUpdate\d{4}-\d\d-\d\dT/);
    const params = await page.getByTestId('inspector-params').textContent();
    expect(params).toContain('api_key*******');
    expect(params).toContain(`url${d.demo.helpdeskUrl}`);
    expect(params).not.toContain(d.demo.helpdeskApiKey);
    const entries = await page.getByTestId('inspector-entries').textContent();
    expect(entries).toContain('Escalated to tier 2');
    expect(entries).toMatch(/Entry 1 · Type 1 \(note\)/);
    expect(await page.getByTestId('inspector-outcome').textContent()).toBe('ok');
    expect(await page.getByTestId('inspector-duration').textContent()).toMatch(/^\d+ ms$/);
    expect(await page.getByTestId('inspector-logs').textContent()).toMatch(/Logs \(\d+\)/);
    await page.screenshot({ path: screenshotPath('inspector-get-remote-data'), fullPage: true });
  });

  it('inspects an update-remote-system: delta, data and entries it was sent, what it answered', async () => {
    const { page } = d;
    const run = d.demo.harness
      .journal()
      .find((r) => r.command === 'update-remote-system' && r.incidentId === '2')!;
    await page.getByTestId('filter-command').selectOption('update-remote-system');
    await page.locator(`button.tl-row[data-seq="${run.seq}"]`).click();
    await expect
      .poll(() => page.getByTestId('inspector').textContent())
      .toContain(`update-remote-system #${run.seq}`);
    const args = await page.getByTestId('inspector-args').textContent();
    expect(args).toMatch(/delta\{\s*"severity": 3\s*\}/);
    expect(args).toContain('remoteIdT-2');
    expect(args).toContain('entries');
    expect(args).toMatch(/incidentChanged\s*true/);
    expect(await page.getByTestId('inspector-entries').textContent()).toMatch(/Returned entries \(\d+\)/);
    await page.screenshot({ path: screenshotPath('inspector-update-remote-system'), fullPage: true });
    await page.getByRole('button', { name: 'Clear' }).click();
  });

  it('opens the inspector on load from a link with the journal id', async () => {
    const run = d.demo.harness.journal().find((r) => r.command === 'update-remote-system')!;
    const other = await d.context.newPage();
    await other.goto(`${d.demo.xsoarUrl}/#command=${run.seq}`);
    await expect
      .poll(() => other.getByTestId('inspector').textContent())
      .toContain(`update-remote-system #${run.seq}`);
    expect(await other.getByTestId('inspector-args').textContent()).toContain('delta');
    await other.close();
  });

  it('closes the inspector with Escape and gives the focus back to its row', async () => {
    const { page } = d;
    await page.getByTestId('inspector').press('Escape');
    expect(await page.getByTestId('inspector').isHidden()).toBe(true);
    expect(page.url()).not.toContain('#command=');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('tl-row'))).toBe(true);
  });

  it('logs no errors to the console', () => {
    expect(d.problems).toEqual([]);
  });
});
