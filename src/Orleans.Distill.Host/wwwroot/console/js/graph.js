import { el, clear, formatTime } from './dom.js';

// Above this many nodes, hubs and benign identifiers (which glue no one, yet may link to every account) are drawn as
// one node that expands on demand, and labels show only when zoomed in.
export const LargeGraph = 400;

const palette = { account: '#3b6fb6', instrument: '#c0392b', ip_range: '#8e44ad', device: '#d35400', template: '#16a085', hubs: '#555' };

// One id per pair of ends, whichever way round a source names them.
export function edgeId(a, b) {
  return a < b ? `e:${a}|${b}` : `e:${b}|${a}`;
}

// GraphML from GET /v1/components/{id}/graph, parsed as XML data: nothing in it is ever treated as markup.
export function parseGraphML(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) throw new Error('the graph could not be read');
  const data = element => {
    const values = {};
    for (const d of element.getElementsByTagNameNS('*', 'data')) values[d.getAttribute('key')] = d.textContent;
    return values;
  };
  const ids = new Map();
  const nodes = [];
  for (const n of doc.getElementsByTagNameNS('*', 'node')) {
    const d = data(n);
    ids.set(n.getAttribute('id'), d.key);
    nodes.push({ id: d.key, kind: d.kind, value: d.value, label: d.value, hub: d.hub === 'true', benign: d.benign === 'true' });
  }
  const edges = [];
  for (const e of doc.getElementsByTagNameNS('*', 'edge')) {
    const d = data(e);
    edges.push({
      id: edgeId(ids.get(e.getAttribute('source')), ids.get(e.getAttribute('target'))),
      source: ids.get(e.getAttribute('source')),
      target: ids.get(e.getAttribute('target')),
      first_seen: d.first_seen, last_seen: d.last_seen, count: Number(d.count), glues: d.glues === 'true',
    });
  }
  return { nodes, edges };
}

function style(large) {
  return [
    { selector: 'node', style: { 'background-color': n => palette[n.data('kind')] ?? '#777', label: 'data(label)', 'font-size': 9, color: '#222',
      'text-valign': 'bottom', 'text-margin-y': 2, width: 14, height: 14, 'min-zoomed-font-size': large ? 12 : 0 } },
    { selector: 'node[kind != "account"]', style: { shape: 'round-rectangle' } },
    { selector: 'node[?hub]', style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': '#111', width: 22, height: 22 } },
    { selector: 'node[?benign]', style: { 'border-width': 3, 'border-style': 'dotted', 'border-color': '#27ae60' } },
    { selector: 'node[kind = "hubs"]', style: { shape: 'octagon', width: 30, height: 30, 'border-width': 3, 'border-style': 'dashed', 'border-color': '#111' } },
    { selector: 'edge', style: { width: 1, 'line-color': '#aab', 'curve-style': 'haystack' } },
    // Dashes are drawn one by one: on thousands of long links to hubs a single frame would take seconds.
    { selector: 'edge[!glues]', style: large ? { 'line-color': '#dfe2ea' } : { 'line-style': 'dashed' } },
    { selector: '.path', style: { 'line-color': '#f1c40f', 'border-color': '#f1c40f', 'border-width': 4, width: 4, 'z-index': 10 } },
    { selector: ':selected', style: { 'border-color': '#000', 'border-width': 3 } },
    { selector: '.expanded', style: { opacity: 0.7 } },
  ];
}

export class EvidenceGraph {
  constructor(container, details) {
    this.container = container;
    this.details = details;
    this.hidden = null;
  }

  // Draws the graph and resolves once the layout has finished, with how long drawing took.
  render({ nodes, edges }) {
    const started = performance.now();
    const large = nodes.length > LargeGraph;
    let elements = { nodes, edges };
    if (large) elements = this.collapseHubs(nodes, edges);
    window.cytoscape.use(window.cytoscapeFcose);
    this.cy = window.cytoscape({
      container: this.container,
      elements: [...elements.nodes.map(data => ({ data })), ...elements.edges.map(data => ({ data }))],
      style: style(large),
      layout: { name: 'preset' },
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      motionBlur: false,
      wheelSensitivity: 0.3,
    });
    this.cy.on('tap', 'node, edge', event => this.describe(event.target));
    return this.layout(large).then(() => {
      const ms = Math.round(performance.now() - started);
      this.container.dataset.nodes = String(this.cy.nodes().length);
      this.container.dataset.edges = String(this.cy.edges().length);
      this.container.dataset.renderMs = String(ms);
      this.container.dataset.ready = 'true';
      return ms;
    });
  }

  layout(large) {
    return new Promise(resolve => {
      const layout = this.cy.layout({ name: 'fcose', quality: large ? 'draft' : 'default', animate: false, randomize: true, nodeDimensionsIncludeLabels: !large,
        numIter: large ? 1000 : 2500, packComponents: true });
      layout.one('layoutstop', () => resolve());
      layout.run();
    });
  }

  collapseHubs(nodes, edges) {
    const hubs = new Set(nodes.filter(n => n.hub || n.benign).map(n => n.id));
    if (hubs.size === 0) return { nodes, edges };
    this.hidden = { nodes: nodes.filter(n => hubs.has(n.id)), edges: edges.filter(e => hubs.has(e.source) || hubs.has(e.target)) };
    return {
      nodes: [...nodes.filter(n => !hubs.has(n.id)), { id: 'hubs', kind: 'hubs', value: `${hubs.size} hubs`, label: `${hubs.size} hubs (expand)` }],
      edges: edges.filter(e => !hubs.has(e.source) && !hubs.has(e.target)),
    };
  }

  expandHubs() {
    if (!this.hidden) return 0;
    const { nodes, edges } = this.hidden;
    this.hidden = null;
    this.cy.getElementById('hubs').remove();
    this.add(nodes, edges);
    return nodes.length;
  }

  add(nodes, edges) {
    const fresh = [];
    for (const data of nodes) if (this.cy.getElementById(data.id).empty()) fresh.push({ data, classes: 'expanded' });
    for (const data of edges) if (this.cy.getElementById(data.id).empty()) fresh.push({ data, classes: 'expanded' });
    const added = this.cy.add(fresh);
    added.nodes().forEach((n, i) => {
      const anchor = n.neighborhood('node').first();
      const at = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
      n.position({ x: at.x + 40 * Math.cos(i), y: at.y + 40 * Math.sin(i) });
    });
    return added.nodes().length;
  }

  accounts() {
    return this.cy.nodes('[kind = "account"]').map(n => n.data('value')).sort();
  }

  selectedNode() {
    return this.cy.nodes(':selected').first();
  }

  focus(key) {
    const node = this.cy.getElementById(key);
    if (node.empty()) return false;
    this.cy.elements().unselect();
    node.select();
    this.cy.animate({ center: { eles: node }, zoom: Math.max(this.cy.zoom(), 1.2) }, { duration: 0 });
    this.describe(node);
    return true;
  }

  // Marks the chain of gluing links a path answer names; answers how many of its nodes are drawn.
  highlight(steps) {
    this.cy.elements().removeClass('path');
    const keys = steps.map(s => (s.account !== undefined && s.account !== null ? `account:${s.account}` : `${s.kind}:${s.entity}`));
    let found = 0;
    keys.forEach((key, i) => {
      const node = this.cy.getElementById(key);
      if (node.nonempty()) {
        found += 1;
        node.addClass('path');
        if (i > 0) node.edgesWith(this.cy.getElementById(keys[i - 1])).addClass('path');
      }
    });
    return found;
  }

  describe(target) {
    clear(this.details);
    const row = (term, value) => this.details.append(el('dt', { text: term }), el('dd', { text: value }));
    const d = target.data();
    if (target.isNode()) {
      row('kind', d.kind);
      row('value', d.value);
      if (d.kind !== 'account' && d.kind !== 'hubs') row('hub', d.hub ? 'yes: glues no one' : 'no');
      if (d.benign) row('benign', 'marked benign');
      row('links drawn', String(target.degree()));
    } else {
      row('link', `${target.source().data('value')} – ${target.target().data('value')}`);
      if (d.first_seen) row('first seen', formatTime(d.first_seen));
      if (d.last_seen) row('last seen', formatTime(d.last_seen));
      if (!Number.isNaN(d.count) && d.count !== undefined) row('count', String(d.count));
      row('glues', d.glues ? 'yes' : 'no');
    }
  }
}
