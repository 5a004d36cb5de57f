// Chromium through playwright-core (no browser download: Debian's chromium),
// one fresh profile per launch, and a page that records every console error
// and uncaught exception so a test can fail on them.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SOURCE_ROOT } from './server.mjs';

const require = createRequire(path.join(SOURCE_ROOT, 'web/package.json'));
const { chromium } = require('playwright-core');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(SOURCE_ROOT, 'build/e2e-screenshots');

export async function launch() {
  const profile = mkdtempSync(path.join(tmpdir(), 'pineal-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const LOAD_FAILED = /^Failed to load resource: the server responded with a status of (\d+)/;

// A page whose console errors and page errors are collected. A failed API
// call that the test provokes on purpose (a 400 for bad input) is logged by
// Chromium as a console error too; the test announces it with allowHttpError.
export async function openPage(context, server) {
  const page = await context.newPage();
  const problems = [];
  const allowed = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const hit = LOAD_FAILED.exec(m.text());
    if (hit) {
      const i = allowed.findIndex((statuses) => statuses.includes(Number(hit[1])));
      if (i >= 0) {
        allowed.splice(i, 1);
        return;
      }
    }
    problems.push(`console error: ${m.text()} (${m.location()?.url ?? ''})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Requests still on the wire. A test's own reload or page.goto cancels
  // them (net::ERR_ABORTED), so goto waits for them first; a request that
  // fails after that is the app's problem.
  const inFlight = new Set();
  page.on('request', (r) => inFlight.add(r));
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => {
    inFlight.delete(r);
    if (!r.url().startsWith('data:')) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  const settle = async () => {
    for (let waited = 0; inFlight.size > 0; waited += 20) {
      if (waited > 10000) throw new Error(`requests still open after 10 s: ${[...inFlight].map((r) => r.url()).join(', ')}`);
      await page.waitForTimeout(20);
    }
  };
  const s = {
    page,
    problems,
    // One failed request with any of these statuses is expected.
    allowHttpError(...statuses) { allowed.push(statuses); },
    // Every recorded problem fails the test.
    assertClean() {
      assert.deepEqual(problems, [], `the page logged errors:\n${problems.join('\n')}`);
    },
    // Opens a route and waits until the app has rendered it (or what the
    // app sent the user to instead, such as the login page).
    async goto(hashPath) {
      const target = `${server.url}/#${hashPath}`;
      const before = await page.evaluate(() => Number(document.body?.dataset.renders ?? 0)).catch(() => 0);
      // The same URL again is no navigation at all: load the page anew.
      const fresh = !page.url().startsWith(server.url) || page.url() === target;
      await settle();
      if (page.url() === target) await page.reload();
      else await page.goto(target);
      await page.waitForFunction((n) => Number(document.body.dataset.renders ?? 0) > n, fresh ? 0 : before);
    },
  };
  return s;
}

// Logs in through the login page when the server has accounts.
export async function login(s, server) {
  if (!server.login) return;
  await s.goto('/login');
  await s.page.getByLabel('Username').fill(server.login.username);
  await s.page.getByLabel('Password').fill(server.login.password);
  await s.page.getByRole('button', { name: 'Log in' }).click();
  await s.page.waitForURL(/#\/(patients|checkin)/);
}

export async function screenshot(page, name, opts = {}) {
  mkdirSync(SHOTS, { recursive: true });
  // Let charts draw (they are made on the frame after layout).
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, ...opts });
}

// JSON from the API with the page's session (cookies), for checks that the
// UI did, or did not, change a record.
// A paged list (one with next_cursor) is followed to its end, so a test sees
// the whole list whatever the page size.
export async function apiGet(s, server, apiPath) {
  const r = await s.page.context().request.get(`${server.url}/api/v1${apiPath}`);
  assert.equal(r.status(), 200, `GET ${apiPath}: ${r.status()} ${await r.text()}`);
  const body = await r.json();
  if (typeof body?.next_cursor !== 'string') return body;
  const sep = apiPath.includes('?') ? '&' : '?';
  const rest = await apiGet(s, server, `${apiPath.replace(/[?&]cursor=[^&]*/, '')}${sep}cursor=${encodeURIComponent(body.next_cursor)}`);
  return { ...body, items: [...body.items, ...rest.items], next_cursor: null };
}

// Writes through the API, as a script would; used to set up a scene.
export async function apiPost(s, server, apiPath, body) {
  const csrf = await s.page.evaluate(() => sessionStorage.getItem('pineal.csrf')).catch(() => null);
  const headers = { 'Content-Type': 'application/json' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const r = await s.page.context().request.post(`${server.url}/api/v1${apiPath}`, { data: body, headers });
  assert.ok(r.status() < 300, `POST ${apiPath}: ${r.status()} ${await r.text()}`);
  return r.json();
}

// Logs in as a named account through the login page; `lands` is where the
// app should send that account (an administrator lands on #/admin).
export async function loginAs(s, username, password, lands = /#\/(patients|checkin|admin)/) {
  await s.goto('/login');
  await s.page.getByLabel('Username').fill(username);
  await s.page.getByLabel('Password').fill(password);
  await s.page.getByRole('button', { name: 'Log in' }).click();
  await s.page.waitForURL(lands);
  await s.page.waitForFunction(() => !location.hash.startsWith('#/login') && document.querySelector('main h1') !== null);
}

// Logs out with the header's button and waits for the login page.
export async function logout(s) {
  await s.page.locator('#session').getByRole('button', { name: 'Log out' }).click();
  await s.page.waitForURL(/#\/login/);
}
