// Partner widgets on someone else's page (issue 14): the headlines widget on a partner's page
// with a strict CSP (nonces, Trusted Types) and hostile CSS, sized to its content, themed by
// attributes, re-pointed without reloading, refused on a page that is not a partner's.
//
// The spec runs a site of its own (INKURU_SERVER, INKURU_DIST: `cargo xtask test` passes them)
// whose partner list names one loopback origin, and serves the partner's pages from that origin
// and from another one that is not on the list.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { freePort, startServer, stopServer } from './helpers.mjs';

const BINARY = process.env.INKURU_SERVER;
const DIST = process.env.INKURU_DIST;
const NONCE = 'n0nce4partner';

test.skip(!BINARY || !DIST, 'needs INKURU_SERVER and INKURU_DIST (`cargo xtask test` passes them)');

/** Pages the partner origins serve, by path (both origins serve the same ones). */
const PAGES = new Map();
let SITE;
let PARTNER;
let STRANGER;
let DEMO;
let work;
let siteServer;
const hosts = [];

/** An HTTP server on loopback that answers with PAGES. */
async function pageServer() {
  const port = await freePort();
  const server = createServer((request, response) => {
    const page = PAGES.get(new URL(request.url, 'http://x').pathname);
    if (!page) { response.writeHead(404).end(); return; }
    response.writeHead(page.status, { 'content-type': page.contentType, ...page.headers }).end(page.body);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  hosts.push(server);
  return `http://127.0.0.1:${port}`;
}

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'inkuru-widgets-'));
  const [port, demoPort] = [await freePort(), await freePort()];
  siteServer = await startServer(BINARY, port, DIST, work, ['--partner-demo-port', String(demoPort)]);
  SITE = `http://127.0.0.1:${port}`;
  DEMO = `http://127.0.0.1:${demoPort}`;
  PARTNER = await pageServer();
  STRANGER = await pageServer();
  // The newsroom puts the partner on the list, as an editor's settings file would.
  const settings = await (await fetch(`${SITE}/api/site`)).json();
  writeFileSync(join(work, 'site.jsonl'), `${JSON.stringify({ type: 'site', ...settings, partner_origins: [PARTNER, DEMO] })}\n`);
  execFileSync(BINARY, ['--database', join(work, 'inkuru.db'), 'import', join(work, 'site.jsonl')], { stdio: 'ignore' });
});

test.afterAll(async () => {
  for (const server of hosts) server.close();
  if (siteServer) await stopServer(siteServer);
  rmSync(work, { recursive: true, force: true });
});

/** A partner's page around `body`, with `css` and the strictest CSP that still lets Inkuru in. */
function partnerPage(site, { body, css = '', frames = '' }) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A partner's news</title>
<style nonce="${NONCE}">${css}</style>
<script nonce="${NONCE}">
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
</script>
<script src="${site}/widgets.js" async></script>
</head><body><main><h1>Partner news</h1><p>The partner's own story.</p>${body}</main></body></html>`;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${NONCE}' ${site}`,
    `style-src 'nonce-${NONCE}'`,
    `frame-src ${site}${frames}`,
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
  return { status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': csp }, body: html };
}

const HOSTILE_CSS = `
  * { all: revert; font-size: 40px !important }
  iframe { height: 0 !important; display: none !important }
  div { display: none !important }
  inkuru-headlines { display: none !important; height: 0 !important }`;

/** Serves `answer` at `path` on the partner origins. */
function host(path, answer) {
  PAGES.set(path, answer);
}

/** The widget's frame, once it has painted and been shown. */
async function shownFrame(page) {
  const frameElement = page.locator('inkuru-headlines iframe:not(.waiting)');
  await expect(frameElement).toBeVisible({ timeout: 15000 });
  return frameElement;
}

test('the headlines widget shows on a strict, hostile partner page, sized to its content', async ({ page }) => {
  const site = SITE;
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  host('/hostile', partnerPage(site, {
    css: HOSTILE_CSS,
    body: `<inkuru-headlines section="news" count="3"><a href="${site}/news">News from Inkuru</a></inkuru-headlines>`,
  }));
  await page.goto(`${PARTNER}/hostile`);
  const frameElement = await shownFrame(page);
  const frame = page.frameLocator('inkuru-headlines iframe');
  await expect(frame.locator('article.card')).toHaveCount(3);
  await expect(frame.getByRole('heading', { level: 2 }).first()).toHaveText('News');

  // No inner scrollbar, nothing clipped: the frame is as tall as its document, within a pixel.
  const frameHandle = await frameElement.elementHandle();
  const inner = await frameHandle.contentFrame();
  const content = await inner.evaluate(() => document.documentElement.getBoundingClientRect().height);
  const box = await frameElement.boundingBox();
  expect(Math.abs(box.height - content)).toBeLessThanOrEqual(1);
  expect(await inner.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);

  // A late font change in the frame (the partner's font) changes the height; the frame follows.
  await page.locator('inkuru-headlines').evaluate((el) => el.setAttribute('font', 'Georgia, serif'));
  await page.locator('inkuru-headlines').evaluate((el) => el.setAttribute('pictures', ''));
  await page.locator('inkuru-headlines').evaluate((el) => el.setAttribute('section', 'sport'));
  await expect(frame.getByRole('heading', { level: 2 }).first()).toHaveText('Sport');
  await expect(frame.locator('article.card img').first()).toBeVisible();
  await expect.poll(async () => {
    const height = await inner.evaluate(() => document.documentElement.getBoundingClientRect().height);
    return Math.abs((await frameElement.boundingBox()).height - height);
  }).toBeLessThanOrEqual(1);

  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(consoleErrors.filter((e) => /Content Security Policy|Trusted Type/i.test(e))).toEqual([]);
});

test('the widget follows its attributes without reloading the frame, in the partner\'s colours', async ({ page }) => {
  const site = SITE;
  host('/dark', partnerPage(site, {
    css: 'body { background: #101010; color: #eee }',
    body: '<inkuru-headlines section="news" count="2" theme="dark" accent="#f5a623"></inkuru-headlines>',
  }));
  await page.goto(`${PARTNER}/dark`);
  const frameElement = await shownFrame(page);
  const inner = await (await frameElement.elementHandle()).contentFrame();
  // One colour scheme for the frame element and its document, so no opaque backdrop is painted.
  expect(await frameElement.evaluate((f) => f.style.colorScheme)).toBe('dark');
  expect(await inner.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
  const background = await inner.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = background.match(/\d+/g).map(Number);
  expect(r + g + b, `a dark frame, not ${background}`).toBeLessThan(200);
  // The partner's accent, mixed towards white on the dark palette so it still reads.
  expect(await inner.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim())).toBe('color-mix(in srgb,#f5a623 45%,white)');

  await inner.evaluate(() => { window.__sameDocument = true; });
  await page.locator('inkuru-headlines').evaluate((el) => { el.setAttribute('theme', 'light'); el.setAttribute('count', '4'); });
  await expect(inner.locator('article.card')).toHaveCount(4);
  expect(await inner.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light');
  expect(await inner.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim())).toBe('#f5a623');
  expect(await frameElement.evaluate((f) => f.style.colorScheme)).toBe('light');
  expect(await inner.evaluate(() => window.__sameDocument)).toBe(true);
});

test('a page that is not a partner\'s gets a clear refusal, and the links stay', async ({ page }) => {
  const site = SITE;
  host('/refused', partnerPage(site, {
    body: `<inkuru-headlines section="news"><a href="${site}/news">News from Inkuru</a></inkuru-headlines>`,
  }));
  await page.goto(`${STRANGER}/refused`);
  await expect(page.getByRole('status')).toContainText('this page is not on', { timeout: 15000 });
  await expect(page.getByRole('link', { name: 'News from Inkuru' })).toBeVisible();
  await expect(page.locator('inkuru-headlines iframe:not(.waiting)')).toHaveCount(0);
});

test('forged messages from another frame change nothing', async ({ page }) => {
  const site = SITE;
  host('/forged', partnerPage(site, {
    body: '<inkuru-headlines section="news" count="2"></inkuru-headlines><iframe title="An ad" src="/ad"></iframe>',
    frames: " 'self'",
  }));
  host('/ad', { status: 200, contentType: 'text/html', headers: {}, body: '<p>ad</p>' });
  await page.goto(`${PARTNER}/forged`);
  const frameElement = await shownFrame(page);
  const before = (await frameElement.boundingBox()).height;
  const ad = page.frame({ url: `${PARTNER}/ad` });
  await ad.evaluate(() => {
    const forged = { inkuru: 1, type: 'painted', height: 5 };
    window.parent.postMessage(forged, '*');
    for (let i = 0; i < window.parent.length; i += 1) {
      const frame = window.parent[i];
      const channel = new MessageChannel();
      frame.postMessage({ inkuru: 1, type: 'connect' }, '*', [channel.port2]);
      channel.port1.postMessage({ inkuru: 1, type: 'show', query: { section: 'sport' } });
      frame.postMessage({ inkuru: 1, type: 'show', query: { section: 'sport' } }, '*');
    }
  });
  await page.waitForTimeout(1000);
  expect(Math.abs((await frameElement.boundingBox()).height - before)).toBeLessThanOrEqual(1);
  const inner = await (await frameElement.elementHandle()).contentFrame();
  await expect(inner.getByRole('heading', { level: 2 }).first()).toHaveText('News');
});

test('a partner page that is an app: 50 navigations leave one frame, and defining twice is harmless', async ({ page }) => {
  const site = SITE;
  host('/app', partnerPage(site, { body: '<div id="app"></div>' }));
  await page.goto(`${PARTNER}/app`);
  await page.waitForFunction(() => customElements.get('inkuru-headlines'));
  // The snippet pasted twice: a second copy of the loader runs and must change nothing.
  await page.evaluate((src) => new Promise((resolve, reject) => {
    const again = document.createElement('script');
    again.src = src;
    again.onload = resolve;
    again.onerror = reject;
    document.head.append(again);
  }), `${site}/widgets.js`).catch(() => { /* the partner's CSP may refuse a second copy: harmless too */ });
  for (let i = 0; i < 50; i += 1) {
    await page.evaluate((n) => {
      const app = document.getElementById('app');
      const widget = document.createElement('inkuru-headlines');
      widget.setAttribute('section', n % 2 ? 'news' : 'sport');
      widget.setAttribute('count', '2');
      app.replaceChildren(widget);
    }, i);
  }
  await shownFrame(page);
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('inkuru-headlines').length)).toBe(1);
  await expect.poll(() => page.frames().filter((f) => f.url().includes('/embed/headlines')).length).toBe(1);
});

test('the widget works by keyboard, and axe finds nothing in the page or the frame', async ({ page }) => {
  const site = SITE;
  host('/keyboard', partnerPage(site, { body: '<inkuru-headlines section="news" count="2"></inkuru-headlines>' }));
  await page.goto(`${PARTNER}/keyboard`);
  await shownFrame(page);
  const inner = page.frameLocator('inkuru-headlines iframe');
  await page.keyboard.press('Tab');
  await expect(inner.getByRole('link', { name: 'News', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(inner.locator('article.card a').first()).toBeFocused();
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', 'experimental'])
    .analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes[0]?.target?.join(' ')}`)).toEqual([]);
});

test('the demo partner page (cargo xtask serve) shows both widgets under its strict policy', async ({ page }) => {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${DEMO}/`);
  const policy = (await page.request.get(`${DEMO}/`)).headers()['content-security-policy'];
  expect(policy).toContain("require-trusted-types-for 'script'");
  expect(policy).not.toContain('unsafe-inline');
  await shownFrame(page);
  await expect(page.frameLocator('inkuru-headlines iframe').locator('article.card')).toHaveCount(4);
  // Both widgets: the comments further down, once the reader gets near them.
  await page.locator('inkuru-comments').scrollIntoViewIfNeeded();
  await expect(page.frameLocator('inkuru-comments iframe').locator('section.comments')).toBeVisible({ timeout: 20000 });
  expect(errors).toEqual([]);
});

test('an article\'s oEmbed card works in a WordPress-style sandboxed frame and reports its height', async ({ page }) => {
  const article = `${SITE}/articles/rwandan-chefs-win-in-brussels`;
  const answer = await (await fetch(`${SITE}/oembed?url=${encodeURIComponent(article)}&format=json&maxwidth=500`)).json();
  expect(answer.type).toBe('rich');
  const src = answer.html.match(/src="([^"]+)"/)[1];
  // What WordPress makes of a provider's html: the frame alone, sandboxed to scripts, with a
  // secret on its address that the height messages must carry.
  host('/wordpress', partnerPage(SITE, {
    body: `<iframe sandbox="allow-scripts" src="${src}#?secret=s3cr3t" data-secret="s3cr3t" width="${answer.width}" height="${answer.height}" title="${answer.title}"></iframe>`,
  }));
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(() => {
    window.__heights = [];
    window.addEventListener('message', (event) => {
      if (event.data?.secret === 's3cr3t' && event.data.message === 'height') window.__heights.push(event.data.value);
    });
  });
  await page.goto(`${STRANGER}/wordpress`);
  await expect.poll(() => page.evaluate(() => window.__heights.length), { timeout: 10000 }).toBeGreaterThan(0);
  const card = page.frameLocator('iframe[data-secret]');
  await expect(card.getByRole('heading', { level: 2 })).toHaveText(answer.title);
  const reported = await page.evaluate(() => window.__heights.at(-1));
  expect(reported).toBeGreaterThan(200);
  expect(reported).toBeLessThan(1200);
  expect(errors).toEqual([]);
});

test('once the loader runs, the page around the widget hardly moves while it loads (layout shift under 0.1)', async ({ page }) => {
  host('/shift', partnerPage(SITE, {
    css: 'main { max-width: 40rem; margin: 0 auto; font: 18px/1.5 serif }',
    body: `<inkuru-headlines section="news" count="3"><a href="${SITE}/news">News from Inkuru</a></inkuru-headlines>
      <h2>More from the partner</h2><p>${'The partner\'s own text continues under the widget. '.repeat(20)}</p>`,
  }));
  // Shifts are counted from two frames after the loader has defined the element and reserved the
  // widget's estimated height: before it runs, only the partner's own CSS can reserve space
  // (docs/widgets.md says how).
  await page.addInitScript(() => {
    window.__shift = 0;
    let counting = false;
    customElements.whenDefined('inkuru-headlines').then(() => requestAnimationFrame(() => requestAnimationFrame(() => { counting = true; })));
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (counting && !entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.setViewportSize({ width: 900, height: 1400 });
  await page.goto(`${PARTNER}/shift`);
  await shownFrame(page);
  await page.waitForTimeout(500);
  const shift = await page.evaluate(() => window.__shift);
  expect(shift).toBeLessThan(0.1);
});

test('the comments widget: the app\'s comments on a partner page, posting by keyboard, kept after a reload', async ({ page }) => {
  const slug = 'kigali-jazz-nights-return';
  const policyErrors = [];
  page.on('console', (m) => { if (/Content Security Policy|Trusted Type/i.test(m.text())) policyErrors.push(m.text()); });
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  host('/comments', partnerPage(SITE, { body: `<inkuru-comments article="${slug}"><a href="${SITE}/articles/${slug}">Comments on Inkuru</a></inkuru-comments>` }));
  await page.goto(`${PARTNER}/comments`);
  const frameElement = page.locator('inkuru-comments iframe:not(.waiting)');
  await expect(frameElement).toBeVisible({ timeout: 20000 });
  const frame = page.frameLocator('inkuru-comments iframe');
  await expect(frame.locator('section.comments')).toBeVisible();
  expect(await page.evaluate(() => window.__violations)).toEqual([]);

  // By keyboard: open the form, fill it in, send.
  const open = frame.getByRole('button', { name: 'Leave your comment' });
  await open.focus();
  await page.keyboard.press('Enter');
  const words = `From a partner's page, by keyboard. ${Date.now()}`;
  await frame.getByLabel('Your name').focus();
  await page.keyboard.type('Partner reader');
  await page.keyboard.press('Tab');
  await page.keyboard.type('reader@partner.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type(words);
  await frame.getByRole('button', { name: 'Post comment' }).focus();
  await page.waitForTimeout(3000); // the form refuses comments written faster than a person could
  await page.keyboard.press('Enter');
  await expect(frame.getByText(words)).toBeVisible({ timeout: 15000 });

  // The frame grew with it: still no inner scrollbar.
  const inner = await (await frameElement.elementHandle()).contentFrame();
  await expect.poll(async () => {
    const height = await inner.evaluate(() => document.documentElement.getBoundingClientRect().height);
    return Math.abs((await frameElement.boundingBox()).height - height);
  }).toBeLessThanOrEqual(1);

  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', 'experimental'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes[0]?.target?.join(' ')}`)).toEqual([]);

  // The frame loads what it shows: no other page's code, no service worker.
  expect(requested.filter((path) => /inkuru-(home|section|search|saved|article)_page-/.test(path) || path === '/sw.js')).toEqual([]);

  await page.reload();
  await expect(page.frameLocator('inkuru-comments iframe').getByText(words)).toBeVisible({ timeout: 20000 });
  expect(policyErrors).toEqual([]);
});

test('the comments widget switches article in place, and says so when the browser keeps nothing', async ({ page }) => {
  // A browser that refuses storage to a frame on another site's page.
  await page.addInitScript(() => {
    if (window.top === window) return;
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('refused', 'SecurityError'); } });
  });
  host('/comments-switch', partnerPage(SITE, { body: '<inkuru-comments article="kigali-jazz-nights-return"></inkuru-comments>' }));
  await page.goto(`${PARTNER}/comments-switch`);
  const frameElement = page.locator('inkuru-comments iframe:not(.waiting)');
  await expect(frameElement).toBeVisible({ timeout: 20000 });
  const frame = page.frameLocator('inkuru-comments iframe');
  await expect(frame.getByRole('note')).toContainText('does not let Inkuru keep anything');
  // Sending works all the same.
  await frame.getByRole('button', { name: 'Leave your comment' }).click();
  const words = `Sent with storage refused. ${Date.now()}`;
  await frame.getByLabel('Your name').fill('Private reader');
  await frame.getByLabel('Your email').fill('private@partner.example');
  await frame.getByLabel('Your comment').fill(words);
  await page.waitForTimeout(2100);
  await frame.getByRole('button', { name: 'Post comment' }).click();
  await expect(frame.getByText(words)).toBeVisible({ timeout: 15000 });
  const inner = await (await frameElement.elementHandle()).contentFrame();
  await inner.evaluate(() => { window.__sameDocument = true; });
  await page.locator('inkuru-comments').evaluate((el) => el.setAttribute('article', 'rwandan-chefs-win-in-brussels'));
  await expect(frame.getByRole('link', { name: /Two Rwandan chefs/ })).toBeVisible();
  expect(await inner.evaluate(() => window.__sameDocument)).toBe(true);
});

test('the comments frame shows the comments with no wasm, and loads the program when the reader moves towards it', async ({ page }) => {
  const slug = 'traditional-dance-troupe-tours';
  const words = `Read before any wasm. ${Date.now()}`;
  const posted = await fetch(`${SITE}/api/articles/${slug}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Aline', email: 'aline@example.rw', body: words, composed_ms: 9000 }),
  });
  expect(posted.status).toBe(201);
  const program = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/comments-frame/')) program.push(r.url()); });
  host('/comments-first', partnerPage(SITE, { body: `<inkuru-comments article="${slug}"></inkuru-comments><p>${'The partner\'s text. '.repeat(40)}</p>` }));
  await page.goto(`${PARTNER}/comments-first`);
  await expect(page.locator('inkuru-comments iframe:not(.waiting)')).toBeVisible({ timeout: 20000 });
  const frame = page.frameLocator('inkuru-comments iframe');
  await expect(frame.getByText(words)).toBeVisible();
  await expect(frame.locator('.comment-count')).toHaveText(/\(\d+\)/);
  await page.waitForTimeout(1000);
  expect(program).toEqual([]);

  // The reader goes for the button: the program loads, and the click opens its form.
  await frame.getByRole('button', { name: 'Leave your comment' }).click();
  await expect(frame.getByLabel('Your name')).toBeFocused({ timeout: 15000 });
  await expect(frame.getByRole('button', { name: 'Leave your comment' })).toHaveAttribute('aria-expanded', 'true');
  expect(program.some((url) => url.endsWith('.wasm'))).toBe(true);
  await expect(frame.getByText(words)).toHaveCount(1);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});

test('a click on the program\'s own button the moment it is drawn counts once: the form stays open', async ({ page }) => {
  const slug = 'kigali-jazz-nights-return';
  host('/comments-quick-click', partnerPage(SITE, { body: `<inkuru-comments article="${slug}"></inkuru-comments>` }));
  await page.goto(`${PARTNER}/comments-quick-click`);
  const frameElement = page.locator('inkuru-comments iframe:not(.waiting)');
  await expect(frameElement).toBeVisible({ timeout: 20000 });
  const inner = await (await frameElement.elementHandle()).contentFrame();
  // The reader's click lands on the program's button as soon as it exists, before the frame
  // script has seen the program finish drawing (it was handed over a second time, closing the
  // form it had just opened).
  await inner.evaluate(() => addEventListener('inkuru:started', () => {
    const clickOnceThere = () => {
      const button = [...document.querySelectorAll('main button')].find((b) => /Leave your comment/.test(b.textContent));
      if (button) button.click(); else requestAnimationFrame(clickOnceThere);
    };
    clickOnceThere();
  }, { once: true }));
  await frameElement.hover();
  const frame = page.frameLocator('inkuru-comments iframe');
  await expect(frame.getByLabel('Your name')).toBeVisible({ timeout: 15000 });
  await page.waitForTimeout(1500);
  await expect(frame.getByLabel('Your name')).toBeVisible();
  await expect(frame.getByRole('button', { name: 'Leave your comment' })).toHaveAttribute('aria-expanded', 'true');
});

/** Mean brightness (0 black to 1 white) of a PNG, decoded in `probe`, a blank page. */
async function brightness(probe, png) {
  return probe.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += (0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2]) / 255;
    return sum / (data.length / 4);
  }, png.toString('base64'));
}

test('on a dark partner page no light frame is ever captured while the widgets load', async ({ page, context }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  // Slow frames, so the capture sees them while they load.
  await page.route(`${SITE}/embed/**`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  host('/dark', partnerPage(SITE, {
    css: 'html { color-scheme: dark; background: #111; color: #eee } main { max-width: 40rem; margin: 0 auto }',
    body: '<inkuru-headlines section="news" count="3"></inkuru-headlines><inkuru-comments article="kigali-jazz-nights-return"></inkuru-comments>',
  }));
  const probe = await context.newPage();
  await page.setViewportSize({ width: 800, height: 1600 });
  await page.goto(`${PARTNER}/dark`, { waitUntil: 'commit' });
  const shots = [];
  const started = Date.now();
  let shown = 0;
  while (Date.now() - started < 15000) {
    for (const name of ['inkuru-headlines', 'inkuru-comments']) {
      const box = await page.locator(name).boundingBox().catch(() => null);
      if (box && box.height > 20) {
        const png = await page.screenshot({ clip: box });
        shots.push({ name, loading: shown < 2, value: await brightness(probe, png) });
      }
    }
    shown = await page.locator('iframe:not(.waiting)').count();
    if (shown === 2 && shots.filter((shot) => !shot.loading).length >= 4) break;
  }
  expect(shown).toBe(2);
  const light = shots.filter((shot) => shot.value > 0.35);
  expect(light, JSON.stringify(shots)).toEqual([]);
  // Captured while the frames loaded, and after they had painted.
  expect(shots.filter((shot) => shot.loading).length).toBeGreaterThan(0);
  expect(shots.filter((shot) => !shot.loading).length).toBeGreaterThan(0);
});

test('a comments widget switched to another article before the reader moved shows that article\'s comments', async ({ page }) => {
  host('/comments-switch-early', partnerPage(SITE, { body: '<inkuru-comments article="kigali-jazz-nights-return"></inkuru-comments>' }));
  await page.goto(`${PARTNER}/comments-switch-early`);
  await expect(page.locator('inkuru-comments iframe:not(.waiting)')).toBeVisible({ timeout: 20000 });
  const frame = page.frameLocator('inkuru-comments iframe');
  await expect(frame.getByRole('link', { name: /Jazz nights return/ })).toBeVisible();
  await page.locator('inkuru-comments').evaluate((el) => el.setAttribute('article', 'rwandan-chefs-win-in-brussels'));
  await expect(frame.getByRole('link', { name: /Two Rwandan chefs/ })).toBeVisible({ timeout: 15000 });
  await expect(frame.getByRole('link', { name: /Jazz nights return/ })).toHaveCount(0);
  await expect(frame.getByRole('button', { name: 'Leave your comment' })).toHaveCount(1);
});

/** Uncaught errors and console errors in the page and its frames (a wasm panic is one), but not
 * the browser's own line for each failed request, which these tests cause on purpose. */
function frameErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
  return errors;
}

// What a broken network or server can answer for a widget's frame (issue 16).
const HOSTILE_FRAMES = {
  garbage: { status: 200, contentType: 'text/plain', body: '%%% this is not a page <<<' },
  'truncated HTML': { status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><head><title>Headlines</title></head><body><main><ul><li><a href="/articles/kig' },
  'an HTML error page': { status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>' },
  'an empty 503': { status: 503, contentType: 'text/plain', body: '' },
  'a stall': null,
};

test('hostile answers for the widgets\' frames: the partner keeps its links and is told, nothing breaks', async ({ context }) => {
  test.setTimeout(90_000);
  const slug = 'kigali-jazz-nights-return';
  host('/broken', partnerPage(SITE, {
    body: `<inkuru-headlines section="news"><a href="${SITE}/news">News from Inkuru</a></inkuru-headlines>
<inkuru-comments article="${slug}"><a href="${SITE}/articles/${slug}">Comments on Inkuru</a></inkuru-comments>`,
  }));
  await Promise.all(Object.entries(HOSTILE_FRAMES).map(async ([kind, answer]) => {
    const page = await context.newPage();
    const errors = frameErrors(page);
    await page.route((url) => url.origin === SITE && url.pathname.startsWith('/embed/'),
      (route) => (answer ? route.fulfill(answer) : new Promise(() => {})));
    await page.goto(`${PARTNER}/broken`);
    for (const widget of ['inkuru-headlines', 'inkuru-comments']) {
      await expect(page.locator(widget).getByRole('status'), `${kind}: ${widget}`).toContainText('did not load', { timeout: 30_000 });
      await expect(page.locator(`${widget} iframe:not(.waiting)`), kind).toHaveCount(0);
    }
    await expect(page.getByRole('link', { name: 'News from Inkuru' }), kind).toBeVisible();
    await expect(page.getByRole('link', { name: 'Comments on Inkuru' }), kind).toBeVisible();
    expect(await page.evaluate(() => window.__violations), kind).toEqual([]);
    expect(errors, kind).toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  }));
});

test('the comments widget against hostile API answers: the comment is kept, a sentence says so, nothing panics', async ({ browser }) => {
  test.setTimeout(90_000);
  const slug = 'kigali-jazz-nights-return';
  host('/comments-broken-api', partnerPage(SITE, { body: `<inkuru-comments article="${slug}"><a href="${SITE}/articles/${slug}">Comments on Inkuru</a></inkuru-comments>` }));
  const answers = {
    garbage: { status: 200, contentType: 'text/plain', body: '%%% this is not JSON <<<' },
    'wrong types': { status: 201, contentType: 'application/json', body: '{"id": "one", "body": 5}' },
    'an HTML error page': { status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
    500: { status: 500, contentType: 'application/json', body: '{"code":"internal","message":"Something went wrong on our side."}' },
  };
  await Promise.all(Object.entries(answers).map(async ([kind, answer]) => {
    // A reader each: in one browser the first one's draft would open the others' forms (a draft
    // is the reader's in every tab), and the test's click would then close them.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = frameErrors(page);
    // The comment's sending meets the hostile answer; the comments shown come from the site.
    await page.route((url) => url.origin === SITE && url.pathname.startsWith('/api/'),
      (route) => (route.request().method() === 'POST' ? route.fulfill(answer) : route.fallback()));
    await page.goto(`${PARTNER}/comments-broken-api`);
    const frameElement = page.locator('inkuru-comments iframe:not(.waiting)');
    await expect(frameElement, kind).toBeVisible({ timeout: 20_000 });
    const frame = page.frameLocator('inkuru-comments iframe');
    await frame.getByRole('button', { name: 'Leave your comment' }).click();
    await expect(frame.getByLabel('Your name'), kind).toBeVisible({ timeout: 15_000 });
    const words = `Sent into a broken network (${kind}).`;
    await frame.getByLabel('Your name').fill('Partner reader');
    await frame.getByLabel('Your email').fill('reader@partner.example');
    await frame.getByLabel('Your comment').fill(words);
    await page.waitForTimeout(2100); // the form refuses comments written faster than a person could
    await frame.getByRole('button', { name: 'Post comment' }).click();
    const entry = frame.locator('.comment.unsent').filter({ hasText: words });
    await expect(entry, kind).toContainText('Not sent yet');
    await expect(frame.locator('.form-notice'), kind).toContainText(/\w+ \w+ \w+/);
    await expect(frame.getByLabel('Your comment'), kind).toHaveValue(words);
    expect(errors, kind).toEqual([]);
    await context.close();
  }));
});
