// The map: Natural Earth country shapes shipped with the package (vendor/world-atlas), projected
// in the browser with d3-geo. Countries are shaded by the events placed in them; an event with
// coordinates is a solid dot there, one placed only in a country a ring at the country's centre.

import { allEvents } from './api.js';
import { clear, el, message, svg } from './dom.js';
import { go, withFilters } from './state.js';

const HEIGHT = 320;
// The map reads events page by page; past this many it shows the first ones and says so.
const MAX_EVENTS = 5000;
let worldPromise = null;

// Shapes with no ISO 3166 numeric code, by their Natural Earth name, with the code kroniek's
// knowledge base gives them (kroniek/data/actors/countries.tsv).
const UNNUMBERED = { Kosovo: 'KOS' };

function fetchJSON(url) {
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  });
}

/** The country shapes, each with its ISO alpha-3 code; fetched once per page. */
function world() {
  worldPromise ??= Promise.all([
    fetchJSON('vendor/world-atlas/countries-110m.json'),
    fetchJSON('vendor/i18n-iso-countries/codes.json'),
  ]).then(([topology, codes]) => {
    const alpha3 = new Map(codes.map(([, three, numeric]) => [numeric, three]));
    const shapes = window.topojson.feature(topology, topology.objects.countries);
    for (const feature of shapes.features) {
      feature.properties.iso3 = alpha3.get(feature.id)
        || UNNUMBERED[feature.properties.name] || '';
    }
    return shapes;
  });
  return worldPromise;
}

/** Event locations: a point per coordinate pair, and a count per country for the rest. */
export function locations(events) {
  const points = new Map();
  const countries = new Map();
  for (const event of events) {
    const place = event.place;
    if (!place) continue;
    if (place.country) countries.set(place.country, (countries.get(place.country) || 0) + 1);
    if (place.lat === null || place.lat === undefined || place.lon === null
      || place.lon === undefined) continue;
    const key = `${Number(place.lat).toFixed(2)},${Number(place.lon).toFixed(2)}`;
    if (!points.has(key)) {
      points.set(key, { lat: Number(place.lat), lon: Number(place.lon), count: 0,
        name: place.resolved || place.name || key, country: place.country || '' });
    }
    points.get(key).count += 1;
  }
  return { points: [...points.values()].sort((a, b) => b.count - a.count), countries };
}

function shade(count, max) {
  if (!count) return null;
  const t = 0.25 + 0.75 * Math.sqrt(count / max);
  return `rgba(242, 166, 90, ${t.toFixed(2)})`;
}

export async function drawMap(node, state) {
  message(node, 'Loading…', 'loading');
  const [shapes, { items, total }] = await Promise.all([
    world(), allEvents(state.filters, { max: MAX_EVENTS })]);
  clear(node);
  const { points, countries } = locations(items);
  // events with coordinates are counted at their point, the others at their country's centre
  const countryOnly = new Map(countries);
  for (const point of points) {
    if (point.country) countryOnly.set(point.country, countryOnly.get(point.country) - point.count);
  }
  const width = node.clientWidth || 600;
  const projection = window.d3.geoNaturalEarth1().fitSize([width, HEIGHT], shapes);
  const path = window.d3.geoPath(projection);
  const maxCountry = Math.max(1, ...countries.values());
  const chart = svg('svg', { width, height: HEIGHT, class: 'map-chart', role: 'img',
    'aria-label': 'map of event locations' },
  svg('path', { d: path({ type: 'Sphere' }), class: 'sphere' }));
  const land = svg('g', { class: 'countries' });
  const rings = svg('g', { class: 'points' });
  const maxPoint = Math.max(1, ...points.map((point) => point.count), ...countryOnly.values());
  const radius = (count) => 3 + 8 * Math.sqrt(count / maxPoint);
  for (const feature of shapes.features) {
    const d = path(feature);
    if (!d) continue;
    const { iso3, name } = feature.properties;
    const count = countries.get(iso3) || 0;
    const filterBy = count ? () => go(withFilters({ place: iso3 })) : undefined;
    land.append(svg('path', { d, class: `country${count ? ' has-events' : ''}`,
      style: count ? `fill:${shade(count, maxCountry)}` : undefined, dataset: { iso3, name, count }, onclick: filterBy },
    svg('title', {}, `${name}${count ? `: ${count} event${count === 1 ? '' : 's'}` : ''}`)));
    const unplaced = countryOnly.get(iso3) || 0;
    if (unplaced > 0) {
      const [x, y] = path.centroid(feature);
      if (Number.isFinite(x)) {
        rings.append(svg('circle', { cx: x, cy: y, r: radius(unplaced),
          class: 'event-point country-level', dataset: { place: iso3, count: unplaced },
          onclick: filterBy },
        svg('title', {}, `${name}: ${unplaced} event${unplaced === 1 ? '' : 's'} placed in `
          + 'the country only')));
      }
    }
  }
  chart.append(land, rings);
  for (const point of points) {
    const [x, y] = projection([point.lon, point.lat]) || [];
    if (x === undefined) continue;
    rings.append(svg('circle', { cx: x, cy: y, r: radius(point.count),
      class: 'event-point', dataset: { place: point.name, count: point.count },
      onclick: () => go(withFilters({ place: point.name })) },
    svg('title', {}, `${point.name}${point.country ? ` (${point.country})` : ''}: `
      + `${point.count} event${point.count === 1 ? '' : 's'}`)));
  }
  const placed = [...countries.values()].reduce((sum, n) => sum + n, 0);
  const exact = points.reduce((sum, point) => sum + point.count, 0);
  node.append(chart, el('div', { class: 'legend' },
    el('span', {}, el('span', { class: 'dot solid' }), 'place with coordinates'),
    el('span', {}, el('span', { class: 'dot ring' }), 'country only'),
    el('span', {}, `${placed} of ${items.length} events have a place (${exact} with `
      + `coordinates) in ${countries.size} countries; click to filter.`
      + `${total > items.length ? ` Only the first ${items.length} of ${total} events are `
        + 'mapped: narrow the filters to see the rest.' : ''}`)));
}
