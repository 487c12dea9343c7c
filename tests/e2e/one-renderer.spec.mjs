// One renderer: the page the server writes for a URL and the page the app draws for it are the same
// (text, headings, landmarks, links), and so is the head (title, description, canonical, feeds, Open Graph,
// Twitter Card, article tags, NewsArticle JSON-LD): before the app starts, after it starts, and after
// a client-side navigation to that URL.
import { test, expect } from '@playwright/test';
import { appStarted, watchErrors } from './helpers.mjs';

// The server writes dates in English; the app writes them in the reader's locale: one locale that
// writes them alike (en-GB: "24 November 2026") keeps the comparison to what a renderer decides.
test.use({ locale: 'en-GB' });

const PAGES = [
  { kind: 'article', url: '/articles/rwandan-chefs-win-in-brussels', ready: '#article-headline' },
  { kind: 'front page', url: '/', ready: '.lead article h2' },
  { kind: 'section', url: '/news/all-around', ready: '.page-header h1' },
  { kind: 'section, page 2', url: '/news?page=2', ready: '.pagination span' },
];

/** What a reader and their screen reader get from a part of the page. */
function describe(selectors) {
  const tidy = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
  const parts = selectors.flatMap((selector) => [...document.querySelectorAll(selector)]);
  const within = (query) => parts.flatMap((part) => [part, ...part.querySelectorAll('*')].filter((el) => el.matches(query)));
  return {
    text: parts.map((part) => tidy(part.textContent)),
    headings: within('h1, h2, h3, h4, h5, h6').map((h) => `${h.tagName} ${tidy(h.textContent)}`),
    landmarks: within('nav, aside, header, footer, article, section, form, [role]').map((el) =>
      [el.tagName, el.getAttribute('role'), el.getAttribute('aria-label'), el.getAttribute('aria-labelledby')].join('|')),
    links: within('a[href]').map((a) => `${a.getAttribute('href')} ${tidy(a.textContent)} ${a.getAttribute('aria-current') ?? ''}`),
  };
}

// The page's own content: what the server wrote inside #prerendered, or what the app drew in <main>
// (less what only the app draws: saving, sharing, the comments).
const SERVER_CONTENT = ['#prerendered > *'];
const APP_CONTENT = ['main > :not(#prerendered):not(.article-actions):not(.comments):not(.lazy-anchor)'];

/** The head tags a crawler reads, in a stable order. */
function headTags() {
  const tags = [...document.head.querySelectorAll(
    'meta[name="description"], link[rel="canonical"], meta[property^="og:"], meta[property^="article:"], meta[name^="twitter:"], link[rel="alternate"]')]
    .map((el) => `${el.getAttribute('name') ?? el.getAttribute('property') ?? el.getAttribute('rel')}=${el.getAttribute('content') ?? el.getAttribute('href')}${el.title ? ` "${el.title}"` : ''}`)
    .sort();
  const structured = [...document.head.querySelectorAll('script[type="application/ld+json"]')].map((el) => JSON.parse(el.textContent));
  return { title: document.title, tags, structured };
}

/** Moves to `url` inside the app, as a click on a link does. */
async function navigateInApp(page, url) {
  await page.evaluate(() => { window.__stillTheSamePage = true; });
  await page.evaluate((href) => {
    const link = Object.assign(document.createElement('a'), { href, textContent: 'go' });
    document.querySelector('#site-footer').append(link);
    link.click();
    link.remove();
  }, url);
  await expect(page).toHaveURL(new RegExp(`${url.replace(/[?]/g, '\\?')}$`));
  expect(await page.evaluate(() => window.__stillTheSamePage)).toBe(true);
}

for (const { kind, url, ready } of PAGES) {
  test(`${kind}: the server's page and the app's are the same, and so are their heads`, async ({ page }) => {
    // As the server wrote it (no wasm).
    await page.route(/\.wasm$/, (route) => route.abort());
    await page.goto(url);
    await expect(page.locator(ready).first()).toBeVisible();
    const server = await page.evaluate(describe, SERVER_CONTENT);
    const serverFrame = await page.evaluate(describe, ['#site-header', '#site-footer']);
    const serverHead = await page.evaluate(headTags);
    expect(server.headings.length).toBeGreaterThan(0);
    expect(serverHead.tags).toContain(`og:url=${new URL(url, page.url()).href}`);
    if (kind === 'article') expect(serverHead.structured).toHaveLength(1);

    // The app started on that page: it keeps the server's content, and writes the same head.
    const errors = watchErrors(page);
    await page.unroute(/\.wasm$/);
    await page.reload();
    await appStarted(page);
    await expect.poll(() => page.evaluate(headTags)).toEqual(serverHead);
    expect(await page.evaluate(describe, ['#site-header', '#site-footer'])).toEqual(serverFrame);

    // The app draws the same URL itself after a navigation from a page the server did not write.
    await navigateInApp(page, '/saved');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Saved articles');
    await navigateInApp(page, url);
    await expect(page.locator(ready).first()).toBeVisible();
    await expect(page.locator('#prerendered')).toHaveCount(0);
    await expect.poll(() => page.evaluate(describe, APP_CONTENT)).toEqual(server);
    await expect.poll(() => page.evaluate(headTags)).toEqual(serverHead);
    expect(errors).toEqual([]);
  });
}

// The pages whose content the app draws from the reader's query or browser (search, Saved), and the
// not-found page: the server writes their head (and the not-found page itself, with its 404), and
// the app keeps the same head when it starts and when it draws them after a navigation.
const APP_DRAWN = [
  { kind: 'search', url: '/search?q=rain' },
  { kind: 'Saved', url: '/saved' },
  { kind: 'not found', url: '/articles/no-such-story', notFound: true },
];

for (const { kind, url, notFound } of APP_DRAWN) {
  test(`${kind}: the head is the same from the server, when the app starts and after a navigation`, async ({ page }) => {
    await page.route(/\.wasm$/, (route) => route.abort());
    const answer = await page.goto(url);
    expect(answer.status()).toBe(notFound ? 404 : 200);
    const serverHead = await page.evaluate(headTags);
    expect(serverHead.title).toMatch(/ · Inkuru$/);
    const serverPage = notFound ? await page.evaluate(describe, SERVER_CONTENT) : null;
    if (notFound) expect(serverPage.headings).toEqual(['H1 Page not found']);

    const errors = watchErrors(page);
    await page.unroute(/\.wasm$/);
    await page.reload();
    await appStarted(page);
    await expect.poll(() => page.evaluate(headTags)).toEqual(serverHead);

    await navigateInApp(page, '/');
    await expect(page.locator('.lead article h2').first()).toBeVisible();
    await navigateInApp(page, url);
    await expect.poll(() => page.evaluate(headTags)).toEqual(serverHead);
    if (notFound) await expect.poll(() => page.evaluate(describe, APP_CONTENT)).toEqual(serverPage);
    expect(errors).toEqual([]);
  });
}
