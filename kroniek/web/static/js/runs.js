// Progress of `kroniek run`, polled from /api/runs: fast while a run is going, slowly otherwise.

import { getJSON } from './api.js';
import { clear, el } from './dom.js';

const FAST_MS = 2000;
const SLOW_MS = 5000;

export function runRow(item) {
  return {
    id: item.id,
    status: item.status || '',
    done: Number(item.articles_done ?? 0),
    failed: Number(item.articles_failed ?? 0),
    skipped: Number(item.articles_skipped ?? 0),
    events: item.events,
    // the API gives articles per second; people read articles per minute better
    rate: item.rate === null || item.rate === undefined ? null : Number(item.rate) * 60,
    rejected: Number(item.articles_rejected ?? 0),
    started: item.started,
    finished: item.finished,
    failures: item.failures || [],
  };
}

function rateText(rate) {
  if (rate === null || rate === undefined || rate === '') return '';
  const value = Number(rate);
  return Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} articles/min` : String(rate);
}

/** The failed articles of a run with their reasons, for the progress line's tooltip. */
function failureList(run) {
  if (!run.failures.length) return `started ${run.started || '?'}`;
  return run.failures.map((f) => `${f.article_id} (${f.stage}): ${f.reason}`).join('\n');
}

export function describeRun(run) {
  const parts = [`${run.done} article${run.done === 1 ? '' : 's'} done`,
    `${run.failed} failed`];
  if (run.skipped) parts.push(`${run.skipped} skipped`);
  if (run.rejected) parts.push(`${run.rejected} rejected`);
  const rate = rateText(run.rate);
  if (rate) parts.push(rate);
  return parts.join(' · ');
}

/** Draw the newest run and keep polling; calls onProgress when a running run moves on. */
export function watchRuns(node, onProgress) {
  let last = null; // what the previous poll saw; null before the first answer
  const poll = async () => {
    let running = false;
    try {
      const body = await getJSON('/api/runs');
      const runs = (body.items || []).map(runRow);
      clear(node);
      if (runs.length) {
        const run = runs.sort((a, b) => b.id - a.id)[0];
        running = run.status === 'running';
        node.className = `runs ${running ? 'running' : ''}`;
        node.append(
          el('span', { class: 'run-status', dataset: { status: run.status } },
            running ? `run ${run.id} running` : `last run ${run.id} ${run.status}`),
          el('span', { class: 'run-progress', title: failureList(run) }, describeRun(run)));
        const key = `${run.id}:${run.done}:${run.failed}:${run.status}`;
        if (last !== null && key !== last) onProgress?.(run);
        last = key;
      } else {
        node.append(el('span', { class: 'run-status' }, 'no runs yet'));
        last = 'none';
      }
    } catch (error) {
      clear(node).append(el('span', { class: 'error' }, error.message));
    }
    setTimeout(poll, running ? FAST_MS : SLOW_MS);
  };
  poll();
}
