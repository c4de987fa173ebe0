import { h, replace, facts, instant, duration, statusBadge, table, message, value } from './dom.js';
import { get, query } from './api.js';
import { chart } from './charts.js';
import { progressView } from './progress.js';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED_CONFLICT'];
const TRIGGERS = ['MANUAL', 'SCHEDULED'];
const COLOURS = { SUCCEEDED: '#2e7d32', FAILED: '#c62828', SKIPPED_CONFLICT: '#757575', RUNNING: '#1565c0' };

/** The filter and page live in the hash (#/runs?status=FAILED&offset=20), so a view can be linked. */
export function runs(main, page) {
  const p = page.params;
  const state = {
    status: STATUSES.includes(p.get('status')) ? p.get('status') : '',
    trigger: TRIGGERS.includes(p.get('trigger')) ? p.get('trigger') : '',
    limit: clamp(Number(p.get('limit')) || 20, 1, 100),
    offset: Math.max(0, Number(p.get('offset')) || 0),
  };
  const go = (changes) => {
    const next = { ...state, ...changes };
    location.hash = `#/runs${query({
      status: next.status, trigger: next.trigger, limit: next.limit === 20 ? '' : next.limit, offset: next.offset || '',
    })}`;
  };
  const select = (id, label, options, current, onchange) => h('label', { for: id }, label,
    h('select', { id, 'data-test': id, onchange: (e) => onchange(e.target.value) },
      options.map(([v, text]) => h('option', { value: v, selected: v === String(current) }, text))));

  const tableBox = h('div', { 'data-test': 'runs-table-box' }, message('info', 'Loading runs…'));
  const chartBox = h('div', { 'data-test': 'durations-chart' });
  replace(main,
    h('h1', { text: 'Runs' }),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
      select('status-filter', 'Status ', [['', 'All'], ...STATUSES.map((s) => [s, s])], state.status,
        (v) => go({ status: v, offset: 0 })),
      select('trigger-filter', 'Trigger ', [['', 'All'], ...TRIGGERS.map((t) => [t, t])], state.trigger,
        (v) => go({ trigger: v, offset: 0 })),
      select('page-size', 'Per page ', [[10, '10'], [20, '20'], [50, '50'], [100, '100']]
        .concat([10, 20, 50, 100].includes(state.limit) ? [] : [[state.limit, String(state.limit)]])
        .map(([v, t]) => [String(v), t]), state.limit, (v) => go({ limit: Number(v), offset: 0 }))),
    tableBox,
    h('button', { type: 'button', 'data-test': 'reload-runs', onclick: () => load() }, 'Reload'),
    h('section', { 'aria-labelledby': 'durations-h' },
      h('h2', { id: 'durations-h', text: 'Run durations (latest 100 runs)' }),
      h('p', { class: 'legend' }, Object.entries(COLOURS).map(([s, c]) =>
        h('span', { class: `swatch status-${s.toLowerCase()}`, text: s }))),
      chartBox));

  // loaded on demand, not polled: re-rendering would take keyboard focus away from the pager
  const load = page.every(0, async () => {
    let answer;
    try {
      answer = await get(`/api/valuations/refresh/jobs${query({
        status: state.status, trigger: state.trigger, limit: state.limit, offset: state.offset,
      })}`);
    } catch (e) {
      replace(tableBox, message('error', `Runs could not be loaded: ${e.message}`));
      return false;
    }
    if (!page.alive()) return false;
    const { total } = answer.pagination;
    const jobs = answer.data;
    const first = jobs.length ? state.offset + 1 : 0;
    const last = state.offset + jobs.length;
    replace(tableBox,
      table(['Started', 'Trigger', 'Status', 'Duration', 'Polygon calls', 'Bars', 'Failures', 'Job'],
        jobs.map((j) => h('tr', { 'data-test': 'run-row', 'data-status': j.status, 'data-trigger': j.trigger },
          h('td', { text: instant(j.startedAt) }),
          h('td', { text: `${j.trigger} · ${j.source}` }),
          h('td', {}, statusBadge(j.status)),
          h('td', { class: 'num', text: duration(j.durationMs) }),
          h('td', { class: 'num', text: value(j.price && j.price.apiCalls) }),
          h('td', { class: 'num', text: value(j.price && j.price.barsUpserted) }),
          h('td', { class: 'failures', text: failures(j) }),
          h('td', {}, h('a', { href: `#/runs/${j.jobId}`, 'aria-label': `Job ${j.jobId}`, text: j.jobId.slice(0, 8) })))),
        { 'data-test': 'runs-table' }),
      jobs.length ? null : message('info', 'No runs match these filters.'),
      h('nav', { class: 'pager', 'aria-label': 'Pages of runs' },
        h('button', { type: 'button', 'data-test': 'prev-page', disabled: state.offset === 0,
          onclick: () => go({ offset: Math.max(0, state.offset - state.limit) }) }, '← Newer'),
        h('span', { 'data-test': 'page-info', 'aria-live': 'polite', text: `${first}–${last} of ${total}` }),
        h('button', { type: 'button', 'data-test': 'next-page', disabled: last >= total,
          onclick: () => go({ offset: state.offset + state.limit }) }, 'Older →')));
    await durations(chartBox);
    return false;
  });
}

async function durations(box) {
  const jobs = (await get('/api/valuations/refresh/jobs?limit=100')).data
    .filter((j) => j.durationMs !== null && j.durationMs !== undefined)
    .reverse();
  const xs = jobs.map((j) => new Date(j.startedAt).getTime() / 1000);
  const shown = Object.keys(COLOURS).filter((s) => s !== 'RUNNING');
  const ys = shown.map((s) => jobs.map((j) => (j.status === s ? j.durationMs / 1000 : null)));
  if (box.dataset.points === String(xs.length) && box.dataset.latest === String(xs[xs.length - 1])) return;
  chart(box, {
    label: `Durations of the latest ${xs.length} finished runs, coloured by status`,
    series: shown.map((s) => ({ label: s, stroke: COLOURS[s] })),
    data: [xs, ...ys],
    yLabel: 'seconds',
    xLabel: 'Started',
    points: true,
  });
  box.dataset.latest = String(xs[xs.length - 1]);
}

function failures(j) {
  const n = j.price && j.price.symbolsFailed;
  const parts = [];
  if (n) parts.push(`${n} symbol${n === 1 ? '' : 's'}`);
  if (j.error) parts.push(j.error);
  return parts.join(': ') || '—';
}

function clamp(n, lo, hi) {
  return Math.min(hi, Math.max(lo, Math.round(n)));
}

export function job(main, page, jobId) {
  const box = h('div', {}, message('info', 'Loading the job…'));
  replace(main, h('p', {}, h('a', { href: '#/runs', text: '← All runs' })), h('h1', { text: `Job ${jobId}` }), box);
  page.every(() => 1500, async () => {
    let j;
    try {
      j = (await get(`/api/valuations/refresh/jobs/${jobId}`)).data;
    } catch (e) {
      replace(box, message('error', e.status === 404 ? 'No such job (it may have been deleted after the retention period).' : e.message));
      return false;
    }
    if (!page.alive()) return false;
    const r = j.request || {};
    const price = j.price || {};
    const val = j.valuation || {};
    replace(box,
      h('div', { class: 'grid' },
        h('section', { class: 'card' }, h('h2', { text: 'Run' }), facts([
          ['Status', statusBadge(j.status), 'job-status'],
          ['Trigger', `${j.trigger} (${j.source})`],
          ['Started', instant(j.startedAt)],
          ['Finished', instant(j.finishedAt)],
          ['Duration', duration(j.durationMs)],
          ['Error', j.error],
        ])),
        h('section', { class: 'card' }, h('h2', { text: 'Request' }), facts([
          ['Account', r.accountId || 'all accounts'],
          ['Symbols', r.symbols && r.symbols.length ? r.symbols.join(', ') : 'all held'],
          ['From', r.from || 'automatic'],
          ['To', r.to || 'today'],
        ])),
        j.status === 'RUNNING' ? h('section', { class: 'card wide' }, h('h2', { text: 'Progress' }), progressView(j)) : null,
        h('section', { class: 'card' }, h('h2', { text: 'Prices' }), facts([
          ['Plan', price.plan],
          ['Symbols requested', price.symbolsRequested],
          ['Symbols fetched', price.symbolsFetched],
          ['Symbols failed', price.symbolsFailed],
          ['Bars stored', price.barsUpserted],
          ['Polygon calls', price.apiCalls],
          ['Rate-limited answers', price.rateLimitedResponses],
          ['Duration', duration(price.durationMs)],
          ['Work left', price.remaining ? `${price.remaining.calls} calls, ${price.remaining.dates} dates, ${price.remaining.symbols} symbols (about ${price.remaining.estimatedMinutes} min)` : null],
        ])),
        h('section', { class: 'card' }, h('h2', { text: 'Valuation' }), facts([
          ['Accounts', val.accounts],
          ['Dates', val.dates],
          ['Position valuations', val.positionValuationsUpserted],
          ['Snapshots', val.snapshotsUpserted],
          ['Partial snapshots', val.partialSnapshots],
          ['Duration', duration(val.durationMs)],
        ]))),
      h('section', {}, h('h2', { text: 'Failures by symbol' }),
        price.failures && price.failures.length
          ? table(['Symbol', 'Error'], price.failures.map((f) => h('tr', {}, h('td', { text: f.symbol }), h('td', { text: f.error }))),
            { 'data-test': 'symbol-failures' })
          : h('p', { class: 'muted', text: 'None.' })));
    return j.status === 'RUNNING';
  });
}
