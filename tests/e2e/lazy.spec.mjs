// What loads when (src/lazy.rs): an article's first view fetches the first module and the article
// page's chunk, and nothing for the pages the reader has not headed for. A page's chunk is started
// when the pointer rests on a link to it, before the click; sharing's options come on the first
// click of Share. The service worker is blocked so every request the page makes is seen here.
import { test, expect } from '@playwright/test';
import { appStarted, watchErrors } from './helpers.mjs';

test.use({ serviceWorkers: 'block' });

const ARTICLE = '/articles/rwandan-chefs-win-in-brussels';

/** The split points whose chunks the page has requested so far (`inkuru-<point>-<hash>.wasm`). */
function watchChunks(page) {
  const points = new Set();
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.match(/^\/inkuru-([a-z_]+)-[0-9a-f]{16}\.wasm$/)?.[1];
    if (name && name !== 'chunk') points.add(name);
  });
  return points;
}

test('an article loads its own page chunk and nothing for other pages until the reader heads there', async ({ page }) => {
  const errors = watchErrors(page);
  const points = watchChunks(page);
  await page.goto(ARTICLE);
  await appStarted(page);
  await page.locator('.article-actions').waitFor();
  // Long enough for anything fetched "when idle" to have started.
  await page.waitForTimeout(2500);
  expect(points.has('article_page')).toBe(true);
  for (const later of ['home_page', 'section_page', 'search_page', 'saved_page', 'sharing']) {
    expect(points.has(later), `${later} was fetched before the reader asked`).toBe(false);
  }

  const sectionLink = page.locator('nav[aria-label="Breadcrumb"] a', { hasText: 'News' }).first();
  await sectionLink.hover();
  await expect.poll(() => points.has('section_page'), { message: 'hovering a section link fetches its page' }).toBe(true);
  expect(errors).toEqual([]);
});

test('the share options are fetched on the first click of Share, and work', async ({ page, baseURL }) => {
  await page.addInitScript(() => { delete Navigator.prototype.share; });
  const errors = watchErrors(page);
  const points = watchChunks(page);
  await page.goto(ARTICLE);
  await appStarted(page);
  const share = page.getByRole('button', { name: 'Share', exact: true });
  await share.waitFor();
  await page.waitForTimeout(1000);
  expect(points.has('sharing')).toBe(false);

  await share.click();
  await expect(share).toHaveAttribute('aria-expanded', 'true');
  const facebook = page.locator('#share-options').getByRole('link', { name: 'Facebook' });
  await expect(facebook).toBeVisible();
  expect(points.has('sharing')).toBe(true);
  const url = `${new URL(baseURL).origin}${ARTICLE}`;
  expect(await facebook.getAttribute('href')).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`);

  // Closing and opening again shows the same options without another fetch.
  await share.click();
  await expect(page.locator('#share-options')).toBeHidden();
  await share.click();
  await expect(facebook).toBeVisible();
  expect(errors).toEqual([]);
});
