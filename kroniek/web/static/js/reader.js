// The article reader: the text with actors, triggers, time expressions and places highlighted,
// and the events beside it. An event links to its sentence, and a trigger back to its event.

import { getJSON } from './api.js';
import { actorLabel, clear, el, eventDate, message, placeLabel, quadColour } from './dom.js';
import { stateSearch } from './state.js';
import { followLink } from './table.js';

const KINDS = [
  ['actor', 'actor'], ['trigger', 'event trigger'], ['time', 'time expression'],
  ['place', 'place'],
];

function pick(body, ...names) {
  for (const name of names) {
    if (Array.isArray(body[name])) return body[name];
  }
  return [];
}

/** Every highlight as {kind, start, end, label, event?}, from the article's rows. */
export function articleSpans(body) {
  const spans = [];
  for (const m of pick(body, 'mentions')) {
    const code = `${m.country || ''}${m.sector || ''}`;
    spans.push({ kind: 'actor', start: m.start, end: m.end,
      label: [m.name || m.actor_id, code].filter(Boolean).join(' · ') });
  }
  const factuality = new Map(pick(body, 'events').map((e) => [e.idx, e.factuality]));
  for (const t of pick(body, 'triggers')) {
    spans.push({ kind: 'trigger', start: t.start, end: t.end, event: t.idx,
      label: `${t.type}${t.mode ? ` ${t.mode}` : ''} (${factuality.get(t.idx) || ''})` });
  }
  for (const t of pick(body, 'time_exprs', 'time_expressions', 'times')) {
    spans.push({ kind: 'time', start: t.start, end: t.end, label: `${t.value} (${t.kind || ''})` });
  }
  for (const p of pick(body, 'places')) {
    spans.push({ kind: 'place', start: p.start, end: p.end,
      label: [p.resolved || p.name, p.country].filter(Boolean).join(', ') });
  }
  return spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end)
    && s.end > s.start);
}

/** The text from start to end cut where any span starts or ends, each piece with its spans. */
export function segments(start, end, spans) {
  const cuts = new Set([start, end]);
  for (const span of spans) {
    if (span.end <= start || span.start >= end) continue;
    cuts.add(Math.max(start, span.start));
    cuts.add(Math.min(end, span.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    pieces.push({ start: a, end: b, spans: spans.filter((s) => s.start < b && s.end > a) });
  }
  return pieces;
}

function piece(text, part, articleId) {
  const content = text.slice(part.start, part.end);
  if (!part.spans.length) return content;
  const kinds = [...new Set(part.spans.map((s) => s.kind))];
  const title = part.spans.map((s) => `${kindName(s.kind)}: ${s.label}`).join('\n');
  const attrs = { class: kinds.map((k) => `hl hl-${k}`).join(' '), title };
  // one trigger can code several events (a compound subject): the text links to all of them
  const events = part.spans.filter((s) => s.kind === 'trigger').map((s) => s.event);
  if (events.length) {
    return el('a', { ...attrs, href: `#event-${events[0]}`,
      dataset: { event: events[0], events: events.join(' ') },
      onclick: (e) => { e.preventDefault(); focusEvent(articleId, events, 'list'); } },
    content);
  }
  return el('mark', attrs, content);
}

function kindName(kind) {
  return (KINDS.find(([k]) => k === kind) || [kind, kind])[1];
}

/** Sentences covering the text; text outside every sentence (a credit line) is kept as-is. */
function sentenceRanges(body) {
  const sentences = pick(body, 'sentences')
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end))
    .sort((a, b) => a.start - b.start);
  const ranges = [];
  let at = 0;
  for (const s of sentences) {
    if (s.start > at) ranges.push({ start: at, end: s.start });
    ranges.push({ start: s.start, end: s.end, idx: s.idx });
    at = Math.max(at, s.end);
  }
  if (at < body.text.length) ranges.push({ start: at, end: body.text.length });
  return ranges;
}

export async function drawReader(node, articleId, eventIdx) {
  message(node, 'Loading the article…', 'loading');
  const body = await getJSON(`/api/articles/${encodeURIComponent(articleId)}`);
  const text = body.text || '';
  const spans = articleSpans(body);
  const events = pick(body, 'events');
  const eventSentence = new Map(events.map((e) => [String(e.idx), e.sentence]));
  const textNode = el('div', { class: 'article-text', id: 'article-text' });
  for (const range of sentenceRanges(body)) {
    const parts = segments(range.start, range.end, spans).map((p) => piece(text, p, articleId));
    if (range.idx === undefined) {
      // blank lines before the first sentence would only push the text down
      if (range.start === 0 && !text.slice(range.start, range.end).trim()) continue;
      textNode.append(...parts);
    } else {
      textNode.append(el('span', { class: 'sentence', id: `sentence-${range.idx}`,
        dataset: { sentence: range.idx } }, parts));
    }
  }
  const back = el('a', { href: stateSearch({ filters: {}, offset: 0, article: '', event: '' }),
    class: 'back', onclick: (e) => { e.preventDefault(); window.history.back(); } },
  '← back');
  const list = el('ol', { class: 'article-events', id: 'article-events' },
    events.map((e) => el('li', { id: `event-${e.idx}`, class: 'article-event',
      dataset: { event: e.idx, sentence: e.sentence } },
    el('a', { href: `#sentence-${e.sentence}`, class: 'to-sentence',
      onclick: (ev) => { ev.preventDefault(); focusEvent(articleId, e.idx, 'text'); } },
    el('span', { class: 'swatch', style: `background:${quadColour(e.quad_class)}` }),
    el('strong', {}, e.type), e.mode ? ` ${e.mode}` : '', ' · ',
    `${actorLabel(e, 'source')} → ${actorLabel(e, 'target')}`),
    el('div', { class: 'meta' },
      [eventDate(e), e.factuality, placeLabel(e), e.rule && `rule ${e.rule}`]
        .filter(Boolean).join(' · ')))));
  clear(node).append(
    el('nav', { class: 'reader-nav' }, back, ' ',
      el('a', { href: stateSearch({ filters: { article_id: articleId }, offset: 0,
        article: '', event: '' }), onclick: followLink }, 'this article’s events in the table')),
    el('h2', {}, body.title || body.id || articleId),
    el('p', { class: 'meta' }, [body.date, body.source, body.id].filter(Boolean).join(' · ')),
    el('div', { class: 'legend' }, KINDS.map(([kind, name]) =>
      el('span', { class: `hl hl-${kind}` }, name))),
    el('div', { class: 'reader-body' }, textNode,
      el('aside', {}, el('h3', {}, `${events.length} event${events.length === 1 ? '' : 's'}`),
        list.childElementCount ? list : el('p', { class: 'empty' }, 'No events coded.'))),
  );
  if (eventIdx !== '' && eventSentence.has(String(eventIdx))) {
    focusEvent(articleId, eventIdx, 'text', false);
  }
}

/**
 * Mark events (an idx or a list of them) and their sentence; scroll to the sentence ('text')
 * or to the first event in the list ('list').
 */
function focusEvent(articleId, idx, scrollTo, remember = true) {
  const all = (Array.isArray(idx) ? idx : [idx]).map(String);
  document.querySelectorAll('.focused').forEach((node) => node.classList.remove('focused'));
  const items = all.map((i) => document.getElementById(`event-${i}`)).filter(Boolean);
  const item = items[0];
  const sentence = item && document.getElementById(`sentence-${item.dataset.sentence}`);
  items.forEach((node) => node.classList.add('focused'));
  sentence?.classList.add('focused');
  document.querySelectorAll('#article-text [data-events]').forEach((node) => {
    if (node.dataset.events.split(' ').some((i) => all.includes(i))) {
      node.classList.add('focused');
    }
  });
  const target = scrollTo === 'text' ? sentence : item;
  target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  if (remember) {
    // replace, not push: moving between events of one article is not navigation
    window.history.replaceState(null, '', stateSearch({ filters: {}, offset: 0,
      article: articleId, event: all[0] }));
  }
}
