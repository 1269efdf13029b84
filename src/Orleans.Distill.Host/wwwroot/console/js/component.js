import { el, append, clear, decisionBadge, formatScore, formatTime, componentHref, say, noteOrWarn } from './dom.js';
import { get, post, claim, release, labelComponent, labelAccount, session, ApiError } from './api.js';
import { header } from './nav.js';
import { onShortcut } from './keys.js';
import { EvidenceGraph, parseGraphML, edgeId } from './graph.js';
import { reasonBars, timeline } from './charts.js';
import { membersTable } from './members.js';

// One component's evidence on one page: summary, graph, reasons, timeline, members and audit, and the decision.
const params = new URLSearchParams(location.search);
const asked = params.get('id') ?? '';
const note = document.getElementById('note');
const graph = new EvidenceGraph(document.getElementById('graph'), document.getElementById('details'));
let component = null;
let members = null;

const enc = encodeURIComponent;

async function loadSummary() {
  const summary = document.getElementById('summary');
  try {
    component = await get(`/v1/components/${enc(asked)}`);
  } catch (e) {
    clear(summary).append(el('h1', { text: asked }));
    if (e instanceof ApiError && e.status === 410 && e.body?.split_into) {
      summary.append(el('p', { class: 'moved', text: 'This component has split into: ' }),
        el('ul', { id: 'split-into' }, e.body.split_into.map(id => el('li', {}, el('a', { href: componentHref(id), text: id })))));
    } else {
      say(e.message, 'error');
    }
    return false;
  }
  document.title = `${component.id} · Orleans.Distill console`;
  const claims = await get('/v1/claims');
  const held = claims.find(c => c.item === component.id);
  const verdict = [...component.actions].reverse().find(a => a.kind === 'label_component');
  append(clear(summary), [
    el('h1', {}, 'Component ', el('span', { id: 'component-id', text: component.id })),
    component.resolved_from ? el('p', { class: 'moved', id: 'merged-from', text: `${component.resolved_from} has merged into ${component.id}.` }) : null,
    el('p', { class: 'facts' },
      el('span', { class: 'score', text: `score ${formatScore(component.score)}` }), ' ',
      decisionBadge(component.decision), ' ',
      el('span', { text: `${component.accounts} accounts, ${component.entities} identifiers` }), ' · ',
      el('span', { text: Object.entries(component.counts).filter(([k]) => k !== 'account').map(([k, v]) => `${v} ${k}`).join(', ') }), ' · ',
      el('span', { id: 'claimed-by', text: held ? `claimed by ${held.who}` : 'not claimed' })),
    verdict ? el('p', { id: 'verdict', class: 'verdict' }, `Labelled ${verdict.verdict} by ${verdict.who} at ${formatTime(verdict.at)}: its accounts answer `,
      decisionBadge(verdict.verdict === 'fraud' ? 'deny' : 'allow'), ` (${verdict.why})`) : null]);
  document.getElementById('csv').setAttribute('href', `/v1/components/${enc(component.id)}/members?format=csv`);
  reasonBars(document.getElementById('reasons'), component.reasons);
  return true;
}

async function loadGraph() {
  const text = await get(`/v1/components/${enc(component.id)}/graph?format=graphml`);
  const parsed = parseGraphML(text);
  const ms = await graph.render(parsed);
  document.getElementById('graph-stats').textContent = `${graph.cy.nodes().length} nodes, ${graph.cy.edges().length} links drawn in ${ms} ms`;
  const accounts = graph.accounts();
  for (const [id, pick] of [['path-from', 0], ['path-to', accounts.length - 1]]) {
    const select = clear(document.getElementById(id));
    accounts.forEach((a, i) => select.append(el('option', { value: a, text: a, selected: i === pick })));
  }
  const focus = params.get('focus');
  // Search lands with an account's id or an identifier's node key.
  if (focus && !graph.focus(focus)) graph.focus(`account:${focus}`);
}

async function highlightPath() {
  const from = document.getElementById('path-from').value;
  const to = document.getElementById('path-to').value;
  const list = clear(document.getElementById('path-steps'));
  try {
    const path = await get(`/v1/components/${enc(component.id)}/path?from=${enc(from)}&to=${enc(to)}`);
    const drawn = graph.highlight(path.path);
    for (const step of path.path) {
      list.append(step.account !== undefined && step.account !== null
        ? el('li', { class: 'step-account', text: step.account })
        : el('li', { class: 'step-entity', text: `${step.kind} ${step.entity} (since ${formatTime(step.first_seen)}, last ${formatTime(step.last_seen)})` }));
    }
    say(`${path.hops} hops from ${from} to ${to}; ${drawn} of ${path.path.length} steps drawn.`);
  } catch (e) {
    say(e.message, 'error');
  }
}

async function expandSelected() {
  const node = graph.selectedNode();
  if (node.empty()) {
    say('Select a node in the graph first.', 'warn');
    return;
  }
  const d = node.data();
  try {
    let added = 0;
    if (d.kind === 'hubs') {
      added = graph.expandHubs();
    } else if (d.kind === 'account') {
      const account = await get(`/v1/accounts/${enc(d.value)}`);
      const nodes = account.links.map(l => ({ id: `${l.kind}:${l.entity}`, kind: l.kind, value: l.entity, label: l.entity, hub: l.hub, benign: l.benign }));
      const edges = account.links.map(l => ({ id: edgeId(d.id, `${l.kind}:${l.entity}`), source: d.id, target: `${l.kind}:${l.entity}`,
        first_seen: l.first_seen, last_seen: l.last_seen, count: l.count, glues: !l.hub && !l.benign }));
      added = graph.add(nodes, edges);
    } else {
      const found = await post('/v1/search', { q: d.value, kind: d.kind });
      const linked = found.matches.flatMap(m => m.linked_accounts);
      added = graph.add(linked.map(a => ({ id: `account:${a}`, kind: 'account', value: a, label: a })),
        linked.map(a => ({ id: edgeId(d.id, `account:${a}`), source: `account:${a}`, target: d.id, glues: !d.hub && !d.benign })));
    }
    say(`${added} nodes added next to ${d.value}.`);
  } catch (e) {
    say(e.message, 'error');
  }
}

async function loadMembers() {
  try {
    const answer = await get(`/v1/components/${enc(component.id)}/members`);
    members = membersTable(document.getElementById('members'), answer.members);
    timeline(document.getElementById('timeline'), answer.members);
  } catch (e) {
    say(e.message, 'error');
  }
}

async function loadAudit() {
  const body = clear(document.querySelector('#audit tbody'));
  const entries = await get(`/v1/components/${enc(component.id)}/audit`);
  for (const entry of entries.slice().reverse()) {
    body.append(el('tr', {},
      el('td', { class: 'when', text: formatTime(entry.at) }),
      el('td', { class: 'who', text: entry.on_behalf_of ? `${entry.who} (for ${entry.on_behalf_of})` : entry.who }),
      el('td', { class: 'what', text: entry.action }),
      el('td', { class: 'target', text: entry.target }),
      el('td', { class: 'why', text: entry.why ?? '' }),
      el('td', { class: 'result', text: entry.result })));
  }
  if (entries.length === 0) body.append(el('tr', {}, el('td', { colspan: '6', class: 'empty', text: 'No actions yet.' })));
}

async function decide(verdict) {
  const text = noteOrWarn(note);
  if (text === null || !component) return;
  try {
    const action = await labelComponent(component.id, verdict, text);
    note.value = '';
    say(`Labelled ${verdict}: ${action.accounts} accounts.`);
    await Promise.all([loadSummary(), loadMembers(), loadAudit()]);
  } catch (e) {
    say(e.message, 'error');
  }
}

// Each account is labelled by its own request: one audit entry per account.
async function decideMembers(verdict) {
  const accounts = members?.selected() ?? [];
  if (accounts.length === 0) {
    say('Select member rows first.', 'warn');
    return;
  }
  const text = noteOrWarn(note);
  if (text === null) return;
  const failures = [];
  for (const account of accounts) {
    try {
      await labelAccount(account, verdict, text);
    } catch (e) {
      failures.push(`${account}: ${e.message}`);
    }
  }
  note.value = '';
  say(failures.length === 0 ? `${accounts.length} accounts labelled ${verdict}.` : `Not all labelled: ${failures.join('; ')}`, failures.length === 0 ? 'info' : 'error');
  await Promise.all([loadMembers(), loadAudit()]);
}

async function claimThis() {
  try {
    await claim(component.id);
    say(`Claimed ${component.id}.`);
  } catch (e) {
    say(e.message, 'error');
  }
  await Promise.all([loadSummary(), loadAudit()]);
}

async function releaseThis() {
  try {
    await release(component.id);
    say(`Released ${component.id}.`);
  } catch (e) {
    say(e.message, 'error');
  }
  await Promise.all([loadSummary(), loadAudit()]);
}

document.getElementById('path').addEventListener('click', highlightPath);
document.getElementById('expand').addEventListener('click', expandSelected);
document.getElementById('fit').addEventListener('click', () => graph.cy?.fit());
document.getElementById('claim').addEventListener('click', claimThis);
document.getElementById('release').addEventListener('click', releaseThis);
document.getElementById('fraud').addEventListener('click', () => decide('fraud'));
document.getElementById('benign').addEventListener('click', () => decide('benign'));
document.getElementById('members-fraud').addEventListener('click', () => decideMembers('fraud'));
document.getElementById('members-benign').addEventListener('click', () => decideMembers('benign'));
onShortcut({ f: () => decide('fraud'), b: () => decide('benign'), n: () => note.focus(), c: claimThis, r: releaseThis, j: () => members?.move(1), k: () => members?.move(-1) });

await session();
await header('component');
if (await loadSummary()) {
  await Promise.all([loadGraph().catch(e => say(e.message, 'error')), loadMembers(), loadAudit().catch(e => say(e.message, 'error'))]);
}
document.body.dataset.ready = 'true';
