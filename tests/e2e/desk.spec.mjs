// The editors' desk (issue 15), as an editor and the readers see it: signing in and out, the
// moderation queue, the site's and one article's settings, the audit log; by mouse and by keyboard
// alone, on a phone and a desktop, checked by axe; and its answers (readers' emails, who is signed
// in) never kept in the service worker's caches, which outlive the session.
//
// The spec runs a site of its own (INKURU_SERVER, INKURU_DIST: `cargo xtask test` passes them), and
// adds its editor with `inkuru-server editors add`, as a newsroom would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { appStarted, expectNoAxeViolations, freePort, startServer, stopServer, toComments, watchErrors } from './helpers.mjs';

const BINARY = process.env.INKURU_SERVER;
const DIST = process.env.INKURU_DIST;
const PASSWORD = 'a long enough passphrase';

test.skip(!BINARY || !DIST, 'needs INKURU_SERVER and INKURU_DIST (`cargo xtask test` passes them)');

let work;
let server;
let SITE;

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'inkuru-desk-'));
  const port = await freePort();
  // Readers' write limits as generous as the other test servers': this spec posts five comments
  // and signs in five times from one address within a minute.
  server = await startServer(BINARY, port, DIST, work, ['--write-burst', '500', '--writes-per-minute', '600', '--comments-per-article-per-minute', '100']);
  SITE = `http://127.0.0.1:${port}`;
  for (const name of ['aline', 'bosco']) {
    execFileSync(BINARY, ['--database', join(work, 'inkuru.db'), 'editors', 'add', name], { input: `${PASSWORD}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
  }
  await holdCommentsForReview();
});

/** The site holds readers' comments for review (as bosco, through the desk's API). */
async function holdCommentsForReview() {
  const signedIn = await fetch(`${SITE}/api/desk/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SITE },
    body: JSON.stringify({ name: 'bosco', password: PASSWORD }),
  });
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers.get('set-cookie').split(';')[0];
  const settings = await (await fetch(`${SITE}/api/site`)).json();
  const saved = await fetch(`${SITE}/api/desk/site`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', origin: SITE, cookie },
    body: JSON.stringify({ ...settings, comments: 'moderated' }),
  });
  expect(saved.status).toBe(200);
}

test.afterAll(async () => {
  if (server) await stopServer(server);
  rmSync(work, { recursive: true, force: true });
});

const ARTICLE = 'kigali-jazz-nights-return';

/** Posts a comment as a reader would, from this test's own process (not the editor's browser). */
async function postAsReader(name, body, article = ARTICLE) {
  const answer = await fetch(`${SITE}/api/articles/${article}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, email: `${name.split(' ')[1].toLowerCase()}@example.rw`, body, composed_ms: 9000 }),
  });
  expect(answer.status).toBe(201);
  return answer.json();
}

/** Signs in at the desk's form (on `/desk` already). */
async function signIn(page, password = PASSWORD) {
  await page.getByLabel('Name').fill('aline');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The comments a fresh reader sees on the article. */
async function readersSee(browser) {
  const reader = await browser.newContext({ serviceWorkers: 'block' });
  const page = await reader.newPage();
  await page.goto(`${SITE}/articles/${ARTICLE}`);
  await toComments(page);
  await appStarted(page);
  await page.locator('section.comments').getByText(/./).first().waitFor();
  const text = await page.locator('section.comments').innerText();
  const follow = await page.locator('section.follow a', { hasText: 'Facebook' }).getAttribute('href');
  await reader.close();
  return { text, follow };
}

test.describe.configure({ mode: 'serial' });

test('an editor moderates, changes the settings and signs out in the browser, and readers see it at once', async ({ page, browser }) => {
  test.setTimeout(120000);
  const errors = watchErrors(page);
  await page.goto(`${SITE}/desk`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the desk' })).toBeVisible();
  await expect(page).toHaveTitle(/Editors' desk/);
  await expectNoAxeViolations(page);

  // A wrong password: told plainly, the name kept, the password to type again.
  await signIn(page, 'not the password at all');
  await expect(page.locator('.desk-sign-in [role=status]')).toContainText('That name and password do not match an editor.');
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Name')).toHaveValue('aline');
  await signIn(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation' })).toBeFocused();
  await expect(page.getByText('Signed in as aline')).toBeVisible();
  await expect(page.getByText('Nothing is waiting for review.')).toBeVisible();

  // Settings: as stored (comments held for review), and a new Facebook address.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  await expect(page.getByLabel('Moderated: held until an editor publishes them')).toBeChecked();
  const facebook = page.locator('.desk-follow-row').filter({ has: page.locator('option:checked', { hasText: 'Facebook' }) });
  await facebook.getByLabel('Address').fill('http://not-https.example');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('#site-follow-error')).toContainText('https://');
  await expect(facebook.getByLabel('Address')).toBeFocused();
  await facebook.getByLabel('Address').fill('https://www.facebook.com/inkuru.desk.test');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expectNoAxeViolations(page);
  expect((await readersSee(browser)).follow).toBe('https://www.facebook.com/inkuru.desk.test');

  // Three readers' comments arrive, held.
  const stamp = Date.now();
  const first = await postAsReader('Reader One', `First of three, published. ${stamp}`);
  await postAsReader('Reader Two', `Second of three, rejected. ${stamp}`);
  await postAsReader('Reader Three', `Third of three, spam. ${stamp}`);
  expect(first.status).toBe('held');
  await page.getByRole('link', { name: /Moderation/ }).click();
  await expect(page.getByRole('link', { name: 'Moderation 3 awaiting review' })).toBeVisible();
  await expect(page.locator('.desk-comment')).toHaveCount(3);
  await expect(page.locator('.desk-comment').first()).toContainText('three@example.rw');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Publish: the comment by Reader One' }).click();
  await expect(page.locator('.desk-notice')).toHaveText('1 comment published.');
  await expect(page.getByRole('link', { name: 'Moderation 2 awaiting review' })).toBeVisible();
  expect((await readersSee(browser)).text).toContain(`First of three, published. ${stamp}`);

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Reject: the comment by Reader Two' }).click();
  await expect(page.locator('.desk-notice')).toHaveText('1 comment rejected.');
  await page.getByRole('button', { name: 'Mark as spam: the comment by Reader Three' }).click();
  await expect(page.locator('.desk-notice')).toHaveText('1 comment marked as spam.');
  await expect(page.getByText('Nothing is waiting for review.')).toBeVisible();
  await page.getByLabel('Show').selectOption({ label: 'Spam' });
  await expect(page).toHaveURL(/state=spam/);
  await expect(page.locator('.desk-comment')).toHaveCount(1);
  await expect(page.locator('.desk-comment')).toContainText(`Third of three, spam. ${stamp}`);
  const seen = (await readersSee(browser)).text;
  expect(seen).not.toContain('Second of three');
  expect(seen).not.toContain('Third of three');

  // Comments closed on the article.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Article address').fill(`${SITE}/articles/${ARTICLE}`);
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.locator('.desk-found')).toContainText('takes new comments.');
  await page.getByRole('button', { name: 'Close comments' }).click();
  await expect(page.locator('.desk-article [role=status]')).toContainText('is now closed to new comments.');
  expect((await readersSee(browser)).text).toContain('Comments are closed on this article.');

  // The audit log says who did all that.
  await page.getByRole('link', { name: 'Audit log' }).click();
  const log = page.locator('.desk-audit tbody');
  await expect(log.locator('tr').first()).toContainText('close comments');
  for (const action of ['publish', 'reject', 'spam', 'change', 'sign in']) {
    await expect(log.locator('tr', { hasText: action }).first()).toContainText('aline');
  }
  await expectNoAxeViolations(page);

  // Signed out: the form again, and nothing of the desk answers this browser any more.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the desk' })).toBeFocused();
  await expect(page.getByText('You are signed out.')).toBeVisible();
  expect(await page.evaluate(async () => (await fetch('/api/desk/comments')).status)).toBe(401);
  expect(errors).toEqual([]);
});

test('the desk works by keyboard alone on a phone, and says when the session has ended', async ({ page, browser }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const errors = watchErrors(page);
  const stamp = Date.now();
  // Another article than the first test's, which closes its own to comments.
  await postAsReader('Reader Four', `Held for the keyboard. ${stamp}`, 'amavubi-win-qualifier');
  await postAsReader('Reader Five', `Also held for the keyboard. ${stamp}`, 'amavubi-win-qualifier');
  await page.goto(`${SITE}/desk`);
  await page.getByLabel('Name').waitFor();
  await page.keyboard.press('Tab');
  for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.id === 'desk-name')); i += 1) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('aline');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation' })).toBeFocused();
  await expect(page.locator('.desk-comment')).toHaveCount(2);
  await expectNoAxeViolations(page);

  // Tab to the newest comment's Publish button, press Enter: focus moves to the comment that
  // took its place.
  const publish = page.getByRole('button', { name: 'Publish: the comment by Reader Five' });
  for (let i = 0; i < 40 && !(await publish.evaluate((b) => b === document.activeElement)); i += 1) {
    await page.keyboard.press('Tab');
  }
  await expect(publish).toBeFocused();
  const ring = await publish.evaluate((b) => getComputedStyle(b).outlineStyle);
  expect(ring).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('.desk-notice')).toHaveText('1 comment published.');
  await expect(page.getByRole('heading', { level: 2, name: 'Reader Four' })).toBeFocused();

  // The session ends elsewhere (signed out in another tab): the next action brings the form back.
  await page.evaluate(async () => fetch('/api/desk/session', { method: 'DELETE' }));
  await page.getByRole('button', { name: 'Publish: the comment by Reader Four' }).click();
  await expect(page.getByText('Your session has ended. Sign in again to go on.')).toBeVisible();
  await expect(page.getByLabel('Name')).toBeVisible();
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test('the service worker keeps no desk answer, while it keeps the readers\' ones', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(`${SITE}/articles/kigali-jazz-nights-return`);
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return !!navigator.serviceWorker.controller;
  }, null, { timeout: 20000 });
  const statuses = await page.evaluate(async (password) => {
    const signIn = await fetch('/api/desk/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bosco', password }),
    });
    const who = await fetch('/api/desk/session');
    const queue = await fetch('/api/desk/comments');
    const site = await fetch('/api/site');
    return [signIn.status, who.status, queue.status, site.status];
  }, PASSWORD);
  expect(statuses).toEqual([200, 200, 200, 200]);
  const kept = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(kept).toContain('/api/site');
  expect(kept.filter((path) => path.startsWith('/api/desk/'))).toEqual([]);
  await context.close();
});

test('a reader never downloads the desk: not its code, not its styles, not even ahead of time', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  const fetched = [];
  context.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto(`${SITE}/articles/${ARTICLE}`);
  await appStarted(page);
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return !!navigator.serviceWorker.controller;
  }, null, { timeout: 20000 });
  // Every other chunk is compiled ahead when the page is idle, and precached by the worker.
  await expect.poll(() => fetched.filter((path) => /inkuru-article_page-.*\.wasm$/.test(path)).length, { timeout: 20000 }).toBeGreaterThan(0);
  await expect.poll(() => fetched.filter((path) => /inkuru-search_page-.*\.wasm$/.test(path)).length, { timeout: 20000 }).toBeGreaterThan(0);
  const precached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(precached.some((path) => path.includes('search_page'))).toBe(true);
  expect([...fetched, ...precached].filter((path) => path.includes('desk'))).toEqual([]);
  await context.close();
});
