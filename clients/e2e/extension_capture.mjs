// Browser end-to-end test: Debian's Chromium loads the unpacked extension, the real popup signs
// in to a running JobHax server and captures a job posting served on loopback, then the test
// finds the application through the API and checks that the popup now says it is tracked.
//
//   BASE_URL=http://127.0.0.1:8000 node clients/e2e/extension_capture.mjs
//
// Needs a running server with the development OAuth clients (clients/postman/run.sh starts one
// and runs this). CHROMIUM overrides the browser binary. Without Chromium the test is skipped
// (exit 0) unless CI=true, where it fails.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
// Chromium resolves symlinks before naming the extension after its path.
const EXTENSION_DIR = realpathSync(resolve(HERE, '../extension'));
const FIXTURE = join(EXTENSION_DIR, 'test/fixtures/job_posting.html');
const BASE_URL = (process.env.BASE_URL || '').replace(/\/+$/, '');
const WEB_CLIENT_ID = process.env.DEV_OAUTH_CLIENT_ID || 'jobhax-dev-client';
const WEB_CLIENT_SECRET = process.env.DEV_OAUTH_CLIENT_SECRET || 'jobhax-dev-secret';
const EXTENSION_CLIENT_ID = process.env.EXTENSION_OAUTH_CLIENT_ID || 'jobhax-extension';
const STEP_TIMEOUT_MS = 20_000;

function findChromium() {
  if (process.env.CHROMIUM) return existsSync(process.env.CHROMIUM) ? process.env.CHROMIUM : null;
  for (const name of ['chromium', 'chromium-browser']) {
    for (const dir of (process.env.PATH || '').split(delimiter)) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

// Chromium names an unpacked extension after its absolute path: the first 32 hex digits of the
// path's SHA-256, written with the letters a-p instead of 0-f.
function unpackedExtensionId(path) {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

async function api(method, path, { body, token } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const envelope = await response.json();
  assert.equal(envelope.error_code, 0, `${method} ${path}: ${response.status} ${JSON.stringify(envelope)}`);
  return envelope.data;
}

// The fixture page on a loopback port (any path serves it, so the URL can carry tracking
// parameters the extension must strip).
async function serveFixture() {
  const html = readFileSync(FIXTURE);
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  return server;
}

async function openPopup(context, extensionId, pageUrl) {
  const popup = await context.newPage();
  popup.setDefaultTimeout(STEP_TIMEOUT_MS);
  popup.on('console', (message) => {
    if (message.type() === 'error') console.log(`  [popup console] ${message.text()}`);
  });
  popup.on('pageerror', (error) => console.log(`  [popup error] ${error.message}`));
  await popup.goto(`chrome-extension://${extensionId}/popup.html?url=${encodeURIComponent(pageUrl)}`);
  await popup.waitForSelector('body[data-ready="true"]');
  return popup;
}

async function main() {
  const executablePath = findChromium();
  if (!executablePath) {
    const reason = 'Chromium is not installed (apt-get install -y chromium chromium-driver)';
    if (process.env.CI === 'true') throw new Error(`${reason}; CI=true, so this is a failure`);
    console.log(`SKIPPED: ${reason}`);
    return;
  }
  assert.ok(BASE_URL, 'set BASE_URL to the running JobHax server, e.g. http://127.0.0.1:8000');

  // A fresh user, registered through the API like any other client would.
  const suffix = randomBytes(4).toString('hex');
  const username = `e2e_${suffix}`;
  const password = `Extension-e2e-${suffix}!`;
  await api('POST', '/api/users/register', {
    body: {
      first_name: 'Erin', last_name: 'Extension', username, email: `${username}@example.com`,
      password, password2: password,
    },
  });

  const fixtureServer = await serveFixture();
  const fixtureOrigin = `http://127.0.0.1:${fixtureServer.address().port}`;
  const pageUrl = `${fixtureOrigin}/careers/acme-robotics/senior-platform-engineer?utm_source=e2e&gh_src=abc`;
  const expectedJobUrl = `${fixtureOrigin}/careers/acme-robotics/senior-platform-engineer`;

  const profile = mkdtempSync(join(tmpdir(), 'jobhax-e2e-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: false, // --headless=new below: the headless mode that runs extensions
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`,
      ],
      timeout: 60_000,
    });
    const extensionId = unpackedExtensionId(EXTENSION_DIR);
    console.log(`chromium ${context.browser()?.version() ?? ''} ${executablePath}; extension ${extensionId}`);

    // The job posting in one tab...
    const jobPage = context.pages()[0] ?? (await context.newPage());
    await jobPage.goto(pageUrl);
    assert.equal(await jobPage.title(), 'Senior Platform Engineer - Acme Robotics Careers');

    // ...the popup in another, told which tab to capture.
    let popup = await openPopup(context, extensionId, pageUrl);
    assert.equal(await popup.isVisible('#sign-in-section'), true, 'a new profile shows the sign-in form');
    assert.equal(await popup.inputValue('#client-id'), EXTENSION_CLIENT_ID, 'client id prefilled');
    await popup.fill('#server-url', BASE_URL);
    await popup.fill('#client-id', EXTENSION_CLIENT_ID);
    await popup.fill('#username', username);
    await popup.fill('#password', password);
    await popup.click('#sign-in');

    await popup.waitForSelector('#tracked-state[data-state="untracked"]');
    assert.equal((await popup.textContent('#tracked-state')).trim(), 'Not tracked yet');
    assert.match(await popup.textContent('#signed-in-as'), new RegExp(`^${username} @ `));
    assert.equal(await popup.inputValue('#job-title'), 'Senior Platform Engineer');
    assert.equal(await popup.inputValue('#company'), 'Acme Robotics');
    assert.equal(await popup.inputValue('#location'), 'Berlin, Germany');
    assert.equal(await popup.inputValue('#job-url'), expectedJobUrl);
    assert.equal(await popup.inputValue('#status'), '2', 'To Apply by default');
    console.log('popup: signed in, read the posting, "Not tracked yet"');

    await popup.click('#save');
    await popup.waitForSelector('#message[data-kind="success"]');
    assert.equal((await popup.textContent('#message')).trim(), 'Saved');
    assert.equal(await popup.getAttribute('#tracked-state', 'data-state'), 'tracked');
    console.log('popup: Save -> "Saved"');

    // The application exists, seen through the API as this user.
    const token = await api('POST', '/api/users/login', {
      body: { client_id: WEB_CLIENT_ID, client_secret: WEB_CLIENT_SECRET, username, password },
    });
    const jobapps = await api('GET', '/api/jobapps/get_jobapps', { token: token.access_token });
    assert.equal(jobapps.length, 1, JSON.stringify(jobapps));
    const [jobapp] = jobapps;
    assert.equal(jobapp.jobTitle, 'Senior Platform Engineer');
    assert.equal(jobapp.company, 'Acme Robotics');
    assert.deepEqual(jobapp.applicationStatus, { id: 2, value: 'To Apply' });
    assert.equal(jobapp.jobUrl, expectedJobUrl);
    assert.equal(jobapp.location, 'Berlin, Germany');
    console.log(`api: get_jobapps has #${jobapp.id} "${jobapp.jobTitle}" at ${jobapp.company}, To Apply`);

    // Reopened, the popup (still signed in) says the job is tracked.
    await popup.close();
    popup = await openPopup(context, extensionId, pageUrl);
    await popup.waitForSelector('#tracked-state[data-state="tracked"]');
    assert.equal((await popup.textContent('#tracked-state')).trim(), 'Already tracked (status To Apply)');
    await popup.click('#save');
    await popup.waitForSelector('#message[data-kind="success"]');
    assert.equal((await popup.textContent('#message')).trim(), 'Already tracked');
    const again = await api('GET', '/api/jobapps/get_jobapps', { token: token.access_token });
    assert.equal(again.length, 1, 'saving a tracked posting again creates nothing');
    console.log('popup reopened: "Already tracked (status To Apply)"; Save again -> "Already tracked"');
  } finally {
    await context?.close().catch(() => {});
    fixtureServer.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log('PASSED: extension capture end to end');
}

const watchdog = setTimeout(() => {
  console.error('FAILED: the browser test took more than 3 minutes');
  process.exit(1);
}, 180_000);
watchdog.unref();

main().catch((error) => {
  console.error(`FAILED: ${error.stack || error}`);
  process.exit(1);
});
