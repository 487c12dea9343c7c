// Sharing without being tracked, and previews the app keeps right: the share links carry the
// page's address and title, encoded; Copy link copies; the native sheet is used where there is
// one; nothing goes to another host until the reader follows a link.
import { test, expect } from '@playwright/test';
import { appStarted, expectNoAxeViolations, toComments, watchErrors } from './helpers.mjs';

const SLUG = 'rwandan-chefs-win-in-brussels';

test('the share links carry the encoded address and title, and Mastodon asks for the server once', async ({ page, baseURL }) => {
  const errors = watchErrors(page);
  await page.goto(`/articles/${SLUG}`);
  await appStarted(page);
  const title = (await page.getByRole('heading', { level: 1 }).textContent()).trim();
  const url = `${new URL(baseURL).origin}/articles/${SLUG}`;
  const share = page.getByRole('button', { name: 'Share', exact: true });
  await expect(share).toHaveAttribute('aria-expanded', 'false');
  await share.click();
  await expect(share).toHaveAttribute('aria-expanded', 'true');
  const options = page.locator('#share-options');
  const href = (name) => options.getByRole('link', { name, exact: true }).getAttribute('href');
  expect(await href('X')).toBe(`https://x.com/intent/post?url=${encodeURIComponent(url)}&text=${encodeURIComponent(title)}`);
  expect(await href('Facebook')).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`);
  expect(await href('WhatsApp')).toBe(`https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}`);
  expect(await href('Telegram')).toBe(`https://t.me/share/url?url=${encodeURIComponent(url)}&text=${encodeURIComponent(title)}`);
  expect(await href('LinkedIn')).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`);
  expect(await href('Email')).toBe(`mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`);
  for (const link of await options.getByRole('link').all()) {
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  }
  await expectNoAxeViolations(page);

  // Mastodon: the reader's own server, asked once, checked, and remembered.
  await options.getByRole('button', { name: 'Mastodon' }).click();
  const server = page.getByLabel('Your Mastodon server');
  await server.fill('not a server');
  const opened = [];
  await page.exposeFunction('__opened', (u) => opened.push(u));
  await page.evaluate(() => { window.open = (u) => { window.__opened(u); return null; }; });
  await page.getByRole('button', { name: 'Share on Mastodon' }).click();
  await expect(page.locator('#mastodon-server-error')).toContainText('mastodon.social');
  await server.fill('@aline@Mastodon.Social');
  await page.getByRole('button', { name: 'Share on Mastodon' }).click();
  await expect.poll(() => opened.length).toBe(1);
  expect(opened[0]).toBe(`https://mastodon.social/share?text=${encodeURIComponent(`${title} ${url}`)}`);
  await page.reload();
  await appStarted(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.locator('#share-options').getByRole('link', { name: 'Mastodon (mastodon.social)' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('Copy link copies the address and says so', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/articles/${SLUG}`);
  await appStarted(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.locator('.share-status')).toHaveText('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${new URL(baseURL).origin}/articles/${SLUG}`);
});

test('where the browser has a share sheet, Share opens it with the title and address', async ({ page, baseURL }) => {
  await page.addInitScript(() => {
    navigator.share = async (data) => { window.__shared = data; };
  });
  await page.goto(`/articles/${SLUG}`);
  await appStarted(page);
  const title = (await page.getByRole('heading', { level: 1 }).textContent()).trim();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect.poll(() => page.evaluate(() => window.__shared)).toEqual({ title, url: `${new URL(baseURL).origin}/articles/${SLUG}` });
  await expect(page.locator('#share-options')).toBeHidden();
});

test('the preview tags follow the reader through the app, one set at a time', async ({ page }) => {
  await page.goto(`/articles/${SLUG}`);
  await appStarted(page);
  const ogTitle = page.locator('meta[property="og:title"]');
  const headline = page.getByRole('heading', { level: 1 });
  await expect(ogTitle).toHaveCount(1);
  await expect(ogTitle).toHaveAttribute('content', (await headline.textContent()).trim());
  const related = page.getByRole('complementary', { name: 'Related stories' }).getByRole('link').first();
  const next = (await related.textContent()).trim();
  await related.click();
  await expect(headline).toHaveText(next);
  await expect(ogTitle).toHaveCount(1);
  await expect(ogTitle).toHaveAttribute('content', next);
  await expect(page.locator('link[rel="canonical"]')).toHaveCount(1);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${new URL(page.url()).pathname}$`));
  // The structured data follows too: one NewsArticle, the new story's.
  const structured = page.locator('script[type="application/ld+json"]');
  await expect(structured).toHaveCount(1);
  await expect.poll(async () => JSON.parse(await structured.textContent()).headline).toBe(next);
});

test('a whole journey asks no host but the site itself', async ({ page, baseURL }) => {
  const hosts = new Set();
  page.on('request', (r) => hosts.add(new URL(r.url()).host));
  await page.goto('/');
  await appStarted(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Culture' }).click();
  await page.locator('.card a').first().click();
  await toComments(page);
  await expect(page.locator('.comments')).toBeVisible();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByRole('button', { name: 'Leave your comment' }).click();
  await page.goto(`/articles/${SLUG}`);
  await page.goto('/search?q=kigali');
  await appStarted(page);
  expect([...hosts]).toEqual([new URL(baseURL).host]);
});
