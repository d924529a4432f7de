import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiError, createApi, ErrorCodes, normalizeServerUrl } from '../src/api.js';

const SERVER = 'http://127.0.0.1:8000';
const CLIENT_ID = 'public-extension-client';
const LIFETIME_S = 36000;
const EXPIRY_MARGIN_MS = 30_000;

// Mimics chrome.storage.local: promise API, values stored as copies.
function memoryStorage(initial = {}) {
  const items = structuredClone(initial);
  return {
    items,
    async get(key) {
      return key in items ? { [key]: structuredClone(items[key]) } : {};
    },
    async set(values) {
      Object.assign(items, structuredClone(values));
    },
    async remove(key) {
      delete items[key];
    },
  };
}

const ok = (data) => ({ status: 200, body: { success: true, error_code: 0, error_message: '', data } });
const fail = (status, code, message) => ({ status, body: { success: false, error_code: code, error_message: message, data: null } });
const tokenExpired = () => fail(401, 12, 'Authentication credentials were not provided or are invalid.');
const tokens = (n) => ({
  access_token: `access-${n}`,
  refresh_token: `refresh-${n}`,
  expires_in: LIFETIME_S,
  token_type: 'Bearer',
  scope: 'read write',
});

// A fake server: `routes` maps "METHOD /path" to a function of the parsed
// request returning {status, body}; every request is recorded in `calls`.
function fakeFetch(routes) {
  const calls = [];
  async function fetch(url, init = {}) {
    const parsed = new URL(url);
    const call = {
      method: init.method ?? 'GET',
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: init.headers ?? {},
      body: init.body === undefined ? undefined : JSON.parse(init.body),
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    if (!route) return new Response('<h1>Not Found</h1>', { status: 404 });
    const { status, body } = await route(call);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }
  return { fetch, calls, callsTo: (path) => calls.filter((call) => call.path === path) };
}

// A refresh endpoint that rotates: each refresh token works exactly once.
function rotatingRefresh(firstValid = 'refresh-1') {
  let valid = firstValid;
  let issued = 1;
  return (call) => {
    if (call.body.refresh_token !== valid) return fail(401, 1, 'Invalid credentials');
    issued += 1;
    valid = `refresh-${issued}`;
    return ok(tokens(issued));
  };
}

function signedInStorage({ expiresAt }) {
  return memoryStorage({
    settings: { serverUrl: SERVER, clientId: CLIENT_ID },
    auth: { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt, username: 'alice' },
  });
}

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms) => { time += ms; } };
}

test('signIn sends the public client id (no secret) and stores tokens with their expiry', async () => {
  const server = fakeFetch({ 'POST /api/users/login': () => ok(tokens(1)) });
  const storage = memoryStorage();
  const time = clock();
  const api = createApi({ storage, fetch: server.fetch, now: time.now });

  await api.signIn({ serverUrl: ' http://127.0.0.1:8000/ ', clientId: ` ${CLIENT_ID} `, username: ' alice@example.com ', password: 'pw' });

  const [login] = server.calls;
  assert.equal(login.headers['Content-Type'], 'application/json');
  assert.deepEqual(login.body, { client_id: CLIENT_ID, username: 'alice@example.com', password: 'pw' });
  assert.deepEqual(storage.items.settings, { serverUrl: SERVER, clientId: CLIENT_ID });
  assert.deepEqual(storage.items.auth, {
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresAt: time.now() + LIFETIME_S * 1000 - EXPIRY_MARGIN_MS,
    username: 'alice@example.com',
  });
  assert.equal(await api.currentUser(), 'alice@example.com');
});

test('a refused sign-in surfaces the envelope message and stores no tokens', async () => {
  const message = 'Could not login... Please check your credentials...';
  const server = fakeFetch({ 'POST /api/users/login': () => fail(401, 6, message) });
  const storage = memoryStorage();
  const api = createApi({ storage, fetch: server.fetch });

  await assert.rejects(
    api.signIn({ serverUrl: SERVER, clientId: CLIENT_ID, username: 'alice', password: 'wrong' }),
    (error) => error instanceof ApiError && error.message === message && error.code === 6 && error.status === 401,
  );
  assert.equal(storage.items.auth, undefined);
  assert.equal(await api.currentUser(), null);
});

test('settings need an http(s) server URL and a client id', async () => {
  const api = createApi({ storage: memoryStorage(), fetch: async () => assert.fail('no request expected') });
  assert.deepEqual(await api.getSettings(), { serverUrl: SERVER, clientId: '' });
  await assert.rejects(api.saveSettings({ serverUrl: SERVER, clientId: ' ' }), { code: ErrorCodes.NOT_CONFIGURED });
  await assert.rejects(api.saveSettings({ serverUrl: 'ftp://host', clientId: 'x' }), { code: ErrorCodes.NOT_CONFIGURED });
  await assert.rejects(api.saveSettings({ serverUrl: '127.0.0.1:8000', clientId: 'x' }), { code: ErrorCodes.NOT_CONFIGURED });
  assert.equal(normalizeServerUrl('https://jobhax.example/backend//'), 'https://jobhax.example/backend');
});

test('authenticated calls send the bearer token; checkTracked passes job_url as a query parameter', async () => {
  const jobUrl = 'https://jobs.example/42?a=1&b=2';
  const server = fakeFetch({
    'GET /api/jobapps/capture': () => ok({ tracked: false, jobapp: null }),
    'GET /api/jobapps/get_statuses': () => ok([{ id: 1, value: 'Applied' }]),
  });
  const time = clock();
  const api = createApi({ storage: signedInStorage({ expiresAt: time.now() + 60_000 }), fetch: server.fetch, now: time.now });

  assert.deepEqual(await api.checkTracked(jobUrl), { tracked: false, jobapp: null });
  assert.deepEqual(await api.getStatuses(), [{ id: 1, value: 'Applied' }]);
  for (const call of server.calls) assert.equal(call.headers.Authorization, 'Bearer access-1');
  assert.deepEqual(server.calls[0].query, { job_url: jobUrl });
  assert.equal(server.calls[0].body, undefined);
});

test('capture posts the job as JSON and returns the envelope data', async () => {
  const jobapp = { id: 7, applicationStatus: { id: 2, value: 'To Apply' }, jobTitle: 'SRE', company: 'Acme' };
  const server = fakeFetch({ 'POST /api/jobapps/capture': () => ok({ created: true, jobapp }) });
  const time = clock();
  const api = createApi({ storage: signedInStorage({ expiresAt: time.now() + 60_000 }), fetch: server.fetch, now: time.now });
  const job = { job_url: 'https://jobs.example/1', job_title: 'SRE', company: 'Acme', location: 'Berlin', description: 'x', status_id: 2 };

  assert.deepEqual(await api.capture(job), { created: true, jobapp });
  assert.deepEqual(server.calls[0].body, job);
  assert.equal(server.calls[0].headers['Content-Type'], 'application/json');
});

test('an expired access token is refreshed before the call and the rotated refresh token is kept', async () => {
  const server = fakeFetch({
    'POST /api/users/refresh_token': rotatingRefresh(),
    'GET /api/jobapps/get_statuses': () => ok([]),
  });
  const time = clock();
  const storage = signedInStorage({ expiresAt: time.now() - 1 });
  const api = createApi({ storage, fetch: server.fetch, now: time.now });

  await api.getStatuses();
  assert.deepEqual(server.callsTo('/api/users/refresh_token')[0].body, { client_id: CLIENT_ID, refresh_token: 'refresh-1' });
  assert.equal(server.callsTo('/api/jobapps/get_statuses')[0].headers.Authorization, 'Bearer access-2');
  assert.equal(storage.items.auth.refreshToken, 'refresh-2');
  assert.equal(storage.items.auth.username, 'alice');

  // The next expiry must use the rotated token, not the spent one.
  time.advance(LIFETIME_S * 1000);
  await api.getStatuses();
  assert.equal(server.callsTo('/api/users/refresh_token')[1].body.refresh_token, 'refresh-2');
  assert.equal(storage.items.auth.accessToken, 'access-3');
});

test('a 401 with error code 12 refreshes once and retries the call', async () => {
  const server = fakeFetch({
    'POST /api/users/refresh_token': rotatingRefresh(),
    'GET /api/jobapps/get_statuses': (call) => (call.headers.Authorization === 'Bearer access-2' ? ok([]) : tokenExpired()),
  });
  const time = clock();
  const api = createApi({ storage: signedInStorage({ expiresAt: time.now() + 60_000 }), fetch: server.fetch, now: time.now });

  assert.deepEqual(await api.getStatuses(), []);
  assert.equal(server.callsTo('/api/users/refresh_token').length, 1);
  assert.deepEqual(server.callsTo('/api/jobapps/get_statuses').map((call) => call.headers.Authorization), [
    'Bearer access-1',
    'Bearer access-2',
  ]);
});

test('a second 401 after the refresh signs the user out instead of looping', async () => {
  const server = fakeFetch({
    'POST /api/users/refresh_token': rotatingRefresh(),
    'GET /api/jobapps/get_statuses': tokenExpired,
  });
  const time = clock();
  const storage = signedInStorage({ expiresAt: time.now() + 60_000 });
  const api = createApi({ storage, fetch: server.fetch, now: time.now });

  await assert.rejects(api.getStatuses(), { code: ErrorCodes.SIGNED_OUT });
  assert.equal(server.callsTo('/api/users/refresh_token').length, 1);
  assert.equal(server.callsTo('/api/jobapps/get_statuses').length, 2);
  assert.equal(storage.items.auth, undefined);
});

test('a refused refresh token clears the session and asks to sign in again', async () => {
  const server = fakeFetch({ 'POST /api/users/refresh_token': () => fail(401, 1, 'Invalid credentials') });
  const time = clock();
  const storage = signedInStorage({ expiresAt: time.now() - 1 });
  const api = createApi({ storage, fetch: server.fetch, now: time.now });

  await assert.rejects(api.checkTracked('https://jobs.example/1'), (error) =>
    error.code === ErrorCodes.SIGNED_OUT && /sign in again/.test(error.message));
  assert.equal(storage.items.auth, undefined);
  assert.equal(server.callsTo('/api/jobapps/capture').length, 0);
});

test('parallel calls with an expired token share one refresh', async () => {
  const server = fakeFetch({
    'POST /api/users/refresh_token': rotatingRefresh(),
    'GET /api/jobapps/get_statuses': () => ok([]),
    'GET /api/jobapps/capture': () => ok({ tracked: true, jobapp: {} }),
  });
  const time = clock();
  const api = createApi({ storage: signedInStorage({ expiresAt: time.now() - 1 }), fetch: server.fetch, now: time.now });

  await Promise.all([api.getStatuses(), api.checkTracked('https://jobs.example/1')]);
  assert.equal(server.callsTo('/api/users/refresh_token').length, 1);
  const authorizations = server.calls.filter((call) => call.method === 'GET').map((call) => call.headers.Authorization);
  assert.deepEqual(authorizations, ['Bearer access-2', 'Bearer access-2']);
});

test('a 401 for a token another call already replaced does not spend another refresh', async () => {
  let statusesDone;
  const statusesFinished = new Promise((resolve) => { statusesDone = resolve; });
  const acceptOnlyFresh = (call) => (call.headers.Authorization === 'Bearer access-2' ? ok([]) : tokenExpired());
  const server = fakeFetch({
    'POST /api/users/refresh_token': rotatingRefresh(),
    'GET /api/jobapps/get_statuses': acceptOnlyFresh,
    // The stale capture request is answered only after getStatuses has
    // already refreshed and retried.
    'GET /api/jobapps/capture': async (call) => {
      if (call.headers.Authorization !== 'Bearer access-2') await statusesFinished;
      return acceptOnlyFresh(call);
    },
  });
  const time = clock();
  const storage = signedInStorage({ expiresAt: time.now() + 60_000 });
  const api = createApi({ storage, fetch: server.fetch, now: time.now });

  const tracked = api.checkTracked('https://jobs.example/1');
  await api.getStatuses();
  statusesDone();
  await tracked;
  assert.equal(server.callsTo('/api/users/refresh_token').length, 1);
  assert.equal(server.callsTo('/api/jobapps/capture').at(-1).headers.Authorization, 'Bearer access-2');
  assert.equal(storage.items.auth.refreshToken, 'refresh-2');
});

test('a network failure during refresh keeps the tokens for a later retry', async () => {
  const time = clock();
  const storage = signedInStorage({ expiresAt: time.now() - 1 });
  const failingFetch = async () => {
    throw new TypeError('Failed to fetch');
  };
  const api = createApi({ storage, fetch: failingFetch, now: time.now });

  await assert.rejects(api.getStatuses(), (error) =>
    error.code === ErrorCodes.NETWORK && error.message.includes(SERVER));
  assert.equal(storage.items.auth.refreshToken, 'refresh-1');
});

test('a response that is not the JobHax envelope is reported as such', async () => {
  const server = fakeFetch({});
  const time = clock();
  const api = createApi({ storage: signedInStorage({ expiresAt: time.now() + 60_000 }), fetch: server.fetch, now: time.now });

  await assert.rejects(api.getStatuses(), (error) =>
    error.code === ErrorCodes.BAD_RESPONSE && error.status === 404 && /Unexpected response/.test(error.message));
});

test('calls without a session fail with SIGNED_OUT and send nothing', async () => {
  const server = fakeFetch({});
  const api = createApi({ storage: memoryStorage(), fetch: server.fetch });
  await assert.rejects(api.capture({}), { code: ErrorCodes.SIGNED_OUT });
  assert.equal(server.calls.length, 0);
});

test('signOut revokes the access token and forgets the session', async () => {
  const server = fakeFetch({ 'POST /api/users/logout': () => ok(null) });
  const time = clock();
  const storage = signedInStorage({ expiresAt: time.now() + 60_000 });
  const api = createApi({ storage, fetch: server.fetch, now: time.now });

  await api.signOut();
  assert.deepEqual(server.calls[0].body, { client_id: CLIENT_ID, token: 'access-1' });
  assert.equal(server.calls[0].headers.Authorization, undefined);
  assert.equal(storage.items.auth, undefined);
  assert.deepEqual(storage.items.settings, { serverUrl: SERVER, clientId: CLIENT_ID }, 'settings survive sign-out');
});

test('signOut forgets the session even when the server cannot revoke it', async () => {
  const server = fakeFetch({ 'POST /api/users/logout': () => fail(400, 5, 'Couldnt logout user...') });
  const time = clock();
  const storage = signedInStorage({ expiresAt: time.now() + 60_000 });
  const api = createApi({ storage, fetch: server.fetch, now: time.now });

  await assert.rejects(api.signOut(), { code: 5, message: 'Couldnt logout user...' });
  assert.equal(storage.items.auth, undefined);
});
