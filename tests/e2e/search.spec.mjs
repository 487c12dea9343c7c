// Search: the header's box, the results page (marked words, pages with their own URLs), the empty
// state, and the box working before the app starts.
import { test, expect } from '@playwright/test';
import { appStarted, expectNoAxeViolations, watchErrors } from './helpers.mjs';

test('searching from the header lists ranked results with the words marked, then opens one', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/news');
  await appStarted(page);
  await page.evaluate(() => { window.__stillTheSamePage = true; });
  const box = page.getByRole('search').getByLabel('Search Inkuru');
  await box.fill('kigali marathon');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=kigali%20marathon$/);
  await expect(page).toHaveTitle('Search: kigali marathon · Inkuru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
  await expect(page.locator('.search-summary')).toHaveText(/^\d+ articles? match(es)? “kigali marathon”$/);
  const first = page.locator('.search-hit').first();
  await expect(first.getByRole('heading')).toHaveText('Kigali marathon to finish in the stadium for the first time');
  await expect(first.locator('h2 mark')).toHaveText(['Kigali', 'marathon']);
  // The search page's own box holds the query, ready to refine.
  await expect(page.locator('#search-page-query')).toHaveValue('kigali marathon');
  await expectNoAxeViolations(page);
  await first.getByRole('link').click();
  await expect(page).toHaveURL(/\/articles\//);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kigali marathon to finish in the stadium for the first time');
  expect(await page.evaluate(() => window.__stillTheSamePage)).toBe(true);
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=kigali%20marathon$/);
  await expect(page.locator('.search-hit').first().getByRole('heading')).toHaveText(/Kigali marathon/);
  expect(errors).toEqual([]);
});

test('results come a page at a time, each page at its own URL that survives a reload', async ({ page }) => {
  await page.goto('/search?q=a');
  await appStarted(page);
  await expect(page.locator('.search-hit')).toHaveCount(12);
  await page.getByRole('link', { name: 'More results →' }).click();
  await expect(page).toHaveURL(/\/search\?q=a&page=2$/);
  await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
  await page.reload();
  await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
  await expect(page.getByRole('link', { name: '← Better matches' })).toHaveAttribute('href', '/search?q=a');
});

test('a search that finds nothing says so and offers ways on', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/search?q=%22zebrafish%22%20OR%20quokka');
  await appStarted(page);
  await expect(page.getByText('No articles match “zebrafish or quokka”.')).toBeVisible();
  await expect(page.getByText('Use fewer words: every word must appear in an article.')).toBeVisible();
  await expect(page.locator('.search-empty').getByRole('link', { name: 'Sport' })).toHaveAttribute('href', '/sport');
  await expectNoAxeViolations(page);
  await page.goto('/search');
  await expect(page.getByText('Type a word or two to search every headline, standfirst and story.')).toBeVisible();
  await page.goto(`/search?q=${'long'.repeat(60)}`);
  await expect(page.getByRole('alert')).toContainText('That search is too long: use at most 200 characters.');
  expect(errors).toEqual([]);
});

test('the search box works before the app starts: a plain form', async ({ page }) => {
  // Hold the wasm back: the page is the server's HTML alone, and the form submits by itself.
  await page.route('**/*.wasm', () => {});
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  const box = page.getByRole('search').getByLabel('Search Inkuru');
  await box.fill('coffee');
  const [response] = await Promise.all([page.waitForNavigation(), box.press('Enter')]);
  expect(response.status()).toBe(200);
  await expect(page).toHaveURL(/\/search\?q=coffee$/);
  await expect(page).toHaveTitle('Search: coffee · Inkuru');
});

test('words typed into the search box before the app starts are kept when it does', async ({ page }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  const box = page.getByRole('search').getByLabel('Search Inkuru');
  await box.fill('tea pickers');
  release();
  await appStarted(page);
  await expect(page.getByRole('search').getByLabel('Search Inkuru')).toHaveValue('tea pickers');
  await expect(page.getByRole('search').getByLabel('Search Inkuru')).toBeFocused();
});
