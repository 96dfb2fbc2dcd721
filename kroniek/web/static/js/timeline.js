// Events per month stacked by quad class, from /api/timeseries. A bar is a link to its month.

import { getJSON } from './api.js';
import { QUAD_CLASSES, clear, el, message, quadColour, svg } from './dom.js';
import { go, readState, withFilters } from './state.js';

const HEIGHT = 190;
const MARGIN = { top: 10, right: 10, bottom: 34, left: 34 };

/** {period, key, count} rows out of /api/timeseries buckets ({bucket, counts: {key: n}}). */
export function seriesRows(body) {
  const rows = [];
  for (const item of body.buckets || []) {
    for (const [key, count] of Object.entries(item.counts || {})) {
      rows.push({ period: item.bucket, key, count: Number(count) });
    }
  }
  return rows.filter((row) => row.period);
}

/** Every month from the first to the last, so gaps show as gaps. */
export function monthRange(first, last) {
  const months = [];
  let [year, month] = first.split('-').map(Number);
  const [endYear, endMonth] = last.split('-').map(Number);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  return months;
}

function monthEnd(month) {
  const [year, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

export async function drawTimeline(node, state) {
  message(node, 'Loading…', 'loading');
  const body = await getJSON('/api/timeseries', {
    ...state.filters, interval: 'month', by: 'quad_class',
  });
  const rows = seriesRows(body);
  const monthly = rows.filter((row) => /^\d{4}-\d{2}$/.test(row.period));
  const coarse = Number(body.undated_at_interval || 0);
  clear(node);
  if (!monthly.length) {
    message(node, 'No dated events match these filters.');
    return;
  }
  const periods = [...new Set(monthly.map((row) => row.period))].sort();
  const months = monthRange(periods[0], periods[periods.length - 1]);
  const stacks = new Map(months.map((month) => [month, new Map()]));
  for (const row of monthly) {
    const stack = stacks.get(row.period);
    stack.set(row.key, (stack.get(row.key) || 0) + row.count);
  }
  const max = Math.max(...[...stacks.values()].map((s) => [...s.values()].reduce((a, b) => a + b, 0)));
  // fit the whole range when bars stay at least 2 px apart, else scroll sideways
  const width = Math.max(node.clientWidth || 600, months.length * 2 + MARGIN.left + MARGIN.right);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const step = plotW / months.length;
  const barW = Math.max(2, Math.min(40, step * 0.8));
  const chart = svg('svg', { width, height: HEIGHT, class: 'timeline-chart', role: 'img',
    'aria-label': 'events per month by quad class' });
  chart.append(axisY(max, plotH));
  const selected = readState().filters;
  months.forEach((month, i) => {
    const x = MARGIN.left + i * step + (step - barW) / 2;
    let y = MARGIN.top + plotH;
    const stack = stacks.get(month);
    const total = [...stack.values()].reduce((a, b) => a + b, 0);
    const isSelected = selected.since === month && selected.until === monthEnd(month);
    const group = svg('g', {
      class: `bar${total ? '' : ' empty'}${isSelected ? ' selected' : ''}`,
      dataset: { month, total },
      tabindex: total ? 0 : undefined,
      onclick: () => total && go(withFilters({ since: month, until: monthEnd(month) })),
      onkeydown: (e) => e.key === 'Enter' && total
        && go(withFilters({ since: month, until: monthEnd(month) })),
    }, svg('title', {}, `${month}: ${total} event${total === 1 ? '' : 's'}`));
    // an invisible full-height target, so that thin bars are easy to hit
    group.append(svg('rect', { x: MARGIN.left + i * step, y: MARGIN.top, width: step,
      height: plotH, class: 'hit' }));
    for (const [quad] of QUAD_CLASSES) {
      const count = stack.get(quad) || 0;
      if (!count) continue;
      const h = (count / max) * plotH;
      y -= h;
      group.append(svg('rect', { x, y, width: barW, height: h, fill: quadColour(quad),
        class: 'segment', dataset: { quad } }));
    }
    chart.append(group);
  });
  chart.append(axisX(months, step, plotH));
  node.append(el('div', { class: 'scroll' }, chart), legend(coarse));
}

function axisY(max, plotH) {
  const g = svg('g', { class: 'axis' });
  const ticks = max <= 5 ? max : 4;
  for (let i = 0; i <= ticks; i += 1) {
    const value = Math.round((max * i) / ticks);
    const y = MARGIN.top + plotH - (value / max) * plotH;
    g.append(svg('line', { x1: MARGIN.left - 4, x2: MARGIN.left, y1: y, y2: y }),
      svg('text', { x: MARGIN.left - 6, y: y + 4, 'text-anchor': 'end' }, value));
  }
  return g;
}

function axisX(months, step, plotH) {
  const g = svg('g', { class: 'axis' });
  const y = MARGIN.top + plotH;
  g.append(svg('line', { x1: MARGIN.left, x2: MARGIN.left + months.length * step, y1: y, y2: y }));
  // label years when the range is long, months when it is short
  const long = months.length > 24;
  // a year label needs about 32 px: label every year, or every second, fifth or tenth
  const everyYears = [1, 2, 5, 10].find((n) => n * 12 * step >= 32) || 20;
  months.forEach((month, i) => {
    if (long && !(month.endsWith('-01') && Number(month.slice(0, 4)) % everyYears === 0)) return;
    const x = MARGIN.left + i * step + step / 2;
    g.append(svg('text', { x, y: y + 16, 'text-anchor': long ? 'start' : 'middle' },
      long ? month.slice(0, 4) : month));
  });
  return g;
}

function legend(coarse) {
  return el('div', { class: 'legend' },
    QUAD_CLASSES.map(([quad, colour]) => el('span', {},
      el('span', { class: 'swatch', style: `background:${colour}` }), quad)),
    coarse ? el('span', { class: 'note' }, `${coarse} event(s) dated less precisely than a month`) : '');
}
