// @ts-check
// The dashboard's one way to the server: `/ui-api`, with the session cookie the login link set.
// Changes carry the session's CSRF token and a JSON body (csrf.ts refuses anything else).
import { $ } from './dom.js';

/** @type {string | null} */
let csrfToken = null;

export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   */
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {'GET' | 'POST' | 'PATCH'} method
 * @param {string} path under /ui-api
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function api(method, path, body) {
  const change = method !== 'GET';
  if (change && !csrfToken) csrfToken = (await api('GET', '/session')).csrfToken;
  /** @type {RequestInit} */
  const init = { method };
  if (change) {
    init.headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken ?? '' };
    init.body = JSON.stringify(body ?? {});
  }
  const res = await fetch(`/ui-api${path}`, init);
  if (res.status === 401) {
    $('login-needed').hidden = false;
    throw new ApiError('no session', 401);
  }
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (!res.ok)
    throw new ApiError(data.detail ?? data.error?.message ?? data.error ?? res.statusText, res.status);
  return data;
}
