/**
 * The dashboard with a large world, in real Chromium: 1,000 mirrored incidents and their 1,000
 * tickets, shown 100 rows at a time by both panes with a pager; a new sort starts again at the
 * first page, in the order the server pages in; picking an incident shows its ticket even when that
 * ticket is on another page of the other list.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INSTANCE, startDemo, type Demo } from '../../harness/cli/demo.ts';
import type { Incident } from '../../harness/index.ts';
import { DELAY_S, executablePath, openPage } from './dashboard-fixture.ts';
import type { Browser, Page } from 'playwright-core';

const TICKETS = 1000;
const PAGE = 100;

describe.skipIf(!executablePath)('dashboard paging in Chromium', () => {
  let demo: Demo;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mirrorlab-e2e-paging-'));
    demo = await startDemo({
      dataDir,
      port: 0,
      helpdeskPort: 0,
      delayAdvanced: DELAY_S,
      tickets: TICKETS,
      seed: 5,
    });
    // The demo fetches 50 a run: fetch until every ticket has its incident.
    while (demo.harness.incidents.list().length < TICKETS) await demo.harness.fetch(DEMO_INSTANCE);
    demo.harness.start();
    ({ browser, page, problems } = await openPage(demo.loginUrl));
    await page.getByTestId('incident-row-1').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const rowIds = (list: 'incident' | 'ticket') =>
    page.$$eval(`[data-testid^="${list}-row-"]`, (rows) =>
      rows.map((r) => (r as HTMLElement).dataset.id ?? ''),
    );

  it('shows the first 100 of 1,000 incidents and tickets, and the next page on Next', async () => {
    expect(await page.locator('#incident-count').textContent()).toBe('(1,000)');
    expect(await page.getByTestId('incident-range').textContent()).toBe('1–100 of 1,000');
    expect(await page.getByTestId('ticket-range').textContent()).toBe('1–100 of 1,000');
    expect(await rowIds('incident')).toEqual(Array.from({ length: PAGE }, (_, i) => String(i + 1)));
    expect(await rowIds('ticket')).toHaveLength(PAGE);
    expect(await page.getByTestId('incident-prev').isDisabled()).toBe(true);

    await page.getByTestId('incident-next').click();
    await expect.poll(() => page.getByTestId('incident-range').textContent()).toBe('101–200 of 1,000');
    expect(await rowIds('incident')).toEqual(Array.from({ length: PAGE }, (_, i) => String(i + 101)));
    expect(await page.getByTestId('incident-prev').isDisabled()).toBe(false);
    // The other list stays where it was.
    expect(await page.getByTestId('ticket-range').textContent()).toBe('1–100 of 1,000');
  });

  it('goes back to the first page on a new sort, in the order the server pages in', async () => {
    await page.getByTestId('incident-sort').selectOption('severity');
    await expect.poll(() => page.getByTestId('incident-range').textContent()).toBe('1–100 of 1,000');
    const expected = demo.harness.incidents
      .list()
      .sort((a: Incident, b: Incident) => b.severity - a.severity || Number(a.id) - Number(b.id))
      .slice(0, PAGE)
      .map((i) => i.id);
    await expect.poll(() => rowIds('incident')).toEqual(expected);
    await page.getByTestId('incident-next').click();
    await expect.poll(() => page.getByTestId('incident-range').textContent()).toBe('101–200 of 1,000');
    const second = demo.harness.incidents
      .list()
      .sort((a: Incident, b: Incident) => b.severity - a.severity || Number(a.id) - Number(b.id))
      .slice(PAGE, 2 * PAGE)
      .map((i) => i.id);
    await expect.poll(() => rowIds('incident')).toEqual(second);
  });

  it('shows the ticket of an incident that is on another page of the ticket list', async () => {
    const tickets = await rowIds('ticket');
    const id = (await rowIds('incident')).find(
      (i) => !tickets.includes(demo.harness.incidents.get(i)!.dbotMirrorId),
    );
    expect(id).toBeDefined();
    const incident = demo.harness.incidents.get(id!)!;
    await page.getByTestId(`incident-row-${id}`).click();
    const title = demo.helpdesk.item(incident.dbotMirrorId) as { title: string };
    await expect.poll(() => page.getByTestId('ticket-detail').textContent()).toContain(title.title);
    expect(problems).toEqual([]);
  });
});
