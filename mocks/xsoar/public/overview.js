// @ts-check
// The header line and the statistics above the panes.
import { $, el, time } from './dom.js';

/**
 * @typedef {{ name: string, isFetch: boolean, mirror: Record<string, number> | null,
 *   lastFetch: { at: string, outcome: string, pulled: number, message: string } | null }} OverviewInstance
 * @typedef {{ now: string, server: { version: { version: string }, config: Record<string, unknown> },
 *   instances: OverviewInstance[], stats: Record<string, number>, counts: Record<string, number>,
 *   remote: { name: string, url?: string, view: import('./view.js').TicketView } | null }} Overview
 */

/**
 * The last fetch in the same words on a fresh start and after a restart ("12 new" / "0 new"),
 * rather than the fetch history's message, which says "Completed" when nothing was new.
 * @param {NonNullable<OverviewInstance['lastFetch']>} f
 */
export const lastFetchText = (f) => (f.outcome === 'ok' ? `${f.pulled} new` : `failed (${f.outcome})`);

/** @param {Overview} o */
export function renderOverview(o) {
  const delay = o.server.config['sync.mirror.job.delayAdvanced'];
  const every = delay ? `${delay} s` : `${o.server.config['sync.mirror.job.delay'] ?? 1} min`;
  $('server-status').textContent =
    `XSOAR ${o.server.version.version} · mirror job every ${every} · ${o.instances.map((i) => i.name).join(', ')} · ${new Date(o.now).toLocaleTimeString()}`;
  /** @type {[string | number, string, string?][]} */
  const stats = [
    [o.counts.incidents ?? 0, 'incidents'],
    [o.stats.cycles ?? 0, 'mirror cycles'],
    [o.stats.rateLimitedCycles ?? 0, 'rate-limited cycles'],
    [o.counts.outgoing ?? 0, 'queued to push'],
  ];
  for (const i of o.instances) {
    const m = i.mirror ?? {};
    const of = o.instances.length > 1 ? `${i.name}: ` : '';
    stats.push(
      [m.getRemoteDataCalls ?? 0, `${of}get-remote-data`],
      [m.updateRemoteSystemCalls ?? 0, `${of}update-remote-system`],
      [m.skippedCycles ?? 0, `${of}skipped cycles`],
      [m.failures ?? 0, `${of}failures`],
    );
    if (i.lastFetch)
      stats.push([time(i.lastFetch.at), `${of}last fetch · ${lastFetchText(i.lastFetch)}`, 'last-fetch']);
  }
  $('stats').replaceChildren(
    ...stats.map(([v, label, testid]) =>
      el(
        'div',
        { class: 'stat', role: 'listitem', 'data-testid': testid },
        el('b', {}, v),
        el('span', {}, label),
      ),
    ),
  );
}
