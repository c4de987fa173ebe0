import { h, replace, instant, amount, table, message, value } from './dom.js';
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
    const [info, snapshots] = await Promise.all([
      get(`/api/accounts/${id}`, { admin: true }),
      get(`/api/accounts/${id}/snapshots`, { admin: true }),
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
    replace(box,
      h('p', { class: 'muted', text: `${info.data.name} · created ${instant(info.data.createdAt)}` }),
      last ? h('p', { class: 'summary' }, `Value ${amount(last.totalValue)} · cost ${amount(last.totalCost)} · P&L ${amount(last.totalPnl)} (${Number(last.pnlPercent).toFixed(2)} %) on ${last.date}`) : null,
      h('section', { 'aria-labelledby': 'value-h' },
        h('h2', { id: 'value-h', text: 'Value and cost over time' }),
        h('p', { class: 'muted', 'data-test': 'snapshot-count',
          text: `${rows.length} snapshots${partial ? `, ${partial} partial (some position had no price; marked ●)` : ''}` }),
        chartBox,
        h('details', {}, h('summary', { text: 'Snapshots as a table' }),
          table(['Date', 'Value', 'Cost', 'P&L', 'P&L %', 'Positions', 'Priced', 'Partial'], rows.map((s) => h('tr', { 'data-test': 'snapshot-row' },
            h('td', { text: s.date }), h('td', { class: 'num', text: amount(s.totalValue) }),
            h('td', { class: 'num', text: amount(s.totalCost) }), h('td', { class: 'num', text: amount(s.totalPnl) }),
            h('td', { class: 'num', text: value(s.pnlPercent) }), h('td', { class: 'num', text: s.positionCount }),
            h('td', { class: 'num', text: s.pricedPositionCount }), h('td', { text: s.partial ? 'partial' : '' })))))),
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
    if (dateInput.value) await positions(positionsBox, id, dateInput.value);
  });
  render();
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
