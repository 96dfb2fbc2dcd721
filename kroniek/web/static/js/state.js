// The dashboard's state lives in the URL, so every view can be shared and the back button works.

export const FILTERS = [
  'actor', 'country', 'sector', 'source_country', 'target_country', 'dyad', 'type',
  'quad_class', 'factuality', 'since', 'until', 'place', 'q', 'article_id',
];

/** The state in the current URL: {filters, offset, article, event}. */
export function readState(search = window.location.search) {
  const query = new URLSearchParams(search);
  const filters = {};
  for (const name of FILTERS) {
    const value = query.get(name);
    if (value) filters[name] = value;
  }
  const offset = Number.parseInt(query.get('offset') || '0', 10);
  return {
    filters,
    offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
    article: query.get('article') || '',
    event: query.get('event') || '',
  };
}

/** The URL search string for a state; a state with nothing set is the bare page. */
export function stateSearch(state) {
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = state.filters[name];
    if (value) query.set(name, value);
  }
  if (state.offset) query.set('offset', String(state.offset));
  if (state.article) query.set('article', state.article);
  if (state.event !== undefined && state.event !== '') query.set('event', String(state.event));
  const text = query.toString();
  return text ? `?${text}` : window.location.pathname;
}

/** Move to a new state as a new history entry, then tell the page to draw it. */
export function go(state) {
  const search = stateSearch(state);
  if (search !== window.location.search) window.history.pushState(null, '', search);
  window.dispatchEvent(new CustomEvent('kroniek:state'));
}

/** The current state with some filters changed (an empty value clears a filter). */
export function withFilters(changes, base = readState()) {
  const filters = { ...base.filters };
  for (const [name, value] of Object.entries(changes)) {
    if (value) filters[name] = value;
    else delete filters[name];
  }
  return { filters, offset: 0, article: '', event: '' };
}
