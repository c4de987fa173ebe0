// A client of the public JSON API only, on the same origin; the admin token lives in sessionStorage.

const TOKEN_KEY = 'valuator.adminToken';

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value.trim()),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

async function request(method, path, { admin = false, body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, cache: 'no-store' };
  if (admin) {
    const t = token.get();
    if (!t) throw new ApiError(0, 'Enter the admin token first.');
    init.headers.Authorization = `Bearer ${t}`;
  }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, `The service did not answer (${e.message}).`);
  }
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  if (!response.ok && response.status !== 202) {
    const text = json && json.error ? json.error : `HTTP ${response.status}`;
    if (response.status === 401 || response.status === 403) {
      throw new ApiError(response.status, admin
        ? `The admin token was refused (${response.status}: ${text}). Check VALUATION_ADMIN_TOKEN and enter it again.`
        : text, json);
    }
    throw new ApiError(response.status, text, json);
  }
  return { status: response.status, json, location: response.headers.get('Location') };
}

export async function get(path, options) {
  return (await request('GET', path, options)).json;
}

export async function post(path, options) {
  return request('POST', path, options);
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
