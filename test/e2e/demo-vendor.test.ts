/**
 * `mirrorlab demo --vendor zendesk` in real Chromium: the dashboard's right-hand pane is drawn from
 * Zendesk's dashboard view (its subjects, statuses, priorities), and a comment written there reaches
 * the Zendesk fake; ServiceNow's pane likewise, keyed by incident number with its state labels, and
 * Jira's by issue key with its workflow statuses. No integration is named, so there is no mirroring
 * instance.
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

interface VendorDemoSession {
  demo: VendorDemo;
  page: Page;
  problems: string[];
}

/** `mirrorlab demo --vendor <vendor>` with a Chromium page on its dashboard, for one describe block. */
function vendorDemoInChromium(vendor: string, tickets: number): VendorDemoSession {
  const s = {} as VendorDemoSession;
  let dataDir: string | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `mirrorlab-e2e-${vendor}-`));
    s.demo = await startVendorDemo(
      { vendor, dataDir, apiKey: 'e2e-key', port: 0, delayAdvanced: 1, tickets, seed: 3 },
      STATE_FILE,
    );
    let page: Page;
    ({ browser, page, problems: s.problems } = await openPage(s.demo.loginUrl));
    s.page = page;
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await s.demo?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return s;
}

describe.skipIf(!executablePath)('mirrorlab demo --vendor zendesk in Chromium', () => {
  const s = vendorDemoInChromium('zendesk', 5);

  it('lists the Zendesk tickets by subject in the right-hand pane', async () => {
    expect(s.demo.instance).toBeUndefined();
    const tickets = s.demo.remote.items() as ZdTicket[];
    expect(tickets).toHaveLength(5);
    const rows = s.page.locator('[data-testid^="ticket-row-"]');
    await expect.poll(() => rows.count()).toBe(tickets.length);
    const text = (await rows.allTextContents()).join('\n');
    for (const t of tickets) expect(text).toContain(t.subject);
    expect(await s.page.locator('#remote-name').textContent()).toBe('zendesk');
  });

  it("shows a ticket's fields from the Zendesk view", async () => {
    const t = (s.demo.remote.items() as ZdTicket[])[0]!;
    await s.page.getByTestId(`ticket-row-${t.id}`).click();
    await expect.poll(() => s.page.getByTestId('ticket-detail').textContent()).toContain(t.subject);
    expect(await s.page.getByTestId('ticket-field-status').textContent()).toBe(t.status);
    expect(await s.page.getByTestId('ticket-field-priority').textContent()).toBe(t.priority ?? '—');
    // Zendesk's own fields, which no other vendor's view has.
    expect(await s.page.getByTestId('ticket-field-requester_id').count()).toBe(1);
    // Its status select offers what Zendesk lets an agent set: `new` is shown, never offered.
    await s.page.getByTestId('ticket-edit-field').selectOption('status');
    const options = s.page.getByTestId('ticket-edit-value').locator('option');
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
    const t = (s.demo.remote.items() as ZdTicket[]).find((x) => !['solved', 'closed'].includes(x.status))!;
    await s.page.getByTestId(`ticket-row-${t.id}`).click();
    await expect.poll(() => s.page.getByTestId('ticket-detail').textContent()).toContain(t.subject);
    const before = s.demo.remote.comments(String(t.id)).length;
    await s.page.getByTestId('ticket-comment-body').fill('Customer confirmed the reset worked');
    await s.page.getByTestId('ticket-comment-submit').click();
    await expect.poll(() => s.page.getByTestId('toast').textContent()).toBe(`Comment added to ${t.id}`);
    const comments = s.demo.remote.comments(String(t.id)) as { body: string; public: boolean }[];
    expect(comments).toHaveLength(before + 1);
    expect(comments.at(-1)).toMatchObject({ body: 'Customer confirmed the reset worked', public: true });
    await expect
      .poll(() => s.page.getByTestId('ticket-detail').textContent(), { timeout: DEADLINE_MS })
      .toContain('Customer confirmed the reset worked');
    await s.page.screenshot({ path: screenshotPath('dashboard-zendesk') });
  });

  it('closes a ticket from the pane as Zendesk does, and offers no reopen', async () => {
    const t = (s.demo.remote.items() as ZdTicket[]).find((x) => !['solved', 'closed'].includes(x.status))!;
    await s.page.getByTestId(`ticket-row-${t.id}`).click();
    await expect.poll(() => s.page.getByTestId('ticket-detail').textContent()).toContain(t.subject);
    await s.page.getByTestId('ticket-close-submit').click();
    await expect.poll(() => (s.demo.remote.item(String(t.id)) as ZdTicket).status).toBe('closed');
    await expect
      .poll(() => s.page.getByTestId('ticket-field-status').textContent(), { timeout: DEADLINE_MS })
      .toBe('closed');
    expect(await s.page.getByTestId('ticket-close-submit').count()).toBe(0);
    expect(await s.page.getByTestId('ticket-reopen-submit').count()).toBe(0);
    expect(s.problems).toEqual([]);
  });
});

describe.skipIf(!executablePath)('mirrorlab demo --vendor servicenow in Chromium', () => {
  const s = vendorDemoInChromium('servicenow', 4);

  it('lists incidents by number with their state labels, and adds a work note', async () => {
    type SnIncident = { number: string; short_description: string; state: string };
    const labels: Record<string, string> = { '1': 'New', '2': 'In Progress', '3': 'On Hold' };
    const open = (s.demo.remote.items() as SnIncident[]).find((r) => labels[r.state])!;
    // Rows are keyed by the incident number (ServiceNow records have no `id` of their own).
    const row = s.page.getByTestId(`ticket-row-${open.number}`);
    await expect.poll(() => row.textContent()).toContain(open.short_description);
    await row.click();
    await expect.poll(() => s.page.getByTestId('ticket-field-state').textContent()).toBe(labels[open.state]);
    await s.page.getByTestId('ticket-comment-body').fill('Checked the firewall logs');
    await s.page.getByTestId('ticket-comment-internal').check();
    await s.page.getByTestId('ticket-comment-submit').click();
    await expect
      .poll(() => s.page.getByTestId('toast').textContent())
      .toBe(`Comment added to ${open.number}`);
    expect(s.demo.remote.comments(open.number)).toContainEqual(
      expect.objectContaining({ value: 'Checked the firewall logs', element: 'work_notes' }),
    );
    expect(s.problems).toEqual([]);
  });
});

describe.skipIf(!executablePath)('mirrorlab demo --vendor jira in Chromium', () => {
  type JiraIssue = { key: string; summary: string; status: string; priority: string; description: string };
  const s = vendorDemoInChromium('jira', 5);

  it('lists the Jira issues by key and summary, with their statuses and priorities', async () => {
    const issues = s.demo.remote.items() as JiraIssue[];
    expect(issues).toHaveLength(5);
    const rows = s.page.locator('[data-testid^="ticket-row-"]');
    await expect.poll(() => rows.count()).toBe(issues.length);
    for (const issue of issues) {
      const row = s.page.getByTestId(`ticket-row-${issue.key}`);
      const text = await row.textContent();
      expect(text).toContain(issue.summary);
      expect(text).toContain(issue.status);
      expect(text).toContain(issue.priority);
    }
    expect(await s.page.locator('#remote-name').textContent()).toBe('jira');
    const issue = issues[0]!;
    await s.page.getByTestId(`ticket-row-${issue.key}`).click();
    // The description is ADF in the fake; the pane shows its text.
    await expect.poll(() => s.page.getByTestId('ticket-detail').textContent()).toContain(issue.summary);
    expect(await s.page.getByTestId('ticket-field-description').textContent()).toBe(issue.description || '—');
    expect(await s.page.getByTestId('ticket-field-key').textContent()).toBe(issue.key);
  });

  it('comments, resolves with a chosen resolution and reopens an issue from the pane', async () => {
    const issue = (s.demo.remote.items() as JiraIssue[]).find((i) => i.status !== 'Done')!;
    await s.page.getByTestId(`ticket-row-${issue.key}`).click();
    await expect.poll(() => s.page.getByTestId('ticket-detail').textContent()).toContain(issue.summary);
    await s.page.getByTestId('ticket-comment-body').fill('Isolated the host');
    await s.page.getByTestId('ticket-comment-submit').click();
    await expect.poll(() => s.page.getByTestId('toast').textContent()).toBe(`Comment added to ${issue.key}`);
    expect(s.demo.remote.comments(issue.key).at(-1)).toMatchObject({
      body: 'Isolated the host',
      authorName: 'SOC Bot',
    });
    await expect
      .poll(() => s.page.getByTestId('ticket-detail').textContent(), { timeout: DEADLINE_MS })
      .toContain('Isolated the host');

    await s.page.getByTestId('ticket-close-reason').selectOption("Won't Do");
    await s.page.getByTestId('ticket-close-submit').click();
    await expect
      .poll(() => s.demo.remote.item(issue.key))
      .toMatchObject({ status: 'Done', resolution: "Won't Do" });
    await expect
      .poll(() => s.page.getByTestId('ticket-field-resolution').textContent(), { timeout: DEADLINE_MS })
      .toBe("Won't Do");
    await s.page.screenshot({ path: screenshotPath('dashboard-jira') });
    await s.page.getByTestId('ticket-reopen-submit').click();
    await expect
      .poll(() => s.demo.remote.item(issue.key))
      .toMatchObject({ status: 'To Do', resolution: null });
    expect(s.problems).toEqual([]);
  });
});
