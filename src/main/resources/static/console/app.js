import { h, replace } from './dom.js';
import { token } from './api.js';
import { overview } from './overview.js';
import { runs, job } from './runs.js';
import { accounts, account } from './accounts.js';
import { prices } from './prices.js';

const main = document.getElementById('main');
let current = null;

/** What a page gets: where to render, its route parameters, and timers that stop when it is left. */
class Page {
  constructor(params) {
    this.params = params;
    this.timers = new Set();
    this.left = false;
  }

  alive() {
    return !this.left;
  }

  /**
   * Runs fn now and then `ms` after each completion, until the page is left or fn returns false.
   * Returns a function that runs it again at once (e.g. after the user started something).
   */
  every(ms, fn) {
    let pending = null;
    let busy = false;
    const tick = async () => {
      if (this.left || busy) return;
      clearTimeout(pending);
      busy = true;
      let again = true;
      try {
        again = (await fn()) !== false;
      } catch (e) {
        console.error(e);
      } finally {
        busy = false;
      }
      if (!this.left && again) {
        pending = setTimeout(tick, typeof ms === 'function' ? ms() : ms);
        this.timers.add(pending);
      }
    };
    tick();
    return tick;
  }

  leave() {
    this.left = true;
    for (const t of this.timers) clearTimeout(t);
  }
}

const routes = [
  [/^\/overview$/, overview, 'overview'],
  [/^\/runs$/, runs, 'runs'],
  [/^\/runs\/([0-9a-fA-F-]{36})$/, job, 'runs'],
  [/^\/accounts$/, accounts, 'accounts'],
  [/^\/accounts\/([A-Za-z0-9_.:-]{1,64})$/, account, 'accounts'],
  [/^\/prices(?:\/([A-Z][A-Za-z0-9.]{0,15}))?$/, prices, 'prices'],
];

function route() {
  const raw = location.hash.replace(/^#/, '') || '/overview';
  const [path, search] = raw.split('?');
  const params = new URLSearchParams(search || '');
  for (const [pattern, render, nav] of routes) {
    const m = path.match(pattern);
    if (!m) continue;
    if (current) current.leave();
    current = new Page(params);
    document.querySelectorAll('[data-nav]').forEach((a) => {
      if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    replace(main);
    render(main, current, ...m.slice(1).map((p) => (p === undefined ? undefined : decodeURIComponent(p))));
    return;
  }
  location.replace('#/overview');
}

export function showTokenState() {
  const el = document.getElementById('token-state');
  if (token.get()) {
    replace(el, 'Admin token set ', h('button', {
      type: 'button', class: 'link', 'data-test': 'forget-token',
      onclick: () => { token.clear(); showTokenState(); route(); },
    }, 'Forget'));
  } else {
    replace(el, 'No admin token');
  }
}

window.addEventListener('hashchange', () => {
  route();
  main.focus({ preventScroll: true });
});
window.addEventListener('token-changed', showTokenState);
showTokenState();
route();
