import { h, span } from './dom.js';

/**
 * A running job's progress: a determinate bar from its `progress` object (calls done of calls
 * planned in the price phase, full in the valuation phase), or an indeterminate bar when the
 * service does not report progress.
 */
export function progressView(job) {
  const p = job && job.progress;
  const bar = h('progress', { 'data-test': 'progress', 'aria-label': 'Refresh progress' });
  let text;
  if (p && Number(p.callsPlanned) > 0) {
    bar.max = Number(p.callsPlanned);
    bar.value = p.phase === 'VALUATION' ? bar.max : Math.min(Number(p.callsDone) || 0, bar.max);
    text = [
      p.phase === 'VALUATION' ? 'Valuing accounts' : 'Fetching prices',
      `${p.callsDone ?? 0} of ${p.callsPlanned} Polygon calls`,
      p.barsUpserted !== undefined ? `${p.barsUpserted} bars stored` : null,
      p.datesMissing !== undefined ? `${p.datesMissing} dates / ${p.symbolsMissing ?? '?'} symbols missing` : null,
      p.etaSeconds !== undefined && p.etaSeconds !== null ? `about ${span(Math.round(p.etaSeconds))} left` : null,
    ].filter(Boolean).join(' · ');
  } else if (p) {
    bar.max = 1;
    bar.value = p.phase === 'VALUATION' ? 1 : 0;
    text = p.phase === 'VALUATION' ? 'Valuing accounts' : 'Planning the price fetch';
  } else {
    text = 'Running (this service does not report progress; the bar shows activity only)';
  }
  return h('div', { class: 'progress' }, bar, h('p', { class: 'muted', 'data-test': 'progress-text', text }));
}
