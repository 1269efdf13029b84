import { el, append, clear, componentHref, decisionBadge, describeReason, formatScore, formatTime, say, noteOrWarn } from './dom.js';
import { get, post, claim, release, markBenign, session } from './api.js';
import { header } from './nav.js';
import { onShortcut } from './keys.js';

// A flagged hub: an identifier shared by more accounts than its kind's threshold. It is scored on its own but
// joins no component, so the page shows where its accounts sit instead of a graph.
const key = new URLSearchParams(location.search).get('key') ?? '';
const colon = key.indexOf(':');
const kind = key.slice(0, colon);
const value = key.slice(colon + 1);
const note = document.getElementById('note');

async function load() {
  const [queue, claims, found] = await Promise.all([get('/v1/queue?decided=include'), get('/v1/claims'), post('/v1/search', { q: value, kind })]);
  const item = queue.find(i => i.id === key);
  const held = claims.find(c => c.item === key);
  const match = found.matches[0];
  document.title = `${key} · Orleans.Distill console`;
  append(clear(document.getElementById('summary')), [
    el('h1', {}, `Hub: ${kind} `, el('span', { id: 'hub-value', text: value })),
    el('p', { class: 'facts' },
      item ? [el('span', { class: 'score', text: `score ${formatScore(item.score)}` }), ' ', decisionBadge(item.decision), ' '] : null,
      el('span', { text: match ? `${match.accounts} accounts in the window${match.benign ? ', marked benign' : ''}` : 'not known' }), ' · ',
      el('span', { id: 'claimed-by', text: held ? `claimed by ${held.who}` : 'not claimed' })),
    item ? el('p', { class: 'hint', text: item.reasons.map(describeReason).join(' · ') }) : null,
    item?.decided ? el('p', { id: 'verdict', text: `${item.decided.kind} by ${item.decided.who} at ${formatTime(item.decided.at)} (${item.decided.why})` }) : null,
  ]);
  const components = clear(document.querySelector('#components tbody'));
  for (const share of match?.account_components ?? []) {
    components.append(el('tr', {}, el('td', {}, el('a', { href: componentHref(share.component), text: share.component })), el('td', { class: 'num', text: share.accounts })));
  }
  const accounts = clear(document.getElementById('accounts'));
  for (const account of match?.linked_accounts ?? []) accounts.append(el('li', { text: account }));
  document.getElementById('accounts-note').textContent = match && match.accounts > match.linked_accounts.length
    ? `The first ${match.linked_accounts.length} of ${match.accounts}.` : '';
}

async function act(action, done) {
  try {
    await action();
    say(done);
  } catch (e) {
    say(e.message, 'error');
  }
  await load();
}

async function benign() {
  const why = noteOrWarn(note);
  if (why === null) return;
  await act(async () => {
    const answer = await markBenign(key, why);
    note.value = '';
    return answer;
  }, `${key} marked benign (or waiting for a second analyst).`);
}

document.getElementById('claim').addEventListener('click', () => act(() => claim(key), `Claimed ${key}.`));
document.getElementById('release').addEventListener('click', () => act(() => release(key), `Released ${key}.`));
document.getElementById('benign').addEventListener('click', benign);
onShortcut({ c: () => act(() => claim(key), `Claimed ${key}.`), r: () => act(() => release(key), `Released ${key}.`), b: benign, n: () => note.focus() });

await session();
await header('hub');
await load().catch(e => say(e.message, 'error'));
document.body.dataset.ready = 'true';
