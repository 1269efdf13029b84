import { el, clear, componentHref, decisionBadge, describeReason, formatScore, say, noteOrWarn } from './dom.js';
import { get, claim, release, labelComponent, markBenign, session, ApiError } from './api.js';
import { header } from './nav.js';
import { onShortcut } from './keys.js';

// The queue: flagged components and hubs, worst first. Deciding an item takes it off the queue and selects the
// next one, so an analyst can work through it from the keyboard.
const table = document.getElementById('queue');
const body = table.querySelector('tbody');
const note = document.getElementById('note');
let items = [];
let selected = 0;
// Filters fire a load on every change, and answers can arrive out of order: only the latest asked is drawn, and the
// table is busy while any is still out, so no earlier filter's answer can replace a later one's.
let asked = 0;
let outstanding = 0;

function query() {
  const form = new FormData(document.getElementById('filters'));
  const params = new URLSearchParams();
  for (const name of ['decision', 'min_accounts', 'max_accounts', 'max_age_days']) {
    const value = String(form.get(name) ?? '').trim();
    if (value.length > 0) params.set(name, value);
  }
  if (form.get('decided')) params.set('decided', 'include');
  return params.toString();
}

async function load() {
  const ticket = ++asked;
  outstanding++;
  table.setAttribute('aria-busy', 'true');
  try {
    const q = query();
    const answer = await get(`/v1/queue${q ? `?${q}` : ''}`);
    if (ticket !== asked) return;
    items = answer;
    render();
  } catch (e) {
    if (ticket === asked) say(e instanceof ApiError ? e.message : String(e), 'error');
  } finally {
    if (--outstanding === 0) table.setAttribute('aria-busy', 'false');
  }
}

function render() {
  clear(body);
  selected = Math.min(selected, Math.max(items.length - 1, 0));
  items.forEach((item, index) => {
    const title = item.kind === 'hub' ? `hub ${item.id}` : item.id;
    const open = el('a', { class: 'item-id', href: itemHref(item), text: title });
    const held = [item.claim ? item.claim.who : null, item.decided ? `decided ${item.decided.verdict ?? item.decided.kind} by ${item.decided.who}` : null]
      .filter(part => part !== null).join(' · ');
    const row = el('tr', { dataset: { id: item.id, index: String(index) }, class: index === selected ? 'selected' : null, onclick: () => select(index) },
      el('td', {}, el('input', { type: 'checkbox', class: 'pick', 'aria-label': `Select ${title}` })),
      el('td', { class: 'num' }, el('span', { class: 'score', text: formatScore(item.score) })),
      el('td', {}, decisionBadge(item.decision)),
      el('td', {}, open, item.kind === 'hub' ? el('span', { class: 'tag', text: 'hub' }) : null),
      el('td', { class: 'num accounts', text: item.accounts }),
      el('td', { class: 'num age', text: item.age_days === undefined || item.age_days === null ? '' : `${item.age_days} d` }),
      el('td', { class: 'reasons', text: item.reasons.map(describeReason).join(' · ') }),
      el('td', { class: 'claimed', text: held }));
    body.append(row);
  });
  if (items.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: '8', class: 'empty', text: 'Nothing flagged is waiting.' })));
  }
}

function select(index) {
  if (items.length === 0) return;
  selected = Math.max(0, Math.min(index, items.length - 1));
  body.querySelectorAll('tr').forEach(row => row.classList.toggle('selected', row.dataset.index === String(selected)));
  body.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
}

const current = () => items[selected];

async function claimCurrent() {
  const item = current();
  if (!item) return;
  try {
    await claim(item.id);
    say(`Claimed ${item.id}.`);
  } catch (e) {
    say(e.message, 'error');
  }
  await load();
}

async function releaseCurrent() {
  const item = current();
  if (!item) return;
  try {
    await release(item.id);
    say(`Released ${item.id}.`);
  } catch (e) {
    say(e.message, 'error');
  }
  await load();
}

function itemHref(item) {
  return item.kind === 'hub' ? `/console/hub.html?key=${encodeURIComponent(item.id)}` : componentHref(item.id);
}

function openCurrent() {
  const item = current();
  if (item) location.assign(itemHref(item));
}

async function decide(item, verdict, why) {
  if (item.kind === 'hub') {
    if (verdict !== 'benign') throw new Error(`${item.id} is a hub: it glues no one, so there is no ring to label; mark it benign or open its accounts' components`);
    return markBenign(item.id, why);
  }
  return labelComponent(item.id, verdict, why);
}

async function decideCurrent(verdict) {
  const item = current();
  const text = item ? noteOrWarn(note) : null;
  if (!item || text === null) return;
  try {
    await decide(item, verdict, text);
    note.value = '';
    say(`${item.id} labelled ${verdict}.`);
    await load();
  } catch (e) {
    say(e.message, 'error');
  }
}

// Each selected row is its own request, so each is its own entry in the audit log.
async function decideSelected(verdict) {
  const picked = [...body.querySelectorAll('tr')].filter(row => row.querySelector('input.pick')?.checked).map(row => items[Number(row.dataset.index)]);
  if (picked.length === 0) {
    say('Select rows first.', 'warn');
    return;
  }
  const text = noteOrWarn(note);
  if (text === null) return;
  const failures = [];
  for (const item of picked) {
    try {
      await decide(item, verdict, text);
    } catch (e) {
      failures.push(`${item.id}: ${e.message}`);
    }
  }
  note.value = '';
  say(failures.length === 0 ? `${picked.length} items labelled ${verdict}.` : `Not all labelled: ${failures.join('; ')}`, failures.length === 0 ? 'info' : 'error');
  await load();
}

document.getElementById('filters').addEventListener('change', load);
document.getElementById('filters').addEventListener('submit', event => { event.preventDefault(); load(); });
document.getElementById('select-all').addEventListener('change', event => body.querySelectorAll('input.pick').forEach(box => { box.checked = event.target.checked; }));
document.getElementById('claim').addEventListener('click', claimCurrent);
document.getElementById('release').addEventListener('click', releaseCurrent);
document.getElementById('open').addEventListener('click', openCurrent);
document.getElementById('fraud').addEventListener('click', () => decideCurrent('fraud'));
document.getElementById('benign').addEventListener('click', () => decideCurrent('benign'));
document.getElementById('bulk-fraud').addEventListener('click', () => decideSelected('fraud'));
document.getElementById('bulk-benign').addEventListener('click', () => decideSelected('benign'));
onShortcut({
  j: () => select(selected + 1),
  k: () => select(selected - 1),
  o: openCurrent,
  c: claimCurrent,
  r: releaseCurrent,
  f: () => decideCurrent('fraud'),
  b: () => decideCurrent('benign'),
  n: () => note.focus(),
});

await session();
await header('queue');
await load();
document.body.dataset.ready = 'true';
