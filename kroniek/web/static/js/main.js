// The dashboard: reads the state from the URL and draws every view for it.

import { getJSON } from './api.js';
import { el, message } from './dom.js';
import { downloadCSV } from './csv.js';
import { drawMap } from './map.js';
import { drawNetwork } from './network.js';
import { drawReader } from './reader.js';
import { watchRuns } from './runs.js';
import { FILTERS, go, readState } from './state.js';
import { drawTable } from './table.js';
import { drawTimeline } from './timeline.js';

const $ = (id) => document.getElementById(id);
const form = $('filters');

function showError(error) {
  const node = $('error');
  if (!error) {
    node.hidden = true;
    node.textContent = '';
    return;
  }
  node.hidden = false;
  node.textContent = error.message || String(error);
  console.error(error);
}

function fillForm(filters) {
  for (const name of FILTERS) {
    const input = form.elements.namedItem(name);
    if (input) input.value = filters[name] || '';
  }
}

function formFilters() {
  const filters = {};
  for (const name of FILTERS) {
    const input = form.elements.namedItem(name);
    const value = input ? input.value.trim() : '';
    if (value) filters[name] = value;
  }
  return filters;
}

// Each draw belongs to one state; a newer state makes older, slower answers irrelevant.
let generation = 0;

async function draw() {
  generation += 1;
  const mine = generation;
  const state = readState();
  showError(null);
  fillForm(state.filters);
  const reading = Boolean(state.article);
  $('dashboard').hidden = reading;
  form.hidden = reading;
  $('reader').hidden = !reading;
  document.body.dataset.view = reading ? 'reader' : 'dashboard';
  const views = reading
    ? [[$('reader'), drawReader($('reader'), state.article, state.event)]]
    : [
      [$('table'), drawTable($('table'), $('event-count'), state)],
      [$('timeline'), drawTimeline($('timeline'), state)],
      [$('network'), drawNetwork($('network'), $('edge-events'), state)],
      [$('map'), drawMap($('map'), state)],
    ];
  const results = await Promise.allSettled(views.map(([, job]) => job));
  if (mine !== generation) return;
  results.forEach((result, i) => {
    // a view that could not load says so instead of 'Loading…' forever
    if (result.status === 'rejected') message(views[i][0], 'Not available, see the message above.');
  });
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) showError(failed.reason);
  document.body.dataset.ready = String(mine);
}

async function drawSummary() {
  try {
    const summary = await getJSON('/api/summary');
    $('summary').textContent = `${summary.articles ?? '?'} articles · `
      + `${summary.events ?? '?'} events`;
  } catch {
    $('summary').textContent = '';
  }
}

/** Actor names for the actor filter's suggestions, busiest first. */
async function fillActorNames() {
  try {
    const body = await getJSON('/api/actors', { limit: 1000 });
    const names = [...new Set(body.items.flatMap((actor) => [actor.name, actor.code]))]
      .filter(Boolean);
    $('actor-names').replaceChildren(...names.map((name) => el('option', { value: name })));
  } catch {
    // suggestions are a convenience: the filter works without them
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  go({ filters: formFilters(), offset: 0, article: '', event: '' });
});
$('reset').addEventListener('click', () => go({ filters: {}, offset: 0, article: '', event: '' }));
$('home-link').addEventListener('click', (event) => {
  event.preventDefault();
  go({ filters: {}, offset: 0, article: '', event: '' });
});
$('csv').addEventListener('click', async () => {
  const button = $('csv');
  button.disabled = true;
  try {
    await downloadCSV(readState().filters);
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
});
window.addEventListener('popstate', draw);
window.addEventListener('kroniek:state', draw);

drawSummary();
fillActorNames();
// A run that moved on has stored new events: redraw what is on screen, at most every 10 s
// while it runs (each redraw reads the store), and once more when it ends.
const REDRAW_MS = 10000;
let lastRedraw = 0;
watchRuns($('runs'), (run) => {
  const now = Date.now();
  if (run.status === 'running' && now - lastRedraw < REDRAW_MS) return;
  lastRedraw = now;
  drawSummary();
  if (!readState().article) draw();
});
draw();
