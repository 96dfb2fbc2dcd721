// The actor network: nodes are actors, edges are dyads (width by count, colour by mean score).
// The layout is a small force simulation run to rest before drawing, started from a circle so
// that the same data always gives the same picture.

import { getJSON } from './api.js';
import { clear, el, message, scoreColour, svg } from './dom.js';
import { go, readState, withFilters } from './state.js';


/** {source, target, names, count, score, dyad} out of a /api/dyads item. */
export function dyadRow(item) {
  const label = (side) => {
    const name = item[`${side}_name`];
    const code = `${item[`${side}_country`] || ''}${item[`${side}_sector`] || ''}`;
    // long organisation names crowd the graph: their code says the same in less room
    if (name && (name.length <= 24 || !code)) return name;
    return code || item[side];
  };
  return {
    source: item.source,
    target: item.target,
    sourceName: label('source'),
    targetName: label('target'),
    count: Number(item.count ?? 0),
    score: Number(item.mean_score ?? 0),
    dyad: item.dyad,
  };
}

export function dyadKey(edge) {
  return edge.dyad || `${edge.source}-${edge.target}`;
}

const SPRING = 70; // the length an edge settles at, in pixels
const GRAVITY = 0.05;

/** Spring layout of one connected part of the graph, around (0, 0). */
function layoutPart(nodes, edges) {
  const n = nodes.length;
  nodes.forEach((node, i) => {
    // start from the top, so that a pair stands upright and its labels stay clear of its edge
    const angle = Math.PI / 2 + (2 * Math.PI * i) / n;
    node.x = n === 1 ? 0 : SPRING * Math.sqrt(n) * 0.5 * Math.cos(angle);
    node.y = n === 1 ? 0 : SPRING * Math.sqrt(n) * 0.5 * Math.sin(angle);
  });
  const steps = 300;
  for (let step = 0; step < steps; step += 1) {
    const heat = SPRING * (1 - step / steps) + 0.5;
    for (const a of nodes) { a.dx = 0; a.dy = 0; }
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        const a = nodes[i];
        const b = nodes[j];
        const dx = a.x - b.x || 0.01;
        const dy = a.y - b.y || 0.01;
        const push = (SPRING * SPRING) / (dx * dx + dy * dy);
        a.dx += dx * push; a.dy += dy * push;
        b.dx -= dx * push; b.dy -= dy * push;
      }
    }
    for (const edge of edges) {
      const a = edge.from;
      const b = edge.to;
      if (a === b) continue;
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const pull = Math.sqrt(dx * dx + dy * dy) / SPRING;
      a.dx -= dx * pull; a.dy -= dy * pull;
      b.dx += dx * pull; b.dy += dy * pull;
    }
    for (const a of nodes) {
      a.dx -= a.x * GRAVITY * Math.sqrt(n);
      a.dy -= a.y * GRAVITY * Math.sqrt(n);
      const d = Math.sqrt(a.dx * a.dx + a.dy * a.dy) || 1;
      a.x += (a.dx / d) * Math.min(d, heat);
      a.y += (a.dy / d) * Math.min(d, heat);
    }
  }
}

/** The connected parts of the graph, biggest first. */
function parts(nodes, edges) {
  const parent = new Map(nodes.map((node) => [node, node]));
  const root = (node) => {
    while (parent.get(node) !== node) node = parent.get(node);
    return node;
  };
  for (const edge of edges) parent.set(root(edge.from), root(edge.to));
  const groups = new Map();
  for (const node of nodes) {
    const r = root(node);
    if (!groups.has(r)) groups.set(r, { nodes: [], edges: [] });
    groups.get(r).nodes.push(node);
  }
  for (const edge of edges) groups.get(root(edge.from)).edges.push(edge);
  return [...groups.values()].sort((a, b) => b.nodes.length - a.nodes.length
    || b.edges.reduce((s, e) => s + e.count, 0) - a.edges.reduce((s, e) => s + e.count, 0));
}

/**
 * Positions for every node: each connected part laid out on its own, then the parts packed
 * in rows (biggest first), so that many small dyads do not scatter over the big one.
 * Returns the height the drawing needs.
 */
export function layout(nodes, edges, width, labelWidth) {
  const margin = 14;
  let x = margin;
  let y = margin;
  let rowHeight = 0;
  for (const part of parts(nodes, edges)) {
    layoutPart(part.nodes, part.edges);
    const left = Math.min(...part.nodes.map((node) => node.x)) - 12;
    const top = Math.min(...part.nodes.map((node) => node.y)) - 14;
    const right = Math.max(...part.nodes.map((node) => node.x + 12 + labelWidth(node)));
    const bottom = Math.max(...part.nodes.map((node) => node.y)) + 14;
    const w = right - left;
    const h = bottom - top;
    if (x > margin && x + w > width - margin) {
      x = margin;
      y += rowHeight + margin;
      rowHeight = 0;
    }
    for (const node of part.nodes) {
      node.x += x - left;
      node.y += y - top;
    }
    x += w + margin;
    rowHeight = Math.max(rowHeight, h);
  }
  return y + rowHeight + margin;
}

export async function drawNetwork(node, listNode, state) {
  message(node, 'Loading…', 'loading');
  // The network shows the whole graph under the other filters, with the chosen dyad marked.
  const { dyad, ...filters } = state.filters;
  const body = await getJSON('/api/dyads', { ...filters, limit: 200 });
  const rows = (Array.isArray(body) ? body : body.items || []).map(dyadRow)
    .filter((row) => row.source && row.target && row.count > 0);
  clear(node);
  if (!rows.length) {
    message(node, 'No dyads (events with both a source and a target) match these filters.');
    clear(listNode);
    return;
  }
  const byName = new Map();
  const nodeFor = (id, name) => {
    if (!byName.has(id)) byName.set(id, { id, name, count: 0 });
    return byName.get(id);
  };
  const edges = rows.map((row) => {
    const edge = { ...row, from: nodeFor(row.source, row.sourceName),
      to: nodeFor(row.target, row.targetName) };
    edge.from.count += row.count;
    edge.to.count += row.count;
    return edge;
  });
  const nodes = [...byName.values()];
  const width = node.clientWidth || 600;
  const height = Math.max(200, layout(nodes, edges, width, (n) => n.name.length * 6.5));
  const maxCount = Math.max(...edges.map((edge) => edge.count));
  const chart = svg('svg', { width, height, class: 'network-chart', role: 'img',
    'aria-label': 'actor network' },
  svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5,
    markerWidth: 10, markerHeight: 10, markerUnits: 'userSpaceOnUse', orient: 'auto' },
  svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#222' }))));
  const radius = (n) => 4 + Math.sqrt(n.count) * 2;
  for (const edge of edges) {
    const { from, to } = edge;
    const selected = dyad && dyad === dyadKey(edge);
    const path = edgePath(from, to, radius(to), edges.some((e) => e.from === to && e.to === from));
    const title = `${edge.sourceName} → ${edge.targetName}: ${edge.count} event${edge.count === 1 ? '' : 's'}, `
      + `mean score ${edge.score.toFixed(1)}`;
    const open = () => go(withFilters({ dyad: dyadKey(edge) }));
    chart.append(svg('g', { class: `edge${selected ? ' selected' : ''}`, tabindex: 0,
      dataset: { source: edge.source, target: edge.target, dyad: dyadKey(edge),
        count: edge.count },
      onclick: open, onkeydown: (e) => e.key === 'Enter' && open() },
    svg('title', {}, title),
    svg('path', { d: path, class: 'hit' }),
    svg('path', { d: path, class: 'line', stroke: scoreColour(edge.score),
      'stroke-width': 1 + (edge.count / maxCount) * 7, 'marker-end': 'url(#arrow)' })));
  }
  for (const n of nodes) {
    const open = () => go(withFilters({ actor: n.name, dyad: '' }));
    chart.append(svg('g', { class: 'node', transform: `translate(${n.x},${n.y})`,
      dataset: { actor: n.id, name: n.name, count: n.count }, onclick: open },
    svg('title', {}, `${n.name}: ${n.count} event${n.count === 1 ? '' : 's'} in dyads`),
    svg('circle', { r: radius(n) }),
    svg('text', { x: radius(n) + 3, y: 4 }, n.name)));
  }
  node.append(chart, el('div', { class: 'legend' },
    el('span', { class: 'swatch', style: `background:${scoreColour(-10)}` }), 'conflict ',
    el('span', { class: 'swatch', style: `background:${scoreColour(0)}` }), 'mixed ',
    el('span', { class: 'swatch', style: `background:${scoreColour(10)}` }), 'cooperation',
    ' · click an actor to filter by it'));
  describeSelected(listNode, edges, dyad);
}

// A straight line for a one-way dyad; a curve when both directions exist, so both show.
function edgePath(a, b, targetRadius, twoWay) {
  if (a === b) {
    return `M ${a.x} ${a.y} c 30 -40 60 0 ${0} ${targetRadius + 2}`;
  }
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const d = Math.sqrt(dx * dx + dy * dy) || 1;
  const ex = b.x - (dx / d) * (targetRadius + 2);
  const ey = b.y - (dy / d) * (targetRadius + 2);
  if (!twoWay) return `M ${a.x} ${a.y} L ${ex} ${ey}`;
  const mx = (a.x + b.x) / 2 - (dy / d) * 20;
  const my = (a.y + b.y) / 2 + (dx / d) * 20;
  return `M ${a.x} ${a.y} Q ${mx} ${my} ${ex} ${ey}`;
}

function describeSelected(listNode, edges, dyad) {
  clear(listNode);
  if (!dyad) return;
  const edge = edges.find((e) => dyadKey(e) === dyad);
  listNode.append(el('p', {},
    edge ? `${edge.sourceName} → ${edge.targetName}: ${edge.count} event(s), mean score `
      + `${edge.score.toFixed(1)}; the table below lists them. `
      : `Dyad ${dyad}. `,
    el('button', { type: 'button', onclick: () => go(withFilters({ dyad: '' }, readState())) },
      'show all dyads')));
}
