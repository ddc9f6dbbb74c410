// The logged-in session: tokens live only in this module's memory (never in storage), and every API call
// goes through request(), which refreshes the access token before it expires and once more on a 401.

export const API = '/api/v1';

/** An API failure: status plus the RFC 9457 problem body when there is one. */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super((problem && (problem.detail || problem.title)) || fallback || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.code = problem && problem.code;
  }
}

/** Thrown when the session cannot be kept alive; the app shows the login page. */
export class SessionEndedError extends Error {
  constructor(reason) {
    super(reason);
    this.sessionEnded = true;
  }
}

async function readProblem(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch (e) {
      return null;
    }
  }
  return null;
}

async function postJson(path, body) {
  return fetch(API + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

export class Session {
  constructor() {
    this.accessToken = null;
    this.refreshToken = null;
    this.expiresAt = 0;
    this.lifetimeMs = 0;
    this.me = null;
    this.pendingRefresh = null;
    this.onEnded = () => {};
  }

  get active() {
    return this.refreshToken !== null;
  }

  /** Logs in; throws ApiError (401 auth.invalid_credentials, 429 auth.too_many_attempts, 422 ...). */
  async login(slug, email, password) {
    const response = await postJson('/auth/token', { slug, email, password });
    if (!response.ok) throw new ApiError(response.status, await readProblem(response));
    this.accept(await response.json());
    this.me = await this.request('GET', '/me');
    return this.me;
  }

  accept(tokens) {
    this.accessToken = tokens.accessToken;
    this.refreshToken = tokens.refreshToken;
    this.lifetimeMs = Math.max(1, Number(tokens.expiresIn)) * 1000;
    this.expiresAt = Date.now() + this.lifetimeMs;
  }

  /**
   * Exchanges the refresh token once, however many callers ask at the same time: refresh tokens are
   * single-use, and presenting one twice would revoke the whole session.
   */
  refresh() {
    if (!this.pendingRefresh) {
      const token = this.refreshToken;
      this.pendingRefresh = (async () => {
        if (!token) throw new SessionEndedError('Not logged in');
        const response = await postJson('/auth/refresh', { refreshToken: token });
        if (!response.ok) {
          const problem = await readProblem(response);
          this.end(response.status === 401 ? 'Your session has ended. Please log in again.' : `Session refresh failed (${response.status})`);
          throw new SessionEndedError((problem && problem.detail) || 'Session ended');
        }
        this.accept(await response.json());
        return this.accessToken;
      })().finally(() => {
        this.pendingRefresh = null;
      });
    }
    return this.pendingRefresh;
  }

  /** A valid access token, refreshed first when less than a fifth of its lifetime is left. */
  async token() {
    if (!this.refreshToken) throw new SessionEndedError('Not logged in');
    const margin = Math.min(30000, this.lifetimeMs / 5);
    if (Date.now() >= this.expiresAt - margin) {
      return this.refresh();
    }
    return this.accessToken;
  }

  /**
   * Calls the API. body: an object (sent as JSON), a string/Blob with options.contentType, or absent.
   * Returns parsed JSON, text for non-JSON answers, or null for 204. Throws ApiError.
   */
  async request(method, path, body, options = {}) {
    const send = async (token) => {
      const headers = { Accept: 'application/json', Authorization: `Bearer ${token}`, ...(options.headers || {}) };
      let payload;
      if (body !== undefined && body !== null) {
        if (typeof body === 'string' || body instanceof Blob) {
          headers['Content-Type'] = options.contentType || 'text/plain';
          payload = body;
        } else {
          headers['Content-Type'] = 'application/json';
          payload = JSON.stringify(body);
        }
      }
      return fetch(API + path, { method, headers, body: payload, signal: options.signal });
    };
    let response = await send(await this.token());
    if (response.status === 401 && this.refreshToken) {
      // The token may have expired in flight or the server restarted its clock skew: refresh once.
      response = await send(await this.refresh());
    }
    if (response.status === 401) {
      this.end('Your session has ended. Please log in again.');
      throw new SessionEndedError('Unauthorized');
    }
    if (!response.ok) {
      throw new ApiError(response.status, await readProblem(response));
    }
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json() : response.text();
  }

  get(path, options) {
    return this.request('GET', path, undefined, options);
  }

  post(path, body, options) {
    return this.request('POST', path, body, options);
  }

  /** Ends the session on the server (best effort) and forgets the tokens. */
  async logout() {
    const token = this.refreshToken;
    this.forget();
    if (token) {
      try {
        await postJson('/auth/logout', { refreshToken: token });
      } catch (e) {
        // Offline: the refresh token expires on its own; the tokens are gone from memory already.
      }
    }
  }

  forget() {
    this.accessToken = null;
    this.refreshToken = null;
    this.me = null;
    this.expiresAt = 0;
  }

  end(reason) {
    if (!this.refreshToken) return;
    this.forget();
    this.onEnded(reason);
  }

  /** Whether the caller may manage secrets and other admin things. */
  isAdmin() {
    const roles = (this.me && this.me.roles) || [];
    return roles.some((r) => /owner|admin/i.test(r));
  }
}

/** Builds ?a=1&b=2 from the non-empty entries of params. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A fresh Idempotency-Key for one money-moving action. */
export function idempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
