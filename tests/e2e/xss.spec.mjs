// Hostile input never runs (issue 16): a corpus of XSS payloads through the fields readers fill
// (comment name and text), editors fill (site name, tagline, a "Follow us" address) and imports
// fill (headline, standfirst, body HTML, picture caption, author name, topic name), and the search
// box; then every page that shows them, in a real browser that records anything that runs:
// `window.__xss` set by a payload, a dialog, an uncaught error, a Content-Security-Policy
// violation. Nothing may run, and what people typed must still read as the text they typed.
//
// The spec runs a site of its own (INKURU_SERVER, INKURU_DIST: `cargo xtask test` passes them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { freePort, startServer, stopServer, toComments } from './helpers.mjs';

const BINARY = process.env.INKURU_SERVER;
const DIST = process.env.INKURU_DIST;
const PASSWORD = 'a long enough passphrase';
const SLUG = 'hostile-payloads';

test.skip(!BINARY || !DIST, 'needs INKURU_SERVER and INKURU_DIST (`cargo xtask test` passes them)');
test.use({ serviceWorkers: 'block' });

// Each sets window.__xss if it ever runs.
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3"><circle r=1></svg>',
  '"><script>window.__xss=4</script>',
  "'><img src=/ onerror=window.__xss=5>",
  '</textarea></title><script>window.__xss=6</script>',
  'javascript:window.__xss=7',
  'data:text/html,<script>window.__xss=8</script>',
  '<iframe srcdoc="<script>parent.__xss=9</script>"></iframe>',
  '<a href="javascript:window.__xss=10">click</a>',
  '<math><mi xlink:href="javascript:window.__xss=11">x</mi></math>',
  '<style>body{display:none}</style>',
  '<b><i>broken <u>markup',
  '\u202Eevil.exe\u202C and \u200Fright-to-left',
  `${'A'.repeat(300)}-a-very-long-word`,
];
const TEXT = PAYLOADS.join(' ');

let work;
let server;
let SITE;

/** The desk's session for `name`, signed in from this process. */
async function deskSession() {
  const answer = await fetch(`${SITE}/api/desk/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SITE },
    body: JSON.stringify({ name: 'aline', password: PASSWORD }),
  });
  expect(answer.status).toBe(200);
  return answer.headers.get('set-cookie').split(';')[0];
}

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'inkuru-xss-'));
  const port = await freePort();
  server = await startServer(BINARY, port, DIST, work, ['--write-burst', '500', '--writes-per-minute', '600']);
  SITE = `http://127.0.0.1:${port}`;
  const database = join(work, 'inkuru.db');
  execFileSync(BINARY, ['--database', database, 'editors', 'add', 'aline'], { input: `${PASSWORD}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
  // An import whose every text field carries the corpus.
  const article = {
    type: 'article',
    slug: SLUG,
    section: 'rwanda',
    headline: `Payloads ${PAYLOADS.slice(0, 6).join(' ')}`,
    standfirst: `Standfirst ${TEXT}`,
    author: `Author ${PAYLOADS[1]}`,
    published_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    body_html: `<p>Body ${PAYLOADS.join('</p><p>')}</p><p><a href="javascript:window.__xss=12">a link</a> <img src="https://evil.example/x.png" onerror="window.__xss=13"></p>`,
    image: { alt: `Alt ${PAYLOADS[3]}`, caption: `Caption ${PAYLOADS[2]}` },
    tags: [{ slug: 'hostile', name: `Topic ${PAYLOADS[0]}` }],
  };
  const file = join(work, 'hostile.jsonl');
  writeFileSync(file, `${JSON.stringify(article)}\n`);
  execFileSync(BINARY, ['--database', database, 'import', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  // Readers' comments.
  for (const [i, payload] of PAYLOADS.entries()) {
    const answer = await fetch(`${SITE}/api/articles/${SLUG}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Reader ${i} ${payload}`.slice(0, 80), email: `reader${i}@example.rw`, body: `Comment ${payload}`, composed_ms: 9000 }),
    });
    expect(answer.status, payload).toBe(201);
  }
  // An editor's settings.
  const cookie = await deskSession();
  const settings = await (await fetch(`${SITE}/api/site`)).json();
  settings.name = `Inkuru ${PAYLOADS[0]}`;
  settings.tagline = `Tagline ${PAYLOADS[1]}`;
  // Whole articles in the feeds: the body's HTML goes out to feed readers too.
  settings.feeds_full_content = true;
  settings.follow[0].url = 'https://www.facebook.com/x"><script>window.__xss=14</script>';
  const saved = await fetch(`${SITE}/api/desk/site`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', origin: SITE, cookie },
    body: JSON.stringify(settings),
  });
  expect(saved.status, await saved.text()).toBe(200);
});

test.afterAll(async () => {
  if (server) await stopServer(server);
  rmSync(work, { recursive: true, force: true });
});

/** Records, in the page, everything a payload that ran would leave behind. */
async function watch(page) {
  const found = [];
  page.on('pageerror', (error) => found.push(`error: ${error.message}`));
  page.on('dialog', (dialog) => { found.push(`dialog: ${dialog.message()}`); dialog.dismiss(); });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) found.push(message.text());
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => {
    const left = await page.evaluate(() => ({ xss: window.__xss, violations: window.__violations }));
    if (left.xss !== undefined) found.push(`window.__xss = ${left.xss}`);
    found.push(...left.violations.map((v) => `CSP: ${v}`));
    return found;
  };
}

const PAGES = [
  { name: 'the front page', path: '/' },
  { name: 'the section', path: '/rwanda' },
  { name: 'the search results', path: `/search?q=${encodeURIComponent('Payloads <script>window.__xss=1</script>')}` },
  { name: 'the comments widget', path: `/embed/comments/${SLUG}` },
  { name: 'the headlines widget', path: '/embed/headlines?section=rwanda&pictures=true' },
  { name: 'the Atom feed, opened in the browser', path: '/feeds/atom.xml' },
  { name: 'the RSS feed, opened in the browser', path: '/feeds/sections/rwanda/rss.xml' },
];

for (const { name, path } of PAGES) {
  test(`nothing runs on ${name}`, async ({ page }) => {
    const ran = await watch(page);
    await page.goto(`${SITE}${path}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    expect(await ran()).toEqual([]);
  });
}

test('nothing runs on the article with its comments, and every payload reads as text', async ({ page }) => {
  const ran = await watch(page);
  await page.goto(`${SITE}/articles/${SLUG}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('<script>window.__xss=1</script>');
  await toComments(page);
  const comments = page.locator('section.comments');
  await expect(comments).toContainText('Comment <img src=x onerror="window.__xss=2">');
  await expect(page.locator('main')).toContainText('Standfirst <script>window.__xss=1</script>');
  await expect(page.locator('main')).toContainText('Caption <svg onload="window.__xss=3">');
  await expect(page.locator('main')).toContainText('Topic <script>window.__xss=1</script>');
  // The editor's "Follow us" address is an attribute value, never markup.
  await expect(page.locator('section.follow a', { hasText: 'Facebook' })).toHaveAttribute('href', /window\.__xss=14/);
  await page.waitForTimeout(500);
  expect(await ran()).toEqual([]);
  // Links in the body that named javascript: or data: lost them.
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs.filter((href) => /^\s*(javascript|data):/i.test(href))).toEqual([]);
});

test('nothing runs at the desk, where editors read the same comments with their emails', async ({ page }) => {
  const ran = await watch(page);
  await page.goto(`${SITE}/desk`);
  await page.getByLabel('Name').fill('aline');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Show').selectOption({ label: 'Published' });
  await expect(page.locator('.desk-comment').first()).toBeVisible();
  await expect(page.locator('.desk-comments')).toContainText('Comment <script>window.__xss=1</script>');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Tagline')).toHaveValue('Tagline <img src=x onerror="window.__xss=2">');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.locator('.desk-audit').waitFor();
  await page.waitForTimeout(500);
  expect(await ran()).toEqual([]);
});

test('the feeds carry every payload as text: well-formed, no markup of their own, nothing that runs', async ({ page }) => {
  await page.goto(`${SITE}/feeds/atom.xml`);
  for (const path of ['/feeds/atom.xml', '/feeds/rss.xml', '/feeds/sections/rwanda/atom.xml', '/feeds/topics/hostile/rss.xml']) {
    const found = await page.evaluate(async (address) => {
      const text = await (await fetch(address)).text();
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const titles = [...doc.querySelectorAll('entry > title, item > title')].map((t) => t.textContent);
      return {
        broken: doc.querySelector('parsererror')?.textContent ?? null,
        // Elements a payload would have smuggled in, in any namespace.
        smuggled: [...doc.getElementsByTagName('*')].map((e) => e.localName)
          .filter((name) => ['script', 'img', 'svg', 'iframe', 'math', 'style'].includes(name)),
        titles,
      };
    }, path);
    expect(found.broken, path).toBeNull();
    expect(found.smuggled, path).toEqual([]);
    expect(found.titles, path).toContain(`Payloads ${PAYLOADS.slice(0, 6).join(' ')}`);
  }
  const json = await (await fetch(`${SITE}/feeds/feed.json`)).json();
  const item = json.items.find((i) => i.url.endsWith(`/articles/${SLUG}`));
  expect(item.title).toBe(`Payloads ${PAYLOADS.slice(0, 6).join(' ')}`);
  // The body as HTML for feed readers: the import's sanitised HTML, nothing that runs.
  expect(item.content_html).toContain('Body ');
  const risky = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return [...doc.body.querySelectorAll('*')].flatMap((e) => [
      ...(['script', 'iframe', 'svg', 'math', 'style', 'object', 'embed'].includes(e.localName) ? [e.localName] : []),
      ...[...e.attributes]
        .filter((a) => a.name.startsWith('on') || /^\s*(javascript|data):/i.test(a.value))
        .map((a) => `${e.localName} ${a.name}=${a.value}`),
    ]);
  }, item.content_html);
  expect(risky).toEqual([]);
});
