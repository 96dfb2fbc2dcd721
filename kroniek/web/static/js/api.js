// Talking to kroniek's JSON API. Every view goes through here so that errors look the same.

/** A query string from an object, leaving out empty values. */
export function queryString(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** GET a JSON document; throws an Error carrying the API's own message on a non-2xx answer. */
export async function getJSON(path, params = {}) {
  const response = await fetch(`${path}${queryString(params)}`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      message = describeError(body) || message;
    } catch {
      // not JSON: keep the status line
    }
    throw new Error(`${path}: ${message}`);
  }
  return response.json();
}

// FastAPI answers 422 with {"detail": [{"loc": [...], "msg": "..."}]} or {"detail": "..."}.
function describeError(body) {
  if (!body || body.detail === undefined) return '';
  if (typeof body.detail === 'string') return body.detail;
  if (Array.isArray(body.detail)) {
    return body.detail
      .map((item) => {
        const where = (item.loc || []).slice(1).join('.');
        // kroniek's own messages already start with the parameter's name
        return !where || String(item.msg).startsWith(`${where}:`) ? item.msg
          : `${where}: ${item.msg}`;
      })
      .join('; ');
  }
  return JSON.stringify(body.detail);
}

/** Every event matching the filters, read page by page (for the map and the CSV download). */
export async function allEvents(filters, { pageSize = 500, max = 100000 } = {}) {
  const items = [];
  let offset = 0;
  for (;;) {
    const page = await getJSON('/api/events', { ...filters, limit: pageSize, offset });
    items.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total || offset >= max) {
      return { total: page.total, items };
    }
  }
}
