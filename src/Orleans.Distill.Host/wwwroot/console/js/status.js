import { el, clear, say } from './dom.js';
import { get, session } from './api.js';
import { header } from './nav.js';

// How the cluster is doing: its silos, how fast events arrive, how far detection lags, and memory. Refreshed every
// few seconds while the page is open, each refresh five seconds after the last one answered.
const mib = bytes => `${(bytes / (1024 * 1024)).toFixed(0)} MiB`;

function figure(id, title, value) {
  return el('div', { id, class: 'figure-box' }, el('div', { class: 'hint', text: title }), el('div', { class: 'figure', text: value }));
}

async function refresh() {
  try {
    const [status, cluster] = await Promise.all([get('/v1/status'), get('/v1/status/cluster')]);
    status.ingest = cluster.ingest;
    status.silos = cluster.silos;
    const figures = [
      figure('rebuild-backlog', 'rebuild backlog (components and hubs to re-score)', String(status.rebuild_backlog)),
      figure('working-set', 'host memory (working set)', mib(status.process.working_set_bytes)),
      figure('peak-working-set', 'peak working set', mib(status.process.peak_working_set_bytes)),
      figure('gc-heap', 'managed heap', mib(status.process.gc_heap_bytes)),
    ];
    if (status.ingest) {
      figures.unshift(figure('ingest-rate', `events applied per second (last ${status.ingest.window_seconds} s)`, status.ingest.events_per_second.toFixed(1)));
    }
    clear(document.getElementById('figures')).append(...figures);
    const body = clear(document.querySelector('#silos tbody'));
    for (const silo of status.silos ?? []) {
      body.append(el('tr', {}, el('td', { text: silo.address }), el('td', { text: silo.status })));
    }
  } catch (e) {
    say(e.message, 'error');
  }
}

// The next refresh is asked for only once this one has answered: a loaded cluster, when status matters most, can take
// longer than the period to answer, and refreshes that overlap could draw an older answer over a newer one.
async function keepRefreshing() {
  await refresh();
  setTimeout(keepRefreshing, 5000);
}

await session();
await header('status');
await keepRefreshing();
document.body.dataset.ready = 'true';
