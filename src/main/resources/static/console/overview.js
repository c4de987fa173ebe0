import { h, replace, facts, instant, ago, message, statusBadge, duration } from './dom.js';
import { get, post, token, ApiError } from './api.js';
import { tokenForm, refused } from './auth.js';
import { progressView } from './progress.js';

export function overview(main, page) {
  const alertBox = h('section', { class: 'card', 'aria-labelledby': 'alert-h' });
  const freshBox = h('section', { class: 'card', 'aria-labelledby': 'fresh-h' });
  const runContent = h('div', { 'data-test': 'run-box' });
  const refreshBox = h('div', { class: 'refresh' });
  let watched = null; // the job this tab started, shown until it ends
  let running = false;


  const startRefresh = async () => {
    if (!token.get()) {
      replace(refreshBox, tokenForm(startRefresh));
      return;
    }
    replace(refreshBox, message('info', 'Starting a refresh…'));
    try {
      const answer = await post('/api/valuations/refresh', { admin: true, body: {}, headers: { Prefer: 'respond-async' } });
      watched = answer.json.data.jobId;
      replace(refreshBox, message('info', `Refresh ${watched} started.`));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body && e.body.data) {
        watched = e.body.data.runningJobId;
        replace(refreshBox, message('info', `A refresh is already running (job ${watched}); showing its progress.`));
      } else {
        const problem = refused(e);
        replace(refreshBox, problem ? tokenForm(startRefresh, problem) : message('error', `Refresh not started: ${e.message}`));
      }
    }
    refreshNow();
  };
  const button = h('button', { type: 'button', 'data-test': 'refresh-button', onclick: startRefresh }, 'Refresh now');
  const runBox = h('section', { class: 'card wide', 'aria-labelledby': 'run-h' },
    h('h2', { id: 'run-h', text: 'Running job' }), runContent, h('div', { class: 'row' }, button), refreshBox);
  replace(main, h('h1', { text: 'Overview' }), h('div', { class: 'grid' }, alertBox, freshBox, runBox));

  const poll = async () => {
    const [alerts, fresh] = await Promise.all([
      get('/api/valuations/refresh/alerts'),
      get('/api/valuations/refresh'),
    ]);
    if (!page.alive()) return false;
    const a = alerts.data.alert;
    replace(alertBox,
      h('h2', { id: 'alert-h', text: 'Alert level' }),
      h('p', {}, h('span', { class: `level level-${a.level.toLowerCase()}`, 'data-test': 'alert-level', text: a.level })),
      a.reasons.length
        ? h('ul', { class: 'reasons', 'data-test': 'alert-reasons' }, a.reasons.map((r) => h('li',
          /has had no close since/.test(r) ? { class: 'stale-reason', 'data-test': 'stale-symbol', text: r } : { text: r })))
        : h('p', { class: 'muted', 'data-test': 'alert-reasons', text: 'Nothing to act on.' }),
      facts([
        ['Consecutive failures', alerts.data.consecutiveFailures],
        ['Latest success', when(alerts.data.latestSuccessAt)],
        ['Latest failure', when(alerts.data.latestFailureAt)],
      ]));
    const f = fresh.data;
    replace(freshBox,
      h('h2', { id: 'fresh-h', text: 'Freshness' }),
      facts([
        ['Last price fetch', when(f.lastPriceFetchedAt), 'last-fetch'],
        ['Last materialization', when(f.lastValuationMaterializedAt)],
        ['Latest price date', f.latestPriceDate, 'latest-price-date'],
        ['Latest snapshot date', f.latestSnapshotDate],
        ['Next expected tick', when(f.nextScheduledAt), 'next-tick'],
      ]));

    let shown = f.running ? f.running.jobId : watched;
    let job = null;
    if (shown) {
      job = (await get(`/api/valuations/refresh/jobs/${shown}`)).data;
      if (!page.alive()) return false;
    }
    running = Boolean(job && job.status === 'RUNNING');
    replace(runContent,
      running
        ? [h('p', {}, h('a', { href: `#/runs/${job.jobId}`, 'data-test': 'running-job', text: job.jobId }),
            ` ${job.trigger} (${job.source}), started ${ago(job.startedAt)}`),
          progressView(job)]
        : job
          ? h('p', { 'data-test': 'finished-job' }, 'Refresh ', h('a', { href: `#/runs/${job.jobId}`, text: job.jobId }),
              ' ended ', statusBadge(job.status), ` in ${duration(job.durationMs)}`, job.error ? `: ${job.error}` : '')
          : h('p', { class: 'muted', 'data-test': 'no-running-job', text: 'No refresh is running.' }));
    button.disabled = running;
    return true;
  };
  const refreshNow = page.every(() => (running ? 1000 : 2000), poll);
}

function when(value) {
  return value ? `${instant(value)} (${ago(value)})` : null;
}
