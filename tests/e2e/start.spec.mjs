// When the app starts (Trunk.toml's start script, docs/architecture.md "When the app starts"): on a
// page the server wrote, not before the reader's first move; the wasm is compiled ahead meanwhile.
// What the reader did first (a click on a link, a button, the focus) reaches the app's own
// controls once it has started.
import { test, expect } from '@playwright/test';
import { watchErrors } from './helpers.mjs';

test.use({ serviceWorkers: 'block' });

const ARTICLE = '/articles/rwandan-chefs-win-in-brussels';
const GLUE = /\/inkuru-[0-9a-f]+\.js$/;
const FIRST_MODULE = /\/inkuru-[0-9a-f]+_bg\.wasm$/;
const live = (page) => page.evaluate(() => document.querySelector('#site-header')?.hasAttribute('data-live'));

test('a page the server wrote starts no app until the reader moves, and has its wasm ready by then', async ({ page }) => {
  const errors = watchErrors(page);
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto(ARTICLE);
  // Compiled ahead once the page is idle; not started.
  await expect.poll(() => fetched.some((path) => FIRST_MODULE.test(path)), { timeout: 10000 }).toBe(true);
  await page.waitForTimeout(1500);
  expect(await live(page)).toBe(false);
  expect(fetched.filter((path) => GLUE.test(path))).toEqual([]);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.mouse.move(200, 300);
  await expect.poll(() => live(page)).toBe(true);
  await expect(page.locator('.article-actions')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a link clicked before the app has started opens within the app, focus and announcement included', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(ARTICLE);
  await page.evaluate(() => { window.__samePage = true; });
  expect(await live(page)).toBe(false);
  const section = page.locator('nav[aria-label="Breadcrumb"] a', { hasText: 'News' }).first();
  await section.click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('News');
  await expect(heading).toBeFocused();
  await expect(page.locator('#route-announcer')).toHaveText('News');
  expect(await page.evaluate(() => window.__samePage), 'the click was a page load').toBe(true);
  expect(errors).toEqual([]);
});

test('a button pressed before the app has started does what it says once, when the app is there', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  expect(await live(page)).toBe(false);
  const before = await page.evaluate(() => document.documentElement.getAttribute('data-text-size'));
  await page.getByRole('button', { name: /Larger text/ }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-text-size'))).not.toBe(before);
  const after = await page.evaluate(() => document.documentElement.getAttribute('data-text-size'));
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => document.documentElement.getAttribute('data-text-size')), 'pressed twice').toBe(after);
  expect(await live(page)).toBe(true);
  expect(errors).toEqual([]);
});

test('a keyboard reader keeps their place: the control focused before the app started is focused after', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  expect(await live(page)).toBe(false);
  // The third control a Tab reaches on the server's page (the skip link, then the header's first
  // controls): where three Tabs must leave the reader, whenever the first of them started the app.
  const third = await page.evaluate(() => [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
    .filter((control) => control.tabIndex >= 0 && !control.disabled && control.getClientRects().length > 0)[2]
    ?.textContent?.trim());
  expect(third).toBeTruthy();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab');
  await expect.poll(() => live(page)).toBe(true);
  await page.waitForTimeout(300);
  const after = await page.evaluate(() => ({
    text: document.activeElement?.textContent?.trim(),
    inLiveHeader: !!document.activeElement?.closest('#site-header[data-live]'),
  }));
  expect(after).toEqual({ text: third, inLiveHeader: true });
  expect(errors).toEqual([]);
});

test('the end of an article nearing the screen starts the app, and its comments come', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(ARTICLE);
  expect(await live(page)).toBe(false);
  // Scrolled by the page itself: no pointer, touch or key reaches the app.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => live(page)).toBe(true);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(page.locator('section.comments')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a page the server did not write starts at once', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/saved');
  await expect.poll(() => live(page)).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
});
