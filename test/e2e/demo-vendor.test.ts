/**
 * `mirrorlab demo --vendor zendesk` in real Chromium: the dashboard's right-hand pane is drawn from
 * Zendesk's dashboard view (its subjects, statuses, priorities), and a comment written there reaches
 * the Zendesk fake; ServiceNow's pane likewise, keyed by incident number with its state labels. No
 * integration is named, so there is no mirroring instance.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_FILE } from '../../harness/cli/demo.ts';
import { startVendorDemo, type VendorDemo } from '../../harness/cli/vendor-demo.ts';
import { DEADLINE_MS, executablePath, openPage, screenshotPath } from './dashboard-fixture.ts';

type ZdTicket = { id: number; subject: string; status: string; priority: string | null };

describe.skipIf(!executablePath)('mirrorlab demo --vendor zendesk in Chromium', () => {
  let dataDir: string;
  let demo: VendorDemo;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mirrorlab-e2e-zd-'));
    demo = await startVendorDemo(
      { vendor: 'zendesk', dataDir, apiKey: 'e2e-key', port: 0, delayAdvanced: 1, tickets: 5, seed: 3 },
      STATE_FILE,
    );
    ({ browser, page, problems } = await openPage(demo.loginUrl));
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the Zendesk tickets by subject in the right-hand pane', async () => {
    expect(demo.instance).toBeUndefined();
    const tickets = demo.remote.items() as ZdTicket[];
    expect(tickets).toHaveLength(5);
    const rows = page.locator('[data-testid^="ticket-row-"]');
    await expect.poll(() => rows.count()).toBe(tickets.length);
    const text = (await rows.allTextContents()).join('\n');
    for (const t of tickets) expect(text).toContain(t.subject);
    expect(await page.locator('#remote-name').textContent()).toBe('zendesk');
  });

  it("shows a ticket's fields from the Zendesk view", async () => {
    const t = (demo.remote.items() as ZdTicket[])[0]!;
    await page.getByTestId(`ticket-row-${t.id}`).click();
    await expect.poll(() => page.getByTestId('ticket-detail').textContent()).toContain(t.subject);
    expect(await page.getByTestId('ticket-field-status').textContent()).toBe(t.status);
    expect(await page.getByTestId('ticket-field-priority').textContent()).toBe(t.priority ?? '—');
    // Zendesk's own fields, which no other vendor's view has.
    expect(await page.getByTestId('ticket-field-requester_id').count()).toBe(1);
    // Its status select offers what Zendesk lets an agent set: `new` is shown, never offered.
    await page.getByTestId('ticket-edit-field').selectOption('status');
    const options = page.getByTestId('ticket-edit-value').locator('option');
    expect(await options.allTextContents()).toEqual(['new', 'open', 'pending', 'hold', 'solved', 'closed']);
    expect(await options.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).disabled))).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('adds a comment from the pane that reaches the Zendesk fake', async () => {
    const t = (demo.remote.items() as ZdTicket[]).find((x) => !['solved', 'closed'].includes(x.status))!;
    await page.getByTestId(`ticket-row-${t.id}`).click();
    await expect.poll(() => page.getByTestId('ticket-detail').textContent()).toContain(t.subject);
    const before = demo.remote.comments(String(t.id)).length;
    await page.getByTestId('ticket-comment-body').fill('Customer confirmed the reset worked');
    await page.getByTestId('ticket-comment-submit').click();
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe(`Comment added to ${t.id}`);
    const comments = demo.remote.comments(String(t.id)) as { body: string; public: boolean }[];
    expect(comments).toHaveLength(before + 1);
    expect(comments.at(-1)).toMatchObject({ body: 'Customer confirmed the reset worked', public: true });
    await expect
      .poll(() => page.getByTestId('ticket-detail').textContent(), { timeout: DEADLINE_MS })
      .toContain('Customer confirmed the reset worked');
    await page.screenshot({ path: screenshotPath('dashboard-zendesk') });
  });

  it('closes a ticket from the pane as Zendesk does, and offers no reopen', async () => {
    const t = (demo.remote.items() as ZdTicket[]).find((x) => !['solved', 'closed'].includes(x.status))!;
    await page.getByTestId(`ticket-row-${t.id}`).click();
    await expect.poll(() => page.getByTestId('ticket-detail').textContent()).toContain(t.subject);
    await page.getByTestId('ticket-close-submit').click();
    await expect.poll(() => (demo.remote.item(String(t.id)) as ZdTicket).status).toBe('closed');
    await expect
      .poll(() => page.getByTestId('ticket-field-status').textContent(), { timeout: DEADLINE_MS })
      .toBe('closed');
    expect(await page.getByTestId('ticket-close-submit').count()).toBe(0);
    expect(await page.getByTestId('ticket-reopen-submit').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!executablePath)('mirrorlab demo --vendor servicenow in Chromium', () => {
  let dataDir: string;
  let demo: VendorDemo;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mirrorlab-e2e-sn-'));
    demo = await startVendorDemo(
      { vendor: 'servicenow', dataDir, apiKey: 'e2e-key', port: 0, delayAdvanced: 1, tickets: 4, seed: 3 },
      STATE_FILE,
    );
    ({ browser, page, problems } = await openPage(demo.loginUrl));
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('lists incidents by number with their state labels, and adds a work note', async () => {
    type SnIncident = { number: string; short_description: string; state: string };
    const labels: Record<string, string> = { '1': 'New', '2': 'In Progress', '3': 'On Hold' };
    const open = (demo.remote.items() as SnIncident[]).find((r) => labels[r.state])!;
    // Rows are keyed by the incident number (ServiceNow records have no `id` of their own).
    const row = page.getByTestId(`ticket-row-${open.number}`);
    await expect.poll(() => row.textContent()).toContain(open.short_description);
    await row.click();
    await expect.poll(() => page.getByTestId('ticket-field-state').textContent()).toBe(labels[open.state]);
    await page.getByTestId('ticket-comment-body').fill('Checked the firewall logs');
    await page.getByTestId('ticket-comment-internal').check();
    await page.getByTestId('ticket-comment-submit').click();
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe(`Comment added to ${open.number}`);
    expect(demo.remote.comments(open.number)).toContainEqual(
      expect.objectContaining({ value: 'Checked the firewall logs', element: 'work_notes' }),
    );
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!executablePath)('mirrorlab demo --vendor jira in Chromium', () => {
  type JiraIssue = { key: string; summary: string; status: string; priority: string; description: string };
  let dataDir: string;
  let demo: VendorDemo;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mirrorlab-e2e-jira-'));
    demo = await startVendorDemo(
      { vendor: 'jira', dataDir, apiKey: 'e2e-key', port: 0, delayAdvanced: 1, tickets: 5, seed: 3 },
      STATE_FILE,
    );
    ({ browser, page, problems } = await openPage(demo.loginUrl));
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the Jira issues by key and summary, with their statuses and priorities', async () => {
    const issues = demo.remote.items() as JiraIssue[];
    expect(issues).toHaveLength(5);
    const rows = page.locator('[data-testid^="ticket-row-"]');
    await expect.poll(() => rows.count()).toBe(issues.length);
    for (const issue of issues) {
      const row = page.getByTestId(`ticket-row-${issue.key}`);
      const text = await row.textContent();
      expect(text).toContain(issue.summary);
      expect(text).toContain(issue.status);
      expect(text).toContain(issue.priority);
    }
    expect(await page.locator('#remote-name').textContent()).toBe('jira');
    const issue = issues[0]!;
    await page.getByTestId(`ticket-row-${issue.key}`).click();
    // The description is ADF in the fake; the pane shows its text.
    await expect.poll(() => page.getByTestId('ticket-detail').textContent()).toContain(issue.summary);
    expect(await page.getByTestId('ticket-field-description').textContent()).toBe(issue.description || '—');
    expect(await page.getByTestId('ticket-field-key').textContent()).toBe(issue.key);
  });

  it('comments, resolves with a chosen resolution and reopens an issue from the pane', async () => {
    const issue = (demo.remote.items() as JiraIssue[]).find((i) => i.status !== 'Done')!;
    await page.getByTestId(`ticket-row-${issue.key}`).click();
    await expect.poll(() => page.getByTestId('ticket-detail').textContent()).toContain(issue.summary);
    await page.getByTestId('ticket-comment-body').fill('Isolated the host');
    await page.getByTestId('ticket-comment-submit').click();
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe(`Comment added to ${issue.key}`);
    expect(demo.remote.comments(issue.key).at(-1)).toMatchObject({
      body: 'Isolated the host',
      authorName: 'SOC Bot',
    });
    await expect
      .poll(() => page.getByTestId('ticket-detail').textContent(), { timeout: DEADLINE_MS })
      .toContain('Isolated the host');

    await page.getByTestId('ticket-close-reason').selectOption("Won't Do");
    await page.getByTestId('ticket-close-submit').click();
    await expect
      .poll(() => demo.remote.item(issue.key))
      .toMatchObject({ status: 'Done', resolution: "Won't Do" });
    await expect
      .poll(() => page.getByTestId('ticket-field-resolution').textContent(), { timeout: DEADLINE_MS })
      .toBe("Won't Do");
    await page.screenshot({ path: screenshotPath('dashboard-jira') });
    await page.getByTestId('ticket-reopen-submit').click();
    await expect.poll(() => demo.remote.item(issue.key)).toMatchObject({ status: 'To Do', resolution: null });
    expect(problems).toEqual([]);
  });
});
