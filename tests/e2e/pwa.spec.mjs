// The installable app: no installability errors, reading offline from the service worker's
// caches, an offline page for the rest, and a new build offered as "Update available".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, chromium } from '@playwright/test';
import { appStarted, expectNoAxeViolations as expectNoAxe, toComments, watchErrors } from './helpers.mjs';

test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker controls the page (it claims pages as soon as it activates). */
async function controlled(page) {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return !!navigator.serviceWorker.controller;
  });
}

test('Chromium finds nothing that stops installing the app', async ({ baseURL }) => {
  // Installing needs a real profile: Playwright's usual contexts are incognito, where Chromium
  // never offers it.
  const profile = mkdtempSync(join(tmpdir(), 'inkuru-install-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'], baseURL });
  const page = context.pages()[0] ?? await context.newPage();
  try {
    await installable(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

async function installable(page) {
  await page.goto('/');
  await appStarted(page);
  await controlled(page);
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
  expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
  const parsed = JSON.parse(manifest.data);
  expect(parsed.display).toBe('standalone');
  expect(parsed.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  expect(parsed.shortcuts.map((s) => s.url)).toEqual(['/news', '/business', '/sport', '/culture', '/saved']);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  for (const icon of parsed.icons) {
    const answer = await page.request.get(icon.src);
    expect(answer.status(), icon.src).toBe(200);
  }
}

test('an article read online opens offline after a cold reload, with its picture and comments', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await appStarted(page);
  await controlled(page);
  // Read an article (through the worker now), then lose the network.
  await page.goto('/articles/rwandan-chefs-win-in-brussels');
  await appStarted(page);
  const headline = (await page.getByRole('heading', { level: 1 }).textContent()).trim();
  await toComments(page);
  await expect(page.locator('.comments')).toBeVisible();
  await expect(page.locator('.article-hero img, .article img').first()).toBeVisible();
  await context.setOffline(true);
  await page.reload();
  await appStarted(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);
  await expect(page.locator('.offline-notice')).toContainText('You are offline');
  const picture = page.locator('.article img').first();
  await expect.poll(() => picture.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
  await toComments(page);
  await expect(page.getByRole('button', { name: 'Leave your comment' })).toBeVisible();
  await context.setOffline(false);
  await expect(page.locator('.offline-notice')).toBeEmpty();
  expect(errors.filter((e) => !e.includes('Failed to fetch'))).toEqual([]);
});

test('a page never read shows the offline page, not a browser error', async ({ page, context }) => {
  await page.goto('/');
  await appStarted(page);
  await controlled(page);
  await context.setOffline(true);
  await page.goto('/articles/kinyarwanda-classes-in-toronto');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
  await expect(page.getByRole('link', { name: 'Go to the front page' })).toBeVisible();
});

test('a new build is offered as "Update available", and Reload moves the page onto it', async ({ page }) => {
  await page.goto('/');
  await appStarted(page);
  await controlled(page);
  // The next deploy, as the browser sees one: a new worker script for the same scope.
  await page.evaluate(() => navigator.serviceWorker.register('/sw.js?build=next'));
  const banner = page.locator('.update-banner');
  await expect(banner).toContainText('Update available');
  // Listen before clicking: the reload can finish before a listener added after the click exists.
  const reloaded = page.waitForEvent('load');
  await banner.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  await appStarted(page);
  // (The page registers /sw.js again as it loads, which to the browser is the next build once more,
  // so the offer may reappear here; a real deploy keeps one URL.)
  await controlled(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL)).toMatch(/\/sw\.js\?build=next$/);
});

test('an article saved for later opens offline from the Saved page, and can be removed', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await appStarted(page);
  await controlled(page);
  await page.goto('/articles/rwandan-chefs-win-in-brussels');
  await appStarted(page);
  const heading = page.getByRole('heading', { level: 1 });
  const headline = (await heading.textContent()).trim();
  const save = page.getByRole('button', { name: /Save/ });
  await expect(save).toHaveAttribute('aria-pressed', 'false');
  await save.click();
  await expect(save).toHaveAttribute('aria-pressed', 'true');
  await expect(save).toHaveText('Saved for later ✓');
  // The worker keeps the page, its API answers and its picture.
  await expect.poll(() => page.evaluate(async () => (await (await caches.open('inkuru-saved')).keys()).length)).toBe(4);

  await context.setOffline(true);
  await page.goto('/saved');
  await appStarted(page);
  await expect(heading).toHaveText('Saved articles');
  const item = page.locator('.saved-item').filter({ hasText: headline });
  await expect(item).toContainText(/Saved/);
  await expectNoAxe(page);
  await item.getByRole('link', { name: headline }).first().click();
  await expect(heading).toHaveText(headline);
  await page.reload();
  await expect(heading).toHaveText(headline);
  await appStarted(page);
  await expect(page.getByRole('button', { name: /Save/ })).toHaveAttribute('aria-pressed', 'true');

  await page.goto('/saved');
  await appStarted(page);
  await page.getByRole('button', { name: `Remove “${headline}”` }).click();
  await expect(page.getByText('Nothing saved yet.')).toBeVisible();
  await expect.poll(() => page.evaluate(async () => (await (await caches.open('inkuru-saved')).keys()).length)).toBe(0);
  expect(errors.filter((e) => !e.includes('Failed to fetch'))).toEqual([]);
});
