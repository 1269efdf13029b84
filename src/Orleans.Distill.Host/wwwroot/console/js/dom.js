// Builds elements from data without ever parsing it as HTML: every string becomes a text node or an attribute value.
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = String(value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

export function componentHref(id) {
  return `/console/component.html?id=${encodeURIComponent(id)}`;
}

export function formatScore(score) {
  return typeof score === 'number' ? score.toFixed(2) : '';
}

export function formatTime(value) {
  return value ? String(value).replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '';
}

export function decisionBadge(decision) {
  return el('span', { class: `badge decision-${decision}`, text: decision, 'data-decision': decision });
}

// A weight with its sign: reasons that lowered the score carry a minus.
export function signedWeight(weight) {
  return weight < 0 ? `−${(-weight).toFixed(2)}` : `+${weight.toFixed(2)}`;
}

export function describeReason(reason) {
  const weight = typeof reason.weight === 'number' ? ` ${signedWeight(reason.weight)}` : '';
  return reason.entity ? `${reason.feature} (${reason.entity})${weight}` : `${reason.feature}${weight}`;
}

// One line saying what happened, for the status region every page has.
export function say(message, kind = 'info') {
  const region = document.getElementById('message');
  if (!region) return;
  region.textContent = message;
  region.dataset.kind = kind;
}

// Every decision says why: the note's text, or null (and the analyst told so, the note focused) when it is empty.
export function noteOrWarn(note) {
  const text = note.value.trim();
  if (text.length === 0) {
    say('Write a note first (n): every decision says why.', 'warn');
    note.focus();
    return null;
  }
  return text;
}
