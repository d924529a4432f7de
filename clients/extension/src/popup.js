// The popup: sign-in form when signed out, otherwise the captured job.
//
// Which tab it captures:
//   popup.html            -> the active tab of the current window (toolbar click)
//   popup.html?tab=<id>   -> that tab id
//   popup.html?url=<url>  -> the open tab showing exactly that URL
// The query parameters let the popup run in a tab of its own (end-to-end
// tests), where "the active tab" would be the popup itself.
//
// <body data-ready="true"> is set once the first load (settings, page
// extraction, tracked check) has finished, successfully or not.

import { extractJob } from './extract.js';
import {
  ApiError, createApi, DEFAULT_CLIENT_ID, DEFAULT_SERVER_URL, ErrorCodes, TO_APPLY_STATUS_ID,
} from './api.js';

// Seeded by the backend with these ids (CONTRACT §4); used until the server's
// list arrives, or if it cannot be fetched, so the select is never empty.
const SEEDED_STATUSES = [
  { id: 1, value: 'Applied' },
  { id: 2, value: 'To Apply' },
  { id: 3, value: 'Phone Screen' },
  { id: 4, value: 'Onsite Interview' },
  { id: 5, value: 'Offer' },
];

// Covered by the manifest's host_permissions; anything else is requested.
const BUILT_IN_HOSTS = new Set(['127.0.0.1', 'localhost']);

const api = createApi({ storage: chrome.storage.local });
const $ = (id) => document.getElementById(id);

function showMessage(kind, text) {
  $('message').dataset.kind = text ? kind : 'none';
  $('message').textContent = text;
}

function showError(error) {
  showMessage('error', error instanceof ApiError ? error.message : `Unexpected error: ${error.message}`);
}

function showTrackedState(state, jobapp) {
  const texts = {
    checking: 'Checking whether this job is tracked…',
    tracked: `Already tracked (status ${jobapp?.applicationStatus?.value ?? 'none'})`,
    untracked: 'Not tracked yet',
    unknown: '',
  };
  $('tracked-state').dataset.state = state;
  $('tracked-state').textContent = texts[state];
}

// A failed call that signed the user out sends them back to the sign-in form.
async function handleFailure(error) {
  if (error instanceof ApiError && error.code === ErrorCodes.SIGNED_OUT) await showSignIn();
  showError(error);
}

async function showSignIn() {
  const settings = await api.getSettings();
  $('server-url').value = settings.serverUrl || DEFAULT_SERVER_URL;
  $('client-id').value = settings.clientId || DEFAULT_CLIENT_ID;
  $('account').hidden = true;
  $('capture-section').hidden = true;
  $('sign-in-section').hidden = false;
}

async function showCapture(username) {
  const { serverUrl } = await api.getSettings();
  $('signed-in-as').textContent = `${username} @ ${serverUrl}`;
  $('account').hidden = false;
  $('sign-in-section').hidden = true;
  $('capture-section').hidden = false;
  await Promise.all([loadStatuses(), captureTab()]);
}

function fillStatuses(statuses) {
  const select = $('status');
  const previous = Number(select.value) || TO_APPLY_STATUS_ID;
  select.replaceChildren(...statuses.map(({ id, value }) => new Option(value, String(id))));
  const wanted = statuses.some((status) => status.id === previous) ? previous : statuses[0]?.id;
  select.value = String(wanted);
}

async function loadStatuses() {
  fillStatuses(SEEDED_STATUSES);
  try {
    fillStatuses(await api.getStatuses());
  } catch (error) {
    await handleFailure(error);
  }
}

async function targetTab() {
  const params = new URLSearchParams(location.search);
  if (params.has('tab')) return chrome.tabs.get(Number(params.get('tab')));
  if (params.has('url')) {
    const wanted = new URL(params.get('url')).href;
    const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url === wanted);
    if (!tab) throw new Error(`No open tab shows ${wanted}`);
    return tab;
  }
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function fillJob(job) {
  $('job-title').value = job.job_title;
  $('company').value = job.company;
  $('location').value = job.location;
  $('job-url').value = job.job_url;
  $('description').value = job.description;
}

async function captureTab() {
  showMessage('none', '');
  showTrackedState('unknown');
  let tab;
  try {
    tab = await targetTab();
    const [injection] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: extractJob });
    fillJob(injection.result);
  } catch (error) {
    // Browser pages (chrome://, the web store) cannot be scripted; the user
    // can still type the job in by hand.
    $('job-url').value = tab?.url ?? '';
    showMessage('error', `Could not read this page (${error.message}). Fill in the fields by hand.`);
  }
  await checkTracked();
}

async function checkTracked() {
  const jobUrl = $('job-url').value.trim();
  if (!jobUrl) return showTrackedState('unknown');
  showTrackedState('checking');
  try {
    const { tracked, jobapp } = await api.checkTracked(jobUrl);
    showTrackedState(tracked ? 'tracked' : 'untracked', jobapp);
  } catch (error) {
    showTrackedState('unknown');
    await handleFailure(error);
  }
}

function formJob() {
  return {
    job_url: $('job-url').value.trim(),
    job_title: $('job-title').value.trim(),
    company: $('company').value.trim(),
    location: $('location').value.trim(),
    description: $('description').value.trim(),
    status_id: Number($('status').value),
  };
}

async function save(event) {
  event.preventDefault();
  $('save').disabled = true;
  showMessage('info', 'Saving…');
  try {
    const { created, jobapp } = await api.capture(formJob());
    showTrackedState('tracked', jobapp);
    showMessage('success', created ? 'Saved' : 'Already tracked');
  } catch (error) {
    await handleFailure(error);
  } finally {
    $('save').disabled = false;
  }
}

// Chrome only shows a permission prompt during a user gesture, so this must be
// called before the sign-in handler awaits anything.
function requestHostAccess(serverUrl) {
  let url;
  try {
    url = new URL(serverUrl);
  } catch {
    return Promise.resolve(true); // signIn reports the bad URL.
  }
  if (BUILT_IN_HOSTS.has(url.hostname)) return Promise.resolve(true);
  return chrome.permissions.request({ origins: [`${url.protocol}//${url.hostname}/*`] }).catch(() => false);
}

function addHostAccessHint(error, granted) {
  if (!granted && error.code === ErrorCodes.NETWORK) {
    error.message += ' Host access was not granted, so the server must allow this extension in its CORS settings.';
  }
  return error;
}

async function signIn(event) {
  event.preventDefault();
  const hostAccess = requestHostAccess($('server-url').value.trim());
  $('sign-in').disabled = true;
  showMessage('info', 'Signing in…');
  let auth;
  try {
    const granted = await hostAccess;
    auth = await api
      .signIn({
        serverUrl: $('server-url').value,
        clientId: $('client-id').value,
        username: $('username').value,
        password: $('password').value,
      })
      .catch((error) => Promise.reject(addHostAccessHint(error, granted)));
  } catch (error) {
    return showError(error);
  } finally {
    $('sign-in').disabled = false;
  }
  $('password').value = '';
  await showCapture(auth.username);
}

async function signOut() {
  try {
    await api.signOut();
    showMessage('info', 'Signed out.');
  } catch (error) {
    showMessage('error', `Signed out on this browser, but the server reported: ${error.message}`);
  }
  showTrackedState('unknown');
  await showSignIn();
}

async function start() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('capture-form').addEventListener('submit', save);
  $('sign-out').addEventListener('click', signOut);
  $('reread').addEventListener('click', () => captureTab());
  $('job-url').addEventListener('change', () => checkTracked());

  const username = await api.currentUser();
  if (username) await showCapture(username);
  else await showSignIn();
}

start()
  .catch(showError)
  .finally(() => {
    document.body.dataset.ready = 'true';
  });
