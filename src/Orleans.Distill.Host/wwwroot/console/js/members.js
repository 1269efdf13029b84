import { el, clear, decisionBadge, formatScore, formatTime } from './dom.js';

const columns = [
  { key: 'account', title: 'Account' },
  { key: 'decision', title: 'Decision' },
  { key: 'score', title: 'Score', numeric: true },
  { key: 'label', title: 'Label' },
  { key: 'signup_at', title: 'Signed up' },
  { key: 'last_seen', title: 'Last seen' },
  { key: 'requests', title: 'Requests', numeric: true },
  { key: 'links', title: 'Links', numeric: true },
];

// The member table: sorted by any column (click its header), one row per account with its own decision.
export function membersTable(table, rows) {
  let sortKey = 'score';
  let descending = true;
  let cursor = -1;
  const head = clear(table.querySelector('thead'));
  const body = table.querySelector('tbody');

  const headerRow = el('tr', {}, el('th', { scope: 'col' }, el('input', { type: 'checkbox', 'aria-label': 'Select all members',
    onchange: event => body.querySelectorAll('input.pick').forEach(box => { box.checked = event.target.checked; }) })));
  for (const column of columns) {
    headerRow.append(el('th', { scope: 'col', dataset: { key: column.key } },
      el('button', { type: 'button', class: 'sort', text: column.title, onclick: () => sortBy(column.key) })));
  }
  head.append(headerRow);

  function sortBy(key) {
    descending = key === sortKey ? !descending : columns.find(c => c.key === key)?.numeric === true;
    sortKey = key;
    draw();
  }

  function draw() {
    const sorted = rows.slice().sort((a, b) => {
      const x = a[sortKey] ?? '';
      const y = b[sortKey] ?? '';
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return descending ? -order : order;
    });
    head.querySelectorAll('th[data-key]').forEach(th => th.setAttribute('aria-sort', th.dataset.key === sortKey ? (descending ? 'descending' : 'ascending') : 'none'));
    clear(body);
    for (const m of sorted) {
      body.append(el('tr', { dataset: { account: m.account } },
        el('td', {}, el('input', { type: 'checkbox', class: 'pick', 'aria-label': `Select ${m.account}` })),
        el('td', { class: 'account', text: m.account }),
        el('td', {}, decisionBadge(m.decision)),
        el('td', { class: 'num', text: formatScore(m.score) }),
        el('td', { class: 'label', text: m.label ?? '' }),
        el('td', { text: formatTime(m.signup_at) }),
        el('td', { text: formatTime(m.last_seen) }),
        el('td', { class: 'num', text: m.requests }),
        el('td', { class: 'num', text: m.links })));
    }
  }

  draw();
  return {
    selected: () => [...body.querySelectorAll('tr')].filter(row => row.querySelector('input.pick')?.checked).map(row => row.dataset.account),
    move(step) {
      const all = [...body.querySelectorAll('tr')];
      if (all.length === 0) return;
      cursor = Math.max(0, Math.min(cursor + step, all.length - 1));
      all.forEach((row, i) => row.classList.toggle('selected', i === cursor));
      all[cursor].scrollIntoView({ block: 'nearest' });
    },
  };
}
