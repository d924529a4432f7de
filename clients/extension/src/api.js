// JobHax API client for the extension: settings, sign-in, token refresh and
// the capture calls. No chrome.* here: storage and fetch are injected so the
// token logic runs under node's test runner.
//
// storage: any object with chrome.storage.local's promise API
//   (get(key) -> {key: value}, set({key: value}), remove(key)).

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8000';
// What `manage.py create_dev_clients` names the public extension client (prefilled, editable).
export const DEFAULT_CLIENT_ID = 'jobhax-extension';
export const TO_APPLY_STATUS_ID = 2;

// Envelope error code for a missing/expired/revoked bearer token (CONTRACT §2).
const AUTH_REQUIRED = 12;
// Renew a little early so a token does not expire between check and use.
const EXPIRY_MARGIN_MS = 30_000;

const SETTINGS_KEY = 'settings';
const AUTH_KEY = 'auth';

// Codes for failures that have no envelope code.
export const ErrorCodes = Object.freeze({
  SIGNED_OUT: 'signed_out',
  NETWORK: 'network',
  BAD_RESPONSE: 'bad_response',
  NOT_CONFIGURED: 'not_configured',
});

export class ApiError extends Error {
  constructor(message, { code, status = 0 } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

export function normalizeServerUrl(raw) {
  let url;
  try {
    url = new URL(String(raw ?? '').trim());
  } catch {
    throw new ApiError('Enter the server URL, e.g. http://127.0.0.1:8000', { code: ErrorCodes.NOT_CONFIGURED });
  }
  if (!/^https?:$/.test(url.protocol)) {
    throw new ApiError('The server URL must start with http:// or https://', { code: ErrorCodes.NOT_CONFIGURED });
  }
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

export function createApi({ storage, fetch = globalThis.fetch.bind(globalThis), now = Date.now }) {
  // One refresh at a time: refresh tokens rotate, so two parallel refreshes
  // with the same token would make the second fail and sign the user out.
  let refreshInFlight = null;

  async function getSettings() {
    const { [SETTINGS_KEY]: settings } = await storage.get(SETTINGS_KEY);
    return { serverUrl: DEFAULT_SERVER_URL, clientId: '', ...settings };
  }

  async function saveSettings({ serverUrl, clientId }) {
    const settings = { serverUrl: normalizeServerUrl(serverUrl), clientId: String(clientId ?? '').trim() };
    if (!settings.clientId) {
      throw new ApiError('Enter the OAuth client id of the JobHax extension application.', {
        code: ErrorCodes.NOT_CONFIGURED,
      });
    }
    await storage.set({ [SETTINGS_KEY]: settings });
    return settings;
  }

  async function loadAuth() {
    const { [AUTH_KEY]: auth } = await storage.get(AUTH_KEY);
    return auth ?? null;
  }

  async function storeTokens(tokenObject, username) {
    const auth = {
      accessToken: tokenObject.access_token,
      refreshToken: tokenObject.refresh_token,
      expiresAt: now() + Number(tokenObject.expires_in) * 1000 - EXPIRY_MARGIN_MS,
      username,
    };
    await storage.set({ [AUTH_KEY]: auth });
    return auth;
  }

  async function clearAuth() {
    await storage.remove(AUTH_KEY);
  }

  // One HTTP exchange; resolves with the envelope's data or throws ApiError.
  async function request(method, path, { query, body, token } = {}) {
    const { serverUrl } = await getSettings();
    const url = new URL(serverUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);

    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;

    let response;
    try {
      response = await fetch(url.href, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(`Cannot reach the JobHax server at ${serverUrl}.`, { code: ErrorCodes.NETWORK });
    }
    return readEnvelope(response, url.href);
  }

  async function readEnvelope(response, url) {
    let envelope;
    try {
      envelope = JSON.parse(await response.text());
    } catch {
      envelope = null;
    }
    if (!envelope || typeof envelope.success !== 'boolean') {
      throw new ApiError(`Unexpected response from ${url} (HTTP ${response.status}).`, {
        code: ErrorCodes.BAD_RESPONSE,
        status: response.status,
      });
    }
    if (!envelope.success) {
      throw new ApiError(envelope.error_message || `Request failed (HTTP ${response.status}).`, {
        code: envelope.error_code,
        status: response.status,
      });
    }
    return envelope.data;
  }

  function sessionExpired() {
    return new ApiError('Your session has expired. Please sign in again.', { code: ErrorCodes.SIGNED_OUT });
  }

  async function refreshTokens() {
    const auth = await loadAuth();
    if (!auth) throw sessionExpired();
    const { clientId } = await getSettings();
    let tokenObject;
    try {
      tokenObject = await request('POST', '/api/users/refresh_token', {
        body: { client_id: clientId, refresh_token: auth.refreshToken },
      });
    } catch (error) {
      // The server refused the refresh token: only a new sign-in helps. A
      // network failure leaves the tokens alone so a retry can still work.
      if (typeof error.code === 'number') {
        await clearAuth();
        throw sessionExpired();
      }
      throw error;
    }
    return storeTokens(tokenObject, auth.username);
  }

  function refreshOnce() {
    refreshInFlight ??= refreshTokens().finally(() => {
      refreshInFlight = null;
    });
    return refreshInFlight;
  }

  async function validAccessToken() {
    const auth = await loadAuth();
    if (!auth) throw new ApiError('Please sign in first.', { code: ErrorCodes.SIGNED_OUT });
    if (now() < auth.expiresAt) return auth.accessToken;
    return (await refreshOnce()).accessToken;
  }

  // After a 401: if another call already replaced the rejected token, use its
  // result instead of spending another refresh token.
  async function tokenReplacing(rejectedToken) {
    const auth = await loadAuth();
    if (auth && auth.accessToken !== rejectedToken) return auth.accessToken;
    return (await refreshOnce()).accessToken;
  }

  // An authenticated call: refreshes an expired token first, and on a 401
  // refreshes once and retries before giving up.
  async function authedRequest(method, path, options = {}) {
    const token = await validAccessToken();
    try {
      return await request(method, path, { ...options, token });
    } catch (error) {
      if (error.code !== AUTH_REQUIRED) throw error;
    }
    const freshToken = await tokenReplacing(token);
    try {
      return await request(method, path, { ...options, token: freshToken });
    } catch (error) {
      if (error.code !== AUTH_REQUIRED) throw error;
      await clearAuth();
      throw sessionExpired();
    }
  }

  async function signIn({ serverUrl, clientId, username, password }) {
    const settings = await saveSettings({ serverUrl, clientId });
    const tokenObject = await request('POST', '/api/users/login', {
      body: { client_id: settings.clientId, username: String(username ?? '').trim(), password },
    });
    return storeTokens(tokenObject, String(username ?? '').trim());
  }

  // Forgets the tokens locally even when the server cannot be told, so the
  // user is never stuck signed in; the server error is still reported.
  async function signOut() {
    const auth = await loadAuth();
    if (!auth) return;
    const { clientId } = await getSettings();
    try {
      await request('POST', '/api/users/logout', { body: { client_id: clientId, token: auth.accessToken } });
    } finally {
      await clearAuth();
    }
  }

  return {
    getSettings,
    saveSettings,
    signIn,
    signOut,
    currentUser: async () => (await loadAuth())?.username ?? null,
    getStatuses: () => authedRequest('GET', '/api/jobapps/get_statuses'),
    checkTracked: (jobUrl) => authedRequest('GET', '/api/jobapps/capture', { query: { job_url: jobUrl } }),
    capture: (job) => authedRequest('POST', '/api/jobapps/capture', { body: job }),
  };
}
