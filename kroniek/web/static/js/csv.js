// CSV of every event under the current filters, built in the browser from /api/events pages.

import { allEvents } from './api.js';

// Columns first in this order; any other field the API returns follows. Nested objects
// (source, target, trigger, place) become prefixed columns: source_name, place_lat.
const FIRST = [
  'event_id', 'date', 'date_precision', 'date_source', 'article_id', 'article_date',
  'article_title', 'type', 'mode', 'quad_class', 'quad_code', 'cameo_root', 'score',
  'factuality', 'historical',
  'source_actor_id', 'source_name', 'source_code', 'source_country', 'source_sector',
  'source_text', 'target_actor_id', 'target_name', 'target_code', 'target_country',
  'target_sector', 'target_text', 'trigger_text', 'place_name', 'place_resolved',
  'place_country', 'place_lat', 'place_lon', 'place_precision', 'rule', 'confidence',
  'sentence', 'sentence_text',
];

/** One level of nesting flattened: {source: {name}} becomes {source_name}. */
export function flatten(item) {
  const flat = {};
  for (const [key, value] of Object.entries(item)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, inner] of Object.entries(value)) flat[`${key}_${sub}`] = inner;
    } else if (!(value === null && FIRST.some((name) => name.startsWith(`${key}_`)))) {
      // a missing side (no target) leaves its prefixed columns empty, not a column of its own
      flat[key] = value;
    }
  }
  return flat;
}

export function toCSV(events) {
  const items = events.map(flatten);
  const seen = new Set(FIRST);
  const columns = [...FIRST];
  for (const item of items) {
    for (const name of Object.keys(item)) {
      if (!seen.has(name)) {
        seen.add(name);
        columns.push(name);
      }
    }
  }
  const lines = [columns.join(',')];
  for (const item of items) lines.push(columns.map((name) => cell(item[name])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value) {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvFileName(filters) {
  const parts = Object.entries(filters).map(([key, value]) => `${key}-${value}`);
  const name = ['kroniek-events', ...parts].join('_').replace(/[^A-Za-z0-9_.-]+/g, '-');
  return `${name.slice(0, 120)}.csv`;
}

export async function downloadCSV(filters) {
  const { items } = await allEvents(filters);
  const blob = new Blob([toCSV(items)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName(filters);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return items.length;
}
