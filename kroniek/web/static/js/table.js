// The event table: one page of /api/events for the current filters, with paging.

import { getJSON } from './api.js';
import { actorLabel, clear, el, eventDate, message, placeLabel, quadColour } from './dom.js';
import { go, readState, stateSearch } from './state.js';

export const PAGE_SIZE = 50;

export async function drawTable(node, countNode, state) {
  message(node, 'Loading events…', 'loading');
  const page = await getJSON('/api/events', {
    ...state.filters, limit: PAGE_SIZE, offset: state.offset,
  });
  countNode.textContent = `${page.total} event${page.total === 1 ? '' : 's'}`;
  clear(node);
  if (!page.items.length) {
    message(node, 'No events match these filters.');
    return page;
  }
  const rows = page.items.map((event) => eventRow(event));
  node.append(
    el('table', { class: 'events', id: 'events-table' },
      el('thead', {}, el('tr', {},
        ['Date', 'Source', 'Event', 'Target', 'Quad class', 'Factuality', 'Place', 'Sentence', '']
          .map((name) => el('th', {}, name)))),
      el('tbody', {}, rows)),
    pager(page),
  );
  return page;
}

/** One row; exported for the network's edge list, which shows the same columns. */
export function eventRow(event) {
  const link = stateSearch({
    filters: {}, offset: 0, article: event.article_id, event: String(event.idx),
  });
  return el('tr', { class: 'event-row', dataset: { article: event.article_id, idx: event.idx } },
    el('td', { class: 'date' }, eventDate(event)),
    el('td', {}, actorLabel(event, 'source')),
    el('td', { class: 'type' }, el('strong', {}, event.type),
      event.mode ? el('span', { class: 'mode' }, ` ${event.mode}`) : ''),
    el('td', {}, actorLabel(event, 'target')),
    el('td', {}, el('span', { class: 'swatch', style: `background:${quadColour(event.quad_class)}` }),
      event.quad_class),
    el('td', { class: `factuality ${event.factuality}` }, event.factuality),
    el('td', {}, placeLabel(event)),
    el('td', { class: 'sentence' }, sentenceWithTrigger(event)),
    el('td', {}, el('a', { href: link, class: 'read', onclick: followLink }, 'read')),
  );
}

// The sentence with its trigger marked; trigger offsets are into the article, so they are
// moved by the sentence's own start.
function sentenceWithTrigger(event) {
  const text = event.sentence_text || '';
  const trigger = event.trigger || {};
  const start = (trigger.start ?? -1) - (event.sentence_start ?? 0);
  const end = (trigger.end ?? -1) - (event.sentence_start ?? 0);
  if (start < 0 || end > text.length || end <= start) return text;
  return [text.slice(0, start), el('mark', { class: 'trigger' }, text.slice(start, end)),
    text.slice(end)];
}

function pager(page) {
  const state = readState();
  const last = page.offset + page.items.length;
  const move = (offset) => () => go({ ...state, offset });
  return el('nav', { class: 'pager' },
    el('button', { type: 'button', disabled: page.offset <= 0,
      onclick: move(Math.max(0, page.offset - PAGE_SIZE)) }, '← previous'),
    el('span', {}, ` ${page.offset + 1}–${last} of ${page.total} `),
    el('button', { type: 'button', disabled: last >= page.total,
      onclick: move(page.offset + PAGE_SIZE) }, 'next →'));
}

/** In-page links keep history without reloading the page. */
export function followLink(event) {
  if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  const url = new URL(event.currentTarget.href);
  window.history.pushState(null, '', url.search || url.pathname);
  window.dispatchEvent(new CustomEvent('kroniek:state'));
}
