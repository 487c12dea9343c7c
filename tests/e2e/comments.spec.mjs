// The comment panel and form: open and close, errors at their fields, posting without a reload.
import { test, expect } from '@playwright/test';
import { toComments } from './helpers.mjs';

test('posting a valid comment shows it without a reload', async ({ page }) => {
  const refused = [];
  page.on('console', (m) => { if (m.text().includes('Content Security Policy')) refused.push(m.text()); });
  await page.goto('/articles/kigali-jazz-nights-return');
  await toComments(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Jazz nights/);
  await page.evaluate(() => { window.__stillTheSamePage = true; });

  const toggle = page.getByRole('button', { name: 'Leave your comment' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Your name')).toBeFocused();

  const text = `Lovely evening, the trio was superb. ${Date.now()}`;
  await page.getByLabel('Your name').fill('Aline Uwase');
  await page.getByLabel('Your email').fill('aline@example.rw');
  await page.getByLabel('Your comment').fill(text);
  await page.getByRole('button', { name: 'Post comment' }).click();

  const posted = page.locator('.comment').filter({ hasText: text });
  await expect(posted).toBeVisible();
  await expect(posted).toContainText('Aline Uwase');
  await expect(posted).not.toContainText('aline@example.rw');
  // The initials' colour comes through the CSSOM, which the Content-Security-Policy allows.
  await expect(posted.locator('.avatar')).toHaveCSS('background-color', /^rgb\(/);
  expect(refused).toEqual([]);
  await expect(page.getByLabel('Your comment')).toHaveValue('');
  await expect(page.locator('.comment-status')).toContainText('published');
  expect(await page.evaluate(() => window.__stillTheSamePage)).toBe(true);

  // It was stored: a fresh load shows it too.
  await page.reload();
  await toComments(page);
  await expect(page.locator('.comment').filter({ hasText: text })).toBeVisible();
});

test('an empty name shows the error at the field and sends nothing', async ({ page }) => {
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
  await page.goto('/articles/book-festival-record-crowds');
  await toComments(page);
  await page.getByRole('button', { name: 'Leave your comment' }).click();
  await page.getByLabel('Your email').fill('reader@example.rw');
  await page.getByLabel('Your comment').fill('Where can I buy the books?');
  await page.getByRole('button', { name: 'Post comment' }).click();

  const name = page.getByLabel('Your name');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await expect(page.locator('#comment-name-error')).toHaveText('Please enter your name.');
  await expect(name).toHaveAccessibleDescription('Please enter your name.');
  await expect(page.getByLabel('Your comment')).toHaveValue('Where can I buy the books?');
  expect(posts).toEqual([]);
});

test('errors the server finds are shown at their fields', async ({ page }) => {
  // The browser rules and the server's are the same; to see the server's answer reach the form,
  // send a comment the browser would accept but the server refuses.
  await page.route('**/api/articles/*/comments', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    await route.fulfill({
      status: 422,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'validation', message: 'Some fields need attention.', fields: { email: 'This address cannot receive mail.' } }),
    });
  });
  await page.goto('/articles/debut-novel-shortlisted');
  await toComments(page);
  await page.getByRole('button', { name: 'Leave your comment' }).click();
  await page.getByLabel('Your name').fill('Eric');
  await page.getByLabel('Your email').fill('eric@example.rw');
  await page.getByLabel('Your comment').fill('Congratulations!');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('#comment-email-error')).toHaveText('This address cannot receive mail.');
  await expect(page.getByLabel('Your email')).toBeFocused();
  await expect(page.getByLabel('Your comment')).toHaveValue('Congratulations!');
});

test('the panel closes with its button and with Escape, returning focus', async ({ page }) => {
  await page.goto('/articles/museum-reopens-after-renovation');
  await toComments(page);
  const toggle = page.getByRole('button', { name: 'Leave your comment' });
  await toggle.click();
  await expect(page.getByLabel('Your name')).toBeVisible();
  await page.getByRole('button', { name: 'Close ×' }).click();
  await expect(page.getByLabel('Your name')).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Your name')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Your name')).toBeHidden();
  await expect(toggle).toBeFocused();
});

test('a comment whose answer was lost, sent again, is stored once', async ({ page }) => {
  await page.goto('/articles/kigali-jazz-nights-return');
  await toComments(page);
  await page.getByRole('button', { name: 'Leave your comment' }).click();
  const text = `Sent over a shaky line. ${Date.now()}`;
  await page.getByLabel('Your name').fill('Aline Uwase');
  await page.getByLabel('Your email').fill('aline@example.rw');
  await page.getByLabel('Your comment').fill(text);

  // The first attempt reaches the server (and is stored), but its answer never comes back.
  const keys = [];
  let first = true;
  await page.route('**/api/articles/*/comments', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key']);
    if (first) {
      first = false;
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('.form-notice')).toContainText('Not sent yet');
  await expect(page.getByLabel('Your comment')).toHaveValue(text);

  // The reader sends it again: the same submission, so the server answers the stored comment.
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('.comment-status')).toContainText('published');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  await page.reload();
  await toComments(page);
  await expect(page.locator('.comment').filter({ hasText: text })).toHaveCount(1);
});

test('a draft survives a reload and a trip elsewhere, and is cleared only once the comment is published', async ({ page }) => {
  await page.goto('/articles/kigali-jazz-nights-return');
  await toComments(page);
  await page.getByRole('button', { name: 'Leave your comment' }).click();
  const text = `Half-written thoughts on the trio. ${Date.now()}`;
  await page.getByLabel('Your name').fill('Aline Uwase');
  await page.getByLabel('Your email').fill('aline@example.rw');
  await page.getByLabel('Your comment').fill(text);

  await page.reload();
  // The panel opens by itself with the words in it.
  await expect(page.locator('#comment-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Your comment')).toHaveValue(text);
  await expect(page.getByLabel('Your name')).toHaveValue('Aline Uwase');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Culture' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Culture');
  await page.goBack();
  await expect(page.getByLabel('Your comment')).toHaveValue(text);

  // A failed post keeps it.
  await page.route('**/api/articles/*/comments', (route) =>
    route.request().method() === 'POST' ? route.fulfill({ status: 503, body: '' }) : route.continue());
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('.form-notice')).toContainText('Not sent yet');
  await page.reload();
  await expect(page.getByLabel('Your comment')).toHaveValue(text);

  // Published: the text is done with (name and email stay for next time).
  await page.unroute('**/api/articles/*/comments');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('.comment-status')).toContainText('published');
  await page.reload();
  await toComments(page);
  await expect(page.locator('.comment').filter({ hasText: text })).toHaveCount(1);
  await page.getByRole('button', { name: 'Leave your comment' }).click();
  await expect(page.getByLabel('Your comment')).toHaveValue('');
  await expect(page.getByLabel('Your name')).toHaveValue('Aline Uwase');
});
