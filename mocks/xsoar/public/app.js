// @ts-check
// The mirrorlab dashboard: plain DOM modules, no build step. This file wires the parts together
// (the panes know nothing of each other) and keeps the page current from the server's events:
// there is no polling — every change the page shows comes with an event (a command ran, a job
// ended, an incident changed, the dashboard changed the remote side).
import { api } from './api.js';
import { $ } from './dom.js';
import { createIncidentPane, incidentIdFor } from './incident-pane.js';
import { createInspector } from './inspector.js';
import { renderOverview } from './overview.js';
import { createTicketPane } from './ticket-pane.js';
import { createTimeline } from './timeline.js';
import { toast } from './toast.js';

/** @typedef {import('./overview.js').Overview} Overview */
/** @typedef {import('./timeline-filter.js').TimelineItem} TimelineItem */

/** @type {ReturnType<typeof createTicketPane> | null} */
let tickets = null;

const incidents = createIncidentPane({
  // Picking an incident shows the ticket it mirrors, and the other way round, on whatever page.
  onSelect: (incident) => {
    if (incident.dbotMirrorId) tickets?.reveal(incident.dbotMirrorId);
  },
  refresh: () => refresh('all'),
});

const inspector = createInspector({
  onShow: (seq) => timeline.markInspected(seq),
  onClosed: (seq) => timeline.focusRow(seq),
});
const timeline = createTimeline({ onInspect: (seq) => inspector.open(seq) });

/** @param {Overview} overview */
function attachRemote(overview) {
  if (tickets || !overview.remote) return;
  tickets = createTicketPane(overview.remote, {
    onSelect: (ticket) => {
      const shown = incidents.records.find((i) => i.dbotMirrorId === ticket.id);
      if (shown) incidents.select(shown.id);
      else
        incidentIdFor(ticket.id)
          .then((id) => id && incidents.select(id))
          .catch(() => {});
    },
    refresh: () => refresh('all'),
  });
}

async function refreshOverview() {
  const overview = /** @type {Overview} */ (await api('GET', '/overview'));
  renderOverview(overview);
  timeline.filter.setInstances(overview.instances.map((i) => i.name));
  return overview;
}

async function refreshAll() {
  const [overview] = await Promise.all([refreshOverview(), incidents.refreshList()]);
  attachRemote(overview);
  await tickets?.refreshList();
  await Promise.all([incidents.load(), tickets?.load()]);
}

/** @type {'all' | 'overview' | null} */
let due = null;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
/**
 * Refreshes soon, once for a burst of events (a mirror cycle sends several).
 * @param {'all' | 'overview'} what
 */
function refresh(what) {
  due = due === 'all' || what === 'all' ? 'all' : 'overview';
  clearTimeout(timer);
  timer = setTimeout(() => {
    const run = due === 'all' ? refreshAll : refreshOverview;
    due = null;
    run().catch((e) => e.status !== 401 && console.warn(e));
  }, 200);
}

/** @param {TimelineItem} item */
function onEvent(item) {
  if (item.kind === 'reset') {
    timeline.load([]);
    refresh('all');
  } else if (item.kind === 'command' || item.kind === 'job') {
    timeline.add(item);
    // A quiet cycle changes only the counters.
    refresh(item.quiet ? 'overview' : 'all');
  } else if (item.kind === 'remote-change' || (item.kind === 'change' && item.incidentId)) {
    refresh('all');
  }
}

async function loadTimeline() {
  timeline.load(await api('GET', '/timeline?limit=500'));
}

async function start() {
  try {
    await refreshAll();
  } catch (e) {
    if (/** @type {{ status?: number }} */ (e).status !== 401) toast(String(e), 'error');
    return;
  }
  await loadTimeline();
  inspector.openFromAddress();
  const events = new EventSource('/ui-api/events');
  let lost = false;
  events.onmessage = (m) => onEvent(JSON.parse(m.data));
  events.onerror = () => {
    lost = true;
  };
  // After a lost connection the events in between are gone: read everything again.
  events.onopen = () => {
    if (!lost) return;
    lost = false;
    loadTimeline().catch(() => {});
    refresh('all');
  };

  $('fetch-now').addEventListener('click', () =>
    act('Fetch finished', async () => {
      const overview = await refreshOverview();
      await Promise.all(
        overview.instances
          .filter((i) => i.isFetch)
          .map((i) => api('POST', '/jobs/fetch', { instance: i.name })),
      );
    }),
  );
  $('mirror-now').addEventListener('click', () =>
    act('Mirror cycle finished', () => api('POST', '/jobs/mirror')),
  );
}

/**
 * @param {string} label
 * @param {() => Promise<unknown>} fn
 */
async function act(label, fn) {
  try {
    await fn();
    toast(label);
    refresh('all');
  } catch (e) {
    toast(`${label.split(' ')[0]} failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

start();
