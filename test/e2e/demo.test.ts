/**
 * `mirrorlab demo` end to end in real Chromium: the demo runs in-process on free ports with a
 * 1-second mirror job; the browser drives both sides through the dashboard and we wait, with a
 * deadline of a few job delays, for each change to reach the other side.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INSTANCE, startDemo, type Demo } from '../../harness/cli/demo.ts';

const DELAY_S = 1;
const DEADLINE_MS = 6 * DELAY_S * 1000;
// Tests write to the ignored test-results/; `npm run screenshot` points this at the README's image.
const SCREENSHOT =
  process.env.MIRRORLAB_SCREENSHOT ?? new URL('../../test-results/dashboard.png', import.meta.url).pathname;

function browserPath(): string | undefined {
  const own = chromium.executablePath();
  if (own && existsSync(own)) return own;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}
const executablePath = browserPath();

/** Polls until `check` returns a truthy value, or fails with `what` after the deadline. */
async function eventually<T>(
  what: string,
  check: () => T | undefined | false,
  deadlineMs = DEADLINE_MS,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`not within ${deadlineMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!executablePath)('mirrorlab demo in Chromium', () => {
  let demo: Demo;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let incidentId: string;
  let ticketId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mirrorlab-e2e-'));
    demo = await startDemo({
      dataDir,
      port: 0,
      helpdeskPort: 0,
      delayAdvanced: DELAY_S,
      tickets: 6,
      seed: 3,
    });
    await demo.harness.fetch(DEMO_INSTANCE);
    demo.harness.start();
    const incident = demo.harness.incidents.list().find((i) => i.id === '1')!;
    incidentId = incident.id;
    ticketId = incident.dbotMirrorId;
    browser = await chromium.launch({
      executablePath: executablePath!,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1080 } });
    await page.goto(demo.loginUrl);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('opens an incident beside its mirrored ticket', async () => {
    await page.getByTestId(`incident-row-${incidentId}`).click();
    await expect.poll(() => page.getByTestId('ticket-detail').textContent()).toContain(ticketId);
    expect(await page.getByTestId('incident-detail').textContent()).toContain('Both');
  });

  it('sends a field edit and a tagged note made in XSOAR to the ticket', async () => {
    await page.getByTestId('edit-field').selectOption('severity');
    await page.getByTestId('edit-value').fill('4');
    await page.getByTestId('edit-submit').click();
    await page.getByTestId('note-text').fill('Isolated the host from the network');
    await page.getByTestId('note-tag').selectOption('comment');
    await page.getByTestId('note-submit').click();

    await eventually(
      'severity reaches the ticket',
      () => demo.helpdesk.tickets.get(ticketId)?.severity === 'critical',
    );
    const comment = await eventually('the note reaches the ticket', () =>
      demo.helpdesk.tickets
        .comments(ticketId)
        .find((c) => c.body.includes('Isolated the host from the network')),
    );
    expect(comment.body).toContain('Mirrored from Cortex XSOAR');
    await expect
      .poll(() => page.getByTestId('ticket-severity').textContent(), { timeout: DEADLINE_MS })
      .toBe('critical');
  }, 30_000);

  it('brings a ticket comment and a ticket close into the incident', async () => {
    await page.getByTestId('comment-text').fill('User confirmed they clicked the link');
    await page.getByTestId('comment-submit').click();
    await eventually('the comment becomes a War Room entry', () =>
      demo.harness.incidents
        .entries(incidentId)
        .some((e) => String(e.Contents).includes('User confirmed they clicked the link')),
    );
    const entries = demo.harness.incidents
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
      const i = demo.harness.incidents.get(incidentId);
      return i?.status === 2 ? i : undefined;
    });
    expect(closed.closeNotes).toContain('Password reset');
    await expect
      .poll(() => page.getByTestId('incident-detail').textContent(), { timeout: DEADLINE_MS })
      .toContain('Password reset, mailbox cleaned');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, 30_000);

  it('reopens the ticket when the incident is reopened in XSOAR', async () => {
    await page.getByTestId('reopen-submit').click();
    await eventually(
      'the incident is active again',
      () => demo.harness.incidents.get(incidentId)?.status === 1,
    );
    const ticket = await eventually('the reopen reaches the ticket', () => {
      const t = demo.helpdesk.tickets.get(ticketId);
      return t && t.closed_at === null ? t : undefined;
    });
    expect(['open', 'new', 'pending']).toContain(ticket.status);
    await expect
      .poll(() => page.getByTestId('ticket-status').textContent(), { timeout: DEADLINE_MS })
      .toBe(ticket.status);
  }, 30_000);

  it('shows every mirroring command on the live timeline', async () => {
    const commands = await page.getByTestId('timeline-command').allTextContents();
    const text = commands.join('\n');
    for (const command of [
      'fetch-incidents',
      'get-modified-remote-data',
      'get-remote-data',
      'update-remote-system',
    ])
      expect(text).toContain(command);
  });
});
