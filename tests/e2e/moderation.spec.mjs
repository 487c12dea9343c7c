// A site that holds comments for review (`cargo xtask test` starts a second server whose site
// settings say "moderated"): a held comment is shown to its author, marked, across reloads, and
// to no one else.
import { test, expect } from '@playwright/test';
import { appStarted, expectNoAxeViolations, toComments, watchErrors } from './helpers.mjs';

const SITE = process.env.MODERATED_URL;

test('a held comment is shown to its author as awaiting moderation, and to no one else', async ({ page, browser }) => {
  test.skip(!SITE, 'needs the moderated server that `cargo xtask test` starts (MODERATED_URL)');
  const errors = watchErrors(page);
  const article = `${SITE}/articles/kigali-opens-first-car-free-sunday-market`;
  await page.goto(article);
  await toComments(page);
  await appStarted(page);
  const count = page.locator('.comment-count');
  const before = await count.textContent();
  await page.getByRole('button', { name: 'Leave your comment' }).click();
  await expect(page.getByText('An editor reads every comment before it is published.')).toBeVisible();
  const text = `Please keep the market every Sunday. ${Date.now()}`;
  await page.getByLabel('Your name').fill('Aline Uwase');
  await page.getByLabel('Your email').fill('aline@example.rw');
  await page.getByLabel('Your comment').fill(text);
  await page.getByRole('button', { name: 'Post comment' }).click();

  const mine = page.locator('.comment').filter({ hasText: text });
  await expect(mine).toHaveAttribute('id', /^comment-\d+$/);
  await expect(mine).toContainText('Awaiting moderation');
  await expect(page.locator('.comment-status')).toContainText('only you can see yours');
  await expect(page.getByLabel('Your comment')).toHaveValue('');
  await expect(count).toHaveText(before);
  await expectNoAxeViolations(page);

  // Across a reload: the browser sends back the token the server handed out.
  await page.reload();
  await toComments(page);
  await expect(page.locator('.comment').filter({ hasText: text })).toContainText('Awaiting moderation');

  // Another reader sees nothing of it.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto(article);
  await toComments(stranger);
  await appStarted(stranger);
  await expect(stranger.locator('.comments')).toBeVisible();
  await expect(stranger.locator('.comment-count')).toHaveText(before);
  await expect(stranger.getByText(text)).toHaveCount(0);
  await other.close();
  expect(errors).toEqual([]);
});
