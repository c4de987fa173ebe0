import uPlot from '../webjars/uplot/dist/uPlot.esm.js';
import { h } from './dom.js';

// Chart data are UTC calendar dates or instants as Unix seconds; axes show them in UTC.
const utc = (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');

export function dateSeconds(isoDate) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 1000;
}

const charts = new Set();
let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    for (const chart of charts) {
      if (!chart.root.isConnected) { charts.delete(chart); chart.destroy(); continue; }
      chart.setSize(size(chart.root.parentElement));
    }
  }, 150);
});

function size(container) {
  const width = Math.max(260, (container.clientWidth || 600) - 4);
  return { width, height: width < 500 ? 220 : 300 };
}

/**
 * A chart in `container` (which gets data-points = the number of x values and an accessible
 * label). `series` are uPlot series options after the x series; `data` is [xs, ...ys].
 */
export function chart(container, { label, series, data, yLabel, xLabel = 'Date', points = false }) {
  container.replaceChildren();
  container.classList.add('chart');
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', label);
  container.dataset.points = String(data[0].length);
  if (data[0].length === 0) {
    container.append(h('p', { class: 'muted', text: 'Nothing to chart yet.' }));
    return null;
  }
  const opts = {
    ...size(container),
    tzDate: utc,
    cursor: { drag: { x: true, y: false } },
    // one x value (one run, one snapshot) has no span of its own, and uPlot then spans 86,400
    // of its time unit, milliseconds: 1,000 days in seconds. A day around a date, half an hour
    // around an instant, so the range fits the data.
    scales: { x: { time: true, range: (u, min, max) => fitted(u.data[0], min, max) } },
    axes: [{}, { label: yLabel, size: 70 }],
    series: [{ label: xLabel }, ...series.map((s) => (points || s.pointsOnly
      ? { ...s, paths: () => null, points: { show: true, size: s.size || 9, fill: s.stroke, stroke: s.stroke } }
      : { width: 2, ...s }))],
  };
  // the time axis's range, on the container (tests and people can read what the chart shows)
  opts.hooks = { setScale: [(u, key) => {
    if (key !== 'x') return;
    container.dataset.xMin = String(u.scales.x.min);
    container.dataset.xMax = String(u.scales.x.max);
  }] };
  const plot = new uPlot(opts, data, container);
  charts.add(plot);
  return plot;
}

function fitted(xs, min, max) {
  if (xs.length === 0 || xs[0] !== xs[xs.length - 1]) return [min, max];
  const x = xs[0];
  const pad = x % 86400 === 0 ? 86400 : 1800;
  return [x - pad, x + pad];
}
