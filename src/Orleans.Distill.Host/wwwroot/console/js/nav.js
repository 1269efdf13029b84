import { el, componentHref, say } from './dom.js';
import { session, post, ApiError } from './api.js';

// The bar every page has: where to go, a search box that lands on the component holding what was typed, and who
// is signed in.
export async function header(current) {
  const bar = document.getElementById('bar');
  const who = el('span', { id: 'who' });
  const query = el('input', { id: 'search', type: 'search', placeholder: 'account, IP, card token, device, template', 'aria-label': 'Search', autocomplete: 'off' });
  const form = el('form', { id: 'search-form', role: 'search', onsubmit: event => { event.preventDefault(); search(query.value); } },
    query, el('button', { type: 'submit', text: 'Find' }));
  const link = (href, text, name) => el('a', { href, text, class: current === name ? 'current' : null });
  bar.replaceChildren(
    el('strong', { text: 'Orleans.Distill' }),
    el('nav', {}, link('/console/', 'Queue', 'queue'), link('/console/status.html', 'Status', 'status')),
    form,
    who);
  const me = await session();
  who.append(`${me.name} (${me.role})`);
  if (me.signed_in) {
    who.append(' ', el('button', { id: 'signout', type: 'button', text: 'Sign out', onclick: signOut }));
  }
}

async function signOut() {
  const me = await session();
  await fetch('/console/signout', { method: 'POST', credentials: 'same-origin', headers: { [me.antiforgery_header]: me.antiforgery_token } });
  location.assign('/console/signin');
}

export async function search(text) {
  const q = text.trim();
  if (q.length === 0) return;
  try {
    const answer = await post('/v1/search', { q });
    const landing = answer.matches.find(m => m.component);
    if (landing) {
      location.assign(componentHref(landing.component) + `&focus=${encodeURIComponent(landing.kind === 'account' ? landing.value : `${landing.kind}:${landing.value}`)}`);
      return;
    }
    if (answer.matches.length > 0) {
      const m = answer.matches[0];
      say(`${m.kind} ${m.value} is ${m.hub ? 'a hub' : m.benign ? 'marked benign' : 'not glued'}: linked to ${m.accounts} accounts, it joins no component.`, 'warn');
      return;
    }
    say(`Nothing holds "${q}".`, 'warn');
  } catch (e) {
    say(e instanceof ApiError ? e.message : String(e), 'error');
  }
}
