/* global setTimeout, clearTimeout, EventSource, setInterval */
// The mirrorlab dashboard: plain DOM modules, no build step (see dom.js for the rules on text).
import { $, act, api, state } from './dom.js';
import { loadIncident, renderIncidents, selectIncident } from './incident-pane.js';
import { renderOverview } from './overview.js';
import { loadTicket, renderTickets, selectTicket } from './ticket-pane.js';
import { addTimeline } from './timeline.js';

// ---------- refresh loop ----------
let refreshing = null;
async function refresh() {
  if (refreshing) return refreshing;
  refreshing = (async () => {
    const [overview, search] = await Promise.all([
      api('GET', '/overview'),
      api('POST', '/xsoar/incidents/search', { filter: { size: 500 } }),
    ]);
    state.overview = overview;
    state.incidents = search.data;
    renderOverview(overview);
    renderIncidents();
    if (overview.remote) {
      state.tickets = await api('GET', '/remote/tickets');
      state.tickets.sort((a, b) => b.updated_at.localeCompare(a.updated_at));
      renderTickets();
    }
    await Promise.all([loadIncident(false), loadTicket(false)]);
  })()
    .catch((e) => {
      if (e.message !== 'no session') console.warn(e);
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}
let pending = null;
const soon = () => {
  clearTimeout(pending);
  pending = setTimeout(refresh, 250);
};

async function start() {
  await refresh();
  if (!state.overview) return;
  for (const item of await api('GET', '/timeline?limit=150')) addTimeline(item, false);
  const events = new EventSource('/ui-api/events');
  events.onmessage = (m) => {
    const item = JSON.parse(m.data);
    if (item.kind === 'reset') $('timeline').replaceChildren();
    addTimeline(item);
    if (item.kind !== 'command') soon();
  };
  setInterval(refresh, 2000);
  $('fetch-now').onclick = () =>
    act('Fetch finished', () =>
      Promise.all(
        state.overview.instances
          .filter((i) => i.isFetch)
          .map((i) => api('POST', '/jobs/fetch', { instance: i.name })),
      ),
    );
  $('mirror-now').onclick = () => act('Mirror cycle finished', () => api('POST', '/jobs/mirror'));
}
state.refresh = refresh;
state.selectIncident = selectIncident;
state.selectTicket = selectTicket;
start();
