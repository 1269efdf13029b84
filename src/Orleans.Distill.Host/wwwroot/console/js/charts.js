import { el, clear, signedWeight } from './dom.js';

// Bars are elements sized through the CSS object model, which the content security policy allows; no markup is
// ever built from strings.
export function reasonBars(container, reasons) {
  clear(container);
  const largest = Math.max(...reasons.map(r => Math.abs(r.weight)), 0.0001);
  for (const reason of reasons) {
    const bar = el('span', { class: 'bar-fill' });
    bar.style.width = `${(100 * Math.abs(reason.weight)) / largest}%`;
    container.append(el('div', { class: reason.weight < 0 ? 'bar-row lowered' : 'bar-row' },
      el('span', { class: 'bar-label', text: reason.entity ? `${reason.feature} · ${reason.entity}` : reason.feature }),
      el('span', { class: 'bar-track' }, bar),
      el('span', { class: 'bar-value', text: `${signedWeight(reason.weight)} (value ${reason.value})` })));
  }
  if (reasons.length === 0) container.append(el('p', { text: 'No reasons: the component is not scored yet.' }));
}

const day = time => (time ? String(time).slice(0, 10) : null);

// Per day: accounts that signed up, and accounts that sent traffic (usage), from each member's own record.
export function timeline(container, members) {
  clear(container);
  const days = new Map();
  const bump = (date, field) => {
    if (!date) return;
    const entry = days.get(date) ?? { signups: 0, active: 0 };
    entry[field] += 1;
    days.set(date, entry);
  };
  for (const m of members) {
    bump(day(m.signup_at ?? m.first_seen), 'signups');
    for (const active of m.active_days ?? []) bump(active, 'active');
  }
  const ordered = [...days.entries()].sort(([a], [b]) => a.localeCompare(b));
  const largest = Math.max(1, ...ordered.map(([, v]) => Math.max(v.signups, v.active)));
  for (const [date, counts] of ordered) {
    const signups = el('span', { class: 'tl-signups', title: `${counts.signups} signed up` });
    signups.style.height = `${(100 * counts.signups) / largest}%`;
    const active = el('span', { class: 'tl-seen', title: `${counts.active} sent traffic` });
    active.style.height = `${(100 * counts.active) / largest}%`;
    container.append(el('div', { class: 'tl-day', dataset: { day: date } },
      el('div', { class: 'tl-bars' }, signups, active),
      el('span', { class: 'tl-label', text: date.slice(5) }),
      el('span', { class: 'tl-count', text: `${counts.signups}/${counts.active}` })));
  }
}
