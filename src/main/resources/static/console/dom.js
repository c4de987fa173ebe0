// Small DOM helpers: elements are built with createElement/textContent only (no innerHTML),
// which keeps the console within its Content-Security-Policy and free of markup injection.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  timeZone: 'UTC', timeZoneName: 'short',
});

export function instant(value) {
  if (!value) return '—';
  return dateTime.format(new Date(value));
}

export function ago(value, now = Date.now()) {
  if (!value) return '';
  const seconds = Math.round((now - new Date(value).getTime()) / 1000);
  const future = seconds < 0;
  return future ? `in ${span(-seconds)}` : `${span(seconds)} ago`;
}

export function span(seconds) {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60000).toFixed(1)} min`;
}

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export function amount(value) {
  return value === null || value === undefined ? '—' : money.format(Number(value));
}

export function value(v) {
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

/** A definition list from [label, value] pairs. */
export function facts(pairs, attrs = {}) {
  return h('dl', { class: 'facts', ...attrs }, pairs.map(([label, v, testId]) => [
    h('dt', { text: label }),
    h('dd', testId ? { 'data-test': testId } : {}, v instanceof Node ? v : value(v)),
  ]));
}

export function table(columns, rows, attrs = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', attrs,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, rows)));
}

export function statusBadge(status) {
  return h('span', { class: `badge status-${String(status).toLowerCase()}`, text: status });
}

export function message(kind, text) {
  return h('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status', text });
}
