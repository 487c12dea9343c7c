// What loads when (src/lazy.rs): an article's first view starts the first module and the article
// page's chunk, and nothing for the pages the reader has not headed for. Once the page is idle
// every chunk is compiled ahead, off the main thread (xtask/src/compile_ahead.rs), but a chunk is
// started (instantiated) only when the reader heads for it: a page's when the pointer rests on a
// link to it, before the click; sharing's options on the first click of Share.
import { test, expect } from '@playwright/test';
import { appStarted, watchErrors } from './helpers.mjs';

test.use({ serviceWorkers: 'block' });

const ARTICLE = '/articles/rwandan-chefs-win-in-brussels';

/**
 * The split points whose chunks the page has started (instantiated) so far, and those it has
 * compiled: `inkuru-<point>-<hash>.wasm`, shared chunks (`chunk_N`) left out.
 */
async function watchChunks(page) {
  await page.addInitScript(() => {
    window.__compiled = [];
    window.__started = [];
    const pointOf = (url) => new URL(url, location.href).pathname.match(/^\/inkuru-([a-z_]+)-[0-9a-f]{16}\.wasm$/)?.[1];
    const urls = new WeakMap();
    const compileStreaming = WebAssembly.compileStreaming;
    WebAssembly.compileStreaming = async (source) => {
      const response = await source;
      const module = await compileStreaming.call(WebAssembly, response);
      urls.set(module, response.url);
      const point = pointOf(response.url);
      if (point && point !== 'chunk') window.__compiled.push(point);
      return module;
    };
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = (module, imports) => {
      const point = module instanceof WebAssembly.Module ? pointOf(urls.get(module) ?? '') : undefined;
      if (point && point !== 'chunk') window.__started.push(point);
      return instantiate.call(WebAssembly, module, imports);
    };
  });
  return {
    started: async () => new Set(await page.evaluate(() => window.__started)),
    compiled: async () => new Set(await page.evaluate(() => window.__compiled)),
  };
}

test('an article loads its own page chunk and nothing for other pages until the reader heads there', async ({ page }) => {
  const errors = watchErrors(page);
  const chunks = await watchChunks(page);
  await page.goto(ARTICLE);
  await appStarted(page);
  await page.locator('.article-actions').waitFor();
  // Once idle, every chunk is compiled ahead; none is started for it.
  await expect.poll(async () => (await chunks.compiled()).has('search_page'), { timeout: 10000 }).toBe(true);
  const started = await chunks.started();
  expect(started.has('article_page')).toBe(true);
  for (const later of ['home_page', 'section_page', 'search_page', 'saved_page', 'sharing']) {
    expect(started.has(later), `${later} was started before the reader asked`).toBe(false);
  }

  const sectionLink = page.locator('nav[aria-label="Breadcrumb"] a', { hasText: 'News' }).first();
  await sectionLink.hover();
  await expect.poll(async () => (await chunks.started()).has('section_page'), { message: 'hovering a section link starts its page' }).toBe(true);
  expect(errors).toEqual([]);
});

test('the share options are fetched on the first click of Share, and work', async ({ page, baseURL }) => {
  await page.addInitScript(() => { delete Navigator.prototype.share; });
  const errors = watchErrors(page);
  const chunks = await watchChunks(page);
  await page.goto(ARTICLE);
  await appStarted(page);
  const share = page.getByRole('button', { name: 'Share', exact: true });
  await share.waitFor();
  await page.waitForTimeout(1000);
  expect((await chunks.started()).has('sharing')).toBe(false);

  await share.click();
  await expect(share).toHaveAttribute('aria-expanded', 'true');
  const facebook = page.locator('#share-options').getByRole('link', { name: 'Facebook' });
  await expect(facebook).toBeVisible();
  expect((await chunks.started()).has('sharing')).toBe(true);
  const url = `${new URL(baseURL).origin}${ARTICLE}`;
  expect(await facebook.getAttribute('href')).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`);

  // Closing and opening again shows the same options without another fetch.
  await share.click();
  await expect(page.locator('#share-options')).toBeHidden();
  await share.click();
  await expect(facebook).toBeVisible();
  expect(errors).toEqual([]);
});
