import { h, replace, instant, amount, table, message, value, facts } from './dom.js';
import { get, token, query } from './api.js';
import { tokenForm, refused } from './auth.js';
import { chart, dateSeconds } from './charts.js';

/** Loads admin data into `box`, or shows the token form there (with the refusal) when needed. */
async function withToken(box, render, load) {
  if (!token.get()) {
    replace(box, tokenForm(render));
    return;
  }
  try {
    await load();
  } catch (e) {
    const problem = refused(e);
    replace(box, problem ? tokenForm(render, problem) : message('error', e.message));
  }
}

export function accounts(main, page) {
  const box = h('div', {});
  replace(main, h('h1', { text: 'Accounts' }), box);
  const render = () => withToken(box, render, async () => {
    replace(box, message('info', 'Loading accounts…'));
    const list = (await get('/api/accounts', { admin: true })).data;
    if (!page.alive()) return;
    replace(box, list.length
      ? table(['Account', 'Name', 'Created'], list.map((a) => h('tr', { 'data-test': 'account-row' },
        h('td', {}, h('a', { href: `#/accounts/${encodeURIComponent(a.accountId)}`, text: a.accountId })),
        h('td', { text: a.name }),
        h('td', { text: instant(a.createdAt) }))), { 'data-test': 'accounts-table' })
      : message('info', 'No accounts yet: create one with PUT /api/accounts/{accountId}.'));
  });
  render();
}

export function account(main, page, accountId) {
  const box = h('div', {});
  replace(main, h('p', {}, h('a', { href: '#/accounts', text: '← All accounts' })), h('h1', { text: `Account ${accountId}` }), box);
  const id = encodeURIComponent(accountId);
  const render = () => withToken(box, render, async () => {
    replace(box, message('info', 'Loading…'));
    const [info, snapshots, dividends] = await Promise.all([
      get(`/api/accounts/${id}`, { admin: true }),
      get(`/api/accounts/${id}/snapshots`, { admin: true }),
      get(`/api/accounts/${id}/dividends`, { admin: true }),
    ]);
    if (!page.alive()) return;
    const rows = snapshots.data;
    const partial = rows.filter((s) => s.partial).length;
    const chartBox = h('div', { 'data-test': 'account-chart' });
    const dateInput = h('input', {
      type: 'date', id: 'positions-date', 'data-test': 'positions-date',
      value: page.params.get('date') || (rows.length ? rows[rows.length - 1].date : ''),
      min: rows.length ? rows[0].date : null, max: rows.length ? rows[rows.length - 1].date : null,
    });
    const positionsBox = h('div', { 'data-test': 'positions-box' });
    const last = rows[rows.length - 1];
    const first = rows[0];
    const dateField = (name, label, v) => h('label', { for: `returns-${name}` }, `${label} `, h('input', {
      type: 'date', id: `returns-${name}`, 'data-test': `returns-${name}`, value: v || '',
      min: first ? first.date : null, max: last ? last.date : null,
    }));
    const fromField = dateField('from', 'From', page.params.get('from'));
    const toField = dateField('to', 'To', page.params.get('to'));
    const returnsBox = h('div', { 'data-test': 'returns-box' });
    const twrBox = h('div', { 'data-test': 'twr-chart' });
    const showReturns = () => returns(returnsBox, twrBox, id, accountId,
      fromField.querySelector('input').value, toField.querySelector('input').value);
    replace(box,
      h('p', { class: 'muted', text: `${info.data.name} · created ${instant(info.data.createdAt)}` }),
      last ? h('p', { class: 'summary' }, `Value ${amount(last.totalValue)} · cost ${amount(last.totalCost)} · unrealized P&L ${amount(last.totalPnl)} (${Number(last.pnlPercent).toFixed(2)} %) on ${last.date}`) : null,
      last ? h('p', { class: 'summary', 'data-test': 'total-return' }, `Total return ${amount(sum(last.realizedPnlToDate, last.totalPnl, last.incomeToDate))}`
        + ` = realized ${amount(last.realizedPnlToDate)} + unrealized ${amount(last.totalPnl)} + income ${amount(last.incomeToDate)}`) : null,
      h('section', { 'aria-labelledby': 'returns-h' },
        h('h2', { id: 'returns-h', text: 'Returns over a window' }),
        h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); showReturns(); } },
          fromField, toField, h('button', { type: 'submit', 'data-test': 'returns-show' }, 'Show')),
        returnsBox),
      h('section', { 'aria-labelledby': 'value-h' },
        h('h2', { id: 'value-h', text: 'Value and cost over time, and the cumulative time-weighted return' }),
        h('p', { class: 'muted', 'data-test': 'snapshot-count',
          text: `${rows.length} snapshots${partial ? `, ${partial} partial (some position had no price; marked ●)` : ''}` }),
        h('div', { class: 'chart-pair' }, chartBox, twrBox),
        h('details', {}, h('summary', { text: 'Snapshots as a table' }),
          table(['Date', 'Value', 'Cost', 'P&L', 'P&L %', 'Positions', 'Priced', 'Partial', 'Net flow', 'Income', 'Realized to date'], rows.map((s) => h('tr', { 'data-test': 'snapshot-row' },
            h('td', { text: s.date }), h('td', { class: 'num', text: amount(s.totalValue) }),
            h('td', { class: 'num', text: amount(s.totalCost) }), h('td', { class: 'num', text: amount(s.totalPnl) }),
            h('td', { class: 'num', text: value(s.pnlPercent) }), h('td', { class: 'num', text: s.positionCount }),
            h('td', { class: 'num', text: s.pricedPositionCount }), h('td', { text: s.partial ? 'partial' : '' }),
            h('td', { class: 'num', text: amount(s.netFlow) }), h('td', { class: 'num', text: amount(s.income) }),
            h('td', { class: 'num', text: amount(s.realizedPnlToDate) })))))),
      h('section', { 'aria-labelledby': 'dividends-h' },
        h('h2', { id: 'dividends-h', text: 'Dividends received' }),
        dividendsTable(dividends.data)),
      h('section', { 'aria-labelledby': 'positions-h' },
        h('h2', { id: 'positions-h', text: 'Positions on a date' }),
        h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); positions(positionsBox, id, dateInput.value); } },
          h('label', { for: 'positions-date' }, 'Date ', dateInput),
          h('button', { type: 'submit', 'data-test': 'positions-show' }, 'Show')),
        positionsBox));
    chart(chartBox, {
      label: `Value and cost of account ${accountId}, one point per snapshot`,
      series: [
        { label: 'Value', stroke: '#1565c0' },
        { label: 'Cost', stroke: '#6d4c41', dash: [6, 4] },
        { label: 'Partial day', stroke: '#c62828', pointsOnly: true, size: 9 },
      ],
      data: [
        rows.map((s) => dateSeconds(s.date)),
        rows.map((s) => Number(s.totalValue)),
        rows.map((s) => Number(s.totalCost)),
        rows.map((s) => (s.partial ? Number(s.totalValue) : null)),
      ],
      yLabel: 'value',
    });
    if (rows.length) await showReturns();
    if (dateInput.value) await positions(positionsBox, id, dateInput.value);
  });
  render();
}

function sum(...values) {
  // amounts are exact decimals in the API; the browser only shows them, to the cent
  return values.reduce((total, v) => total + Number(v || 0), 0).toFixed(2);
}

function percent(ratio) {
  return ratio === null || ratio === undefined ? '—' : `${(Number(ratio) * 100).toFixed(2)} %`;
}

function dividendsTable(list) {
  if (!list.length) return message('info', 'No dividend received yet (cash dividends of held symbols, USD).');
  return h('div', {},
    h('p', { class: 'muted', 'data-test': 'dividends-total', text: `${list.length} dividends, ${amount(sum(...list.map((d) => d.amount)))} in all` }),
    table(['Symbol', 'Ex-date', 'Pay date', 'Per share', 'Shares', 'Amount'], list.map((d) => h('tr', { 'data-test': 'dividend-row' },
      h('td', { text: d.symbol }), h('td', { text: d.exDate }), h('td', { text: d.payDate || '' }),
      h('td', { class: 'num', text: value(d.perShare) }), h('td', { class: 'num', text: value(d.shares) }),
      h('td', { class: 'num', text: amount(d.amount) }))), { 'data-test': 'dividends-table' }));
}

async function returns(box, chartBox, id, accountId, from, to) {
  replace(box, message('info', 'Computing returns…'));
  try {
    const p = (await get(`/api/accounts/${id}/performance${query({ from: from || null, to: to || null })}`, { admin: true })).data;
    replace(box, facts([
      ['Window', `${p.from} – ${p.to}`, 'returns-window'],
      ['Value', `${amount(p.startValue)} → ${amount(p.endValue)}`],
      ['Money in (net)', amount(p.netFlow)],
      ['Income', amount(p.income)],
      ['Realized P&L', amount(p.realizedPnl)],
      ['Gain', amount(p.gain), 'returns-gain'],
      ['Time-weighted return', percent(p.twr), 'returns-twr'],
      ['TWR a year', p.twrAnnualized === null ? '— (window under a year)' : percent(p.twrAnnualized), 'returns-twr-annualized'],
      ['Money-weighted return (a year)', p.mwr === null ? `— (${p.mwrNote})` : percent(p.mwr), 'returns-mwr'],
    ]));
    chart(chartBox, {
      label: `Cumulative time-weighted return of account ${accountId} from ${p.from}, in percent`,
      series: [{ label: 'Cumulative TWR %', stroke: '#2e7d32' }],
      data: [p.daily.map((d) => dateSeconds(d.date)), p.daily.map((d) => Number(d.twrToDate) * 100)],
      yLabel: '%',
    });
  } catch (e) {
    replace(box, message('error', e.message));
  }
}

async function positions(box, id, date) {
  replace(box, message('info', 'Loading positions…'));
  try {
    const v = (await get(`/api/accounts/${id}/valuations${query({ date })}`, { admin: true })).data;
    const carried = v.positions.filter((p) => p.priceStatus === 'CARRIED').length;
    const stale = v.positions.filter((p) => p.priceStatus === 'STALE').length;
    replace(box,
      h('p', { class: 'muted', 'data-test': 'positions-summary', text: `${v.positions.length} positions on ${v.date}`
        + (carried ? `; ${carried} priced from an earlier close (marked “carried”)` : '')
        + (stale ? `; ${stale} with no close for more than 5 sessions (marked “stale”: record what happened to it)` : '') }),
      table(['Symbol', 'Quantity', 'Close', 'Price date', 'Price status', 'Market value', 'Cost basis', 'Unrealized P&L'],
        v.positions.map((p) => {
          const status = p.priceStatus || (p.priceDate ? (p.priceDate === v.date ? 'CURRENT' : 'CARRIED') : 'UNPRICED');
          return h('tr', { 'data-test': 'position-row', class: status === 'CURRENT' ? null : status.toLowerCase() },
            h('td', { text: p.symbol }), h('td', { class: 'num', text: value(p.quantity) }),
            h('td', { class: 'num', text: amount(p.closePrice) }),
            h('td', {}, p.priceDate
              ? [p.priceDate, status === 'CARRIED' ? h('span', { class: 'badge carried-badge', 'data-test': 'carried', text: 'carried' }) : null]
              : h('span', { class: 'badge status-failed', text: 'no price' })),
            h('td', {}, h('span', { class: `badge price-${status.toLowerCase()}`, 'data-test': 'price-status', text: status })),
            h('td', { class: 'num', text: amount(p.marketValue) }), h('td', { class: 'num', text: amount(p.costBasis) }),
            h('td', { class: 'num', text: amount(p.unrealizedPnl) }));
        }), { 'data-test': 'positions-table' }));
  } catch (e) {
    replace(box, message('error', e.status === 404 ? `No valuation on ${date} (not a trading day with data?).` : e.message));
  }
}
