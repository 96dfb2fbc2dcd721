// Small helpers shared by the views: building elements and naming things the same way everywhere.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An HTML element with attributes and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element with attributes and children. */
export function svg(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The four quad classes in PLOVER order, with the colours the timeline and legend share.
export const QUAD_CLASSES = [
  ['verbal cooperation', '#8fb9e3'],
  ['material cooperation', '#2f6fb3'],
  ['verbal conflict', '#f2a65a'],
  ['material conflict', '#c8402f'],
];

export function quadColour(name) {
  const found = QUAD_CLASSES.find(([quad]) => quad === name);
  return found ? found[1] : '#999';
}

/** Colour of a cooperation-conflict score (-10 conflict, red; +10 cooperation, blue). */
export function scoreColour(score) {
  const t = Math.max(-1, Math.min(1, (Number(score) || 0) / 10));
  // grey in the middle, so that a mixed dyad does not look like either side
  const grey = [150, 150, 150];
  const end = t < 0 ? [200, 40, 30] : [30, 100, 190];
  const mix = grey.map((g, i) => Math.round(g + (end[i] - g) * Math.abs(t)));
  return `rgb(${mix.join(',')})`;
}

/** How an event names one side: name, else code, else the mention text, else a dash. */
export function actorLabel(event, side) {
  const actor = event[side];
  if (!actor) return '—';
  return actor.name || actor.code || actor.text || '—';
}

/** The place of an event as resolved, else as written. */
export function placeLabel(event) {
  const place = event.place;
  return place ? place.resolved || place.name || '' : '';
}

export function eventDate(event) {
  return event.date || event.article_date || '';
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function message(node, text, cls = 'empty') {
  clear(node).append(el('p', { class: cls }, text));
}
