/**
 * What the Chromium tests of the dashboard share: `mirrorlab demo` in-process on free ports with a
 * 1-second mirror job, a real Chromium logged in through the one-time link, a record of everything
 * the page logged as an error, and a poll-until helper with a deadline of a few job delays.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_INSTANCE, startDemo, type Demo } from '../../harness/cli/demo.ts';
import type { Comment, Ticket } from '../../mocks/ticketing/helpdesk/index.ts';

export const DELAY_S = 1;
// A liveness bound, not a speed figure: generous, so a loaded 2-core CI machine does not fail a
// change that arrives late (each mirror cycle and every durable write waits its turn).
export const DEADLINE_MS = 15 * DELAY_S * 1000;

function browserPath(): string | undefined {
  const own = chromium.executablePath();
  if (own && existsSync(own)) return own;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}
export const executablePath = browserPath();

/** Where a test's screenshot goes: the ignored test-results/ (tests never rewrite tracked files). */
export const screenshotPath = (name: string) =>
  new URL(`../../test-results/${name}.png`, import.meta.url).pathname;

/** Polls until `check` returns a truthy value, or fails with `what` after the deadline. */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  deadlineMs = DEADLINE_MS,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`not within ${deadlineMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The demo's helpdesk in its own types: the demo holds it as a registry handle (any kind), the
 * tests read tickets and comments as the helpdesk's API shows them.
 */
export function helpdeskOf(demo: Demo) {
  const h = demo.helpdesk;
  return {
    list: () => h.items() as Ticket[],
    get: (id: string) => h.item(id) as Ticket | undefined,
    comments: (id: string) => h.comments(id) as Comment[],
    comment: (id: string, input: { body: string }) => h.act({ comment: id, body: input.body }),
  };
}

export interface Dashboard {
  demo: Demo;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and failed requests of the dashboard page. */
  problems: string[];
  close(): Promise<void>;
}

/** Real Chromium logged in through a one-time link, recording what the page logs as an error. */
export async function openPage(
  loginUrl: string,
): Promise<{ browser: Browser; context: BrowserContext; page: Page; problems: string[] }> {
  const browser = await chromium.launch({
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
  const context = await browser.newContext({ viewport: { width: 1440, height: 1080 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The event stream is cut when the page goes away; that is not the page's fault.
    if (!r.url().endsWith('/ui-api/events'))
      problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  await page.goto(loginUrl);
  return { browser, context, page, problems };
}

export async function openDashboard(options: { tickets?: number } = {}): Promise<Dashboard> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mirrorlab-e2e-'));
  const demo = await startDemo({
    dataDir,
    port: 0,
    helpdeskPort: 0,
    delayAdvanced: DELAY_S,
    tickets: options.tickets ?? 6,
    seed: 3,
  });
  await demo.harness.fetch(DEMO_INSTANCE);
  demo.harness.start();
  const { browser, context, page, problems } = await openPage(demo.loginUrl);
  await page.getByTestId('incident-row-1').waitFor();
  return {
    demo,
    browser,
    context,
    page,
    problems,
    async close() {
      await browser.close();
      await demo.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One dashboard for the tests of a describe block: opened before them, closed after. The object is
 * filled in when it opens, so tests read it as `d.page`, `d.demo`, … .
 */
export function useDashboard(options: { tickets?: number } = {}): Dashboard {
  const d = {} as Dashboard;
  beforeAll(async () => {
    Object.assign(d, await openDashboard(options));
  }, 60_000);
  afterAll(async () => {
    await d.close?.();
  });
  return d;
}
