import { $, el, time } from './dom.js';

// ---------- overview ----------
export function renderOverview(o) {
  const delay = o.server.config['sync.mirror.job.delayAdvanced'];
  $('server-status').textContent =
    `XSOAR ${o.server.version.version} · mirror job every ${delay ? `${delay} s` : `${o.server.config['sync.mirror.job.delay'] ?? 1} min`} · ${o.instances.map((i) => i.name).join(', ')} · ${new Date(o.now).toLocaleTimeString()}`;
  if (o.remote) $('remote-name').textContent = o.remote.name;
  const stats = [
    [o.counts.incidents, 'incidents'],
    [o.stats.cycles, 'mirror cycles'],
    [o.stats.rateLimitedCycles, 'rate-limited cycles'],
    [o.counts.outgoing, 'queued to push'],
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
    if (i.lastFetch) stats.push([time(i.lastFetch.at), `${of}last fetch · ${i.lastFetch.message}`]);
  }
  $('stats').replaceChildren(
    ...stats.map(([v, label]) => el('div', { class: 'stat' }, el('b', {}, v), el('span', {}, label))),
  );
}
