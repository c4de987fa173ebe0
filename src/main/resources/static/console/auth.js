import { h, message } from './dom.js';
import { token } from './api.js';

/**
 * The admin token form: the token is kept in sessionStorage (gone when the tab closes), sent as
 * a Bearer header, never put in a URL. `onSaved` re-renders whatever needed it.
 */
export function tokenForm(onSaved, problem) {
  const input = h('input', {
    id: 'admin-token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false',
    'data-test': 'token-input',
  });
  const form = h('form', { class: 'token-form', 'data-test': 'token-form' },
    h('label', { for: 'admin-token', text: 'Admin token (VALUATION_ADMIN_TOKEN)' }),
    h('div', { class: 'row' }, input, h('button', { type: 'submit', 'data-test': 'token-save' }, 'Use token')),
    h('p', { class: 'muted', text: 'Kept in this tab only (sessionStorage) and sent as a Bearer header.' }),
    problem ? message('error', problem) : null);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!input.value.trim()) return;
    token.set(input.value);
    window.dispatchEvent(new Event('token-changed'));
    onSaved();
  });
  return form;
}

/** After a refusal: forgets a refused token; returns the message to show with the form, or null. */
export function refused(error) {
  if (error.status === 401 || error.status === 403) token.clear();
  window.dispatchEvent(new Event('token-changed'));
  return token.get() ? null : error.message;
}
