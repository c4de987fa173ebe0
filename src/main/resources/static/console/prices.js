import { h, replace, message, amount, table } from './dom.js';
import { get, token, query } from './api.js';
import { tokenForm, refused } from './auth.js';
import { chart, dateSeconds } from './charts.js';

// Ratios of one close to the previous that look like a split rather than a market move.
const SPLIT_RATIOS = [2, 3, 4, 5, 8, 10, 15, 20, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 8, 1 / 10, 1 / 15, 1 / 20, 2 / 3, 3 / 2];

/**
 * One symbol's stored (unadjusted) closes. The public API has no split list, so days whose close
 * jumps by a split-like ratio (2:1, 3:1, 4:1, 1:2 …, within 4 %) are marked as *likely* splits.
 */
export function prices(main, page, symbol) {
  const input = h('input', { id: 'symbol', 'data-test': 'symbol-input', value: symbol || '', required: true,
    pattern: '[A-Z][A-Za-z0-9.]{0,15}', autocapitalize: 'characters', spellcheck: 'false' });
  const from = h('input', { id: 'from', type: 'date', value: page.params.get('from') || '' });
  const to = h('input', { id: 'to', type: 'date', value: page.params.get('to') || '' });
  const box = h('div', {});
  replace(main, h('h1', { text: 'Prices' }),
    h('form', { class: 'filters', onsubmit: (e) => {
      e.preventDefault();
      location.hash = `#/prices/${input.value.trim()}${query({ from: from.value, to: to.value })}`;
    } },
      h('label', { for: 'symbol' }, 'Symbol ', input), h('label', { for: 'from' }, 'From ', from),
      h('label', { for: 'to' }, 'To ', to), h('button', { type: 'submit', 'data-test': 'symbol-show' }, 'Show')),
    box);
  if (!symbol) {
    replace(box, message('info', 'Enter a symbol (e.g. AAPL) to chart its stored closes.'));
    return;
  }
  const render = async () => {
    if (!token.get()) { replace(box, tokenForm(render)); return; }
    try {
      const bars = (await get(`/api/prices/${encodeURIComponent(symbol)}${query({ from: from.value, to: to.value })}`, { admin: true })).data;
      if (!page.alive()) return;
      const splits = likelySplits(bars);
      const chartBox = h('div', { 'data-test': 'price-chart' });
      replace(box,
        h('p', { class: 'muted', 'data-test': 'price-count', text: `${bars.length} daily closes of ${symbol}, unadjusted` }),
        chartBox,
        h('p', { class: 'muted', 'data-test': 'split-note' }, splits.length
          ? `Likely splits (● on the chart; inferred from the closes, the API does not list splits): ${splits.map((s) => `${s.date} (${s.label})`).join(', ')}`
          : 'No split-like jumps in these closes (the API does not list splits; they are inferred from the closes).'),
        h('details', {}, h('summary', { text: 'Closes as a table' }),
          table(['Date', 'Open', 'High', 'Low', 'Close', 'Volume'], bars.map((b) => h('tr', {},
            h('td', { text: b.date }), h('td', { class: 'num', text: amount(b.open) }), h('td', { class: 'num', text: amount(b.high) }),
            h('td', { class: 'num', text: amount(b.low) }), h('td', { class: 'num', text: amount(b.close) }),
            h('td', { class: 'num', text: b.volume })))))); 
      const splitDates = new Set(splits.map((s) => s.date));
      chart(chartBox, {
        label: `Daily closes of ${symbol}`,
        series: [
          { label: 'Close', stroke: '#1565c0' },
          { label: 'Likely split', stroke: '#c62828', pointsOnly: true, size: 10 },
        ],
        data: [bars.map((b) => dateSeconds(b.date)), bars.map((b) => Number(b.close)),
          bars.map((b) => (splitDates.has(b.date) ? Number(b.close) : null))],
        yLabel: 'close',
      });
    } catch (e) {
      const problem = refused(e);
      replace(box, problem ? tokenForm(render, problem) : message('error', e.message));
    }
  };
  render();
}

function likelySplits(bars) {
  const found = [];
  for (let i = 1; i < bars.length; i++) {
    const ratio = Number(bars[i - 1].close) / Number(bars[i].close);
    if (!Number.isFinite(ratio) || ratio <= 0) continue;
    const match = SPLIT_RATIOS.find((r) => Math.abs(ratio / r - 1) < 0.04);
    if (match) {
      const label = match >= 1 ? `${Math.round(match)}-for-1` : `1-for-${Math.round(1 / match)}`;
      found.push({ date: bars[i].date, label: match === 2 / 3 ? '2-for-3' : match === 3 / 2 ? '3-for-2' : label });
    }
  }
  return found;
}
