// Comments on their way: shown at once as sending, then confirmed; kept in the outbox when the
// network or the server fails, and delivered exactly once when it can be; replies in place;
// hostile text shown inert; the abuse rules refusing programs, not people.
import { test, expect } from '@playwright/test';
import { appStarted, expectNoAxeViolations, toComments, watchErrors } from './helpers.mjs';

const ARTICLE = '/articles/lake-kivu-ferry-service-resumes';

async function fillForm(page, text, name = 'Aline Uwase') {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your email').fill('aline@example.rw');
  await page.getByLabel('Your comment').fill(text);
}

async function openForm(page, path = ARTICLE) {
  await page.goto(path);
  await toComments(page);
  await appStarted(page);
  await page.getByRole('button', { name: 'Leave your comment' }).click();
}

/** Posts a comment straight to the API, as another reader would have. */
async function postAsAnotherReader(request, slug, body, parentId) {
  const answer = await request.post(`/api/articles/${slug}/comments`, {
    data: { name: 'Bosco Habimana', email: 'bosco@example.rw', body, composed_ms: 15000, ...(parentId ? { parent_id: parentId } : {}) },
  });
  expect(answer.status()).toBe(201);
  return answer.json();
}

test('a comment shows at once as sending, then as published, with no reload', async ({ page }) => {
  const errors = watchErrors(page);
  await openForm(page);
  const text = `Good news for the islands. ${Date.now()}`;
  await fillForm(page, text);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/api/articles/*/comments', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    await held;
    return route.continue();
  });
  await page.getByRole('button', { name: 'Post comment' }).click();
  const entry = page.locator('.comment').filter({ hasText: text });
  await expect(entry).toContainText('Sending…');
  await expect(page.getByRole('button', { name: 'Posting…' })).toBeVisible();
  release();
  await expect(entry).not.toContainText('Sending…');
  await expect(entry).toHaveAttribute('id', /^comment-\d+$/);
  await expect(page.locator('.comment-status')).toContainText('published');
  await expect(page.getByLabel('Your comment')).toHaveValue('');
  expect(errors).toEqual([]);
});

test('posted while offline, delivered once the browser is back online, exactly once', async ({ page, context }) => {
  await openForm(page);
  const text = `Written on the ferry, no signal. ${Date.now()}`;
  await fillForm(page, text);
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.headers()['idempotency-key']); });
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Post comment' }).click();
  const entry = page.locator('.comment').filter({ hasText: text });
  await expect(entry).toContainText('Not sent yet — will retry');
  await expect(page.locator('.form-notice')).toContainText('kept in this browser');
  await expect(page.getByLabel('Your comment')).toHaveValue(text);
  // Clicking again while offline queues nothing new: it is the same submission.
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(entry).toHaveCount(1);

  await context.setOffline(false);
  await expect(entry).toHaveAttribute('id', /^comment-\d+$/);
  await expect(page.getByLabel('Your comment')).toHaveValue('');
  expect(new Set(posts.filter(Boolean)).size).toBe(1);
  await page.reload();
  await toComments(page);
  await expect(page.locator('.comment').filter({ hasText: text })).toHaveCount(1);
});

test('a comment left unsent is delivered on the next visit, from any page', async ({ page, context }) => {
  await openForm(page);
  const text = `Left in the outbox overnight. ${Date.now()}`;
  await fillForm(page, text);
  await page.route('**/api/articles/*/comments', (route) =>
    route.request().method() === 'POST' ? route.fulfill({ status: 502, body: 'Bad Gateway' }) : route.fallback());
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('.comment').filter({ hasText: text })).toContainText('Not sent yet');
  await page.close();

  // The next visit starts on the front page; the outbox sends the comment from there.
  const next = await context.newPage();
  const delivered = next.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 201);
  await next.goto('/');
  await delivered;
  await next.goto(ARTICLE);
  await toComments(next);
  await expect(next.locator('.comment').filter({ hasText: text })).toHaveCount(1);
  await expect(next.locator('.comment').filter({ hasText: text })).not.toContainText('Not sent');
});

test('a server error keeps the text; the reader can retry by hand, or discard', async ({ page }) => {
  await openForm(page);
  const text = `The timetable is still unclear. ${Date.now()}`;
  await fillForm(page, text);
  await page.route('**/api/articles/*/comments', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ code: 'internal', message: 'Something went wrong on our side.' }) })
      : route.fallback());
  await page.getByRole('button', { name: 'Post comment' }).click();
  const entry = page.locator('.comment').filter({ hasText: text });
  await expect(entry).toContainText('Not sent yet — will retry');
  await expect(page.locator('.form-notice')).toContainText('Something went wrong on our side.');
  await expect(page.getByLabel('Your comment')).toHaveValue(text);
  await expectNoAxeViolations(page);

  await page.unroute('**/api/articles/*/comments');
  await entry.getByRole('button', { name: 'Retry now' }).click();
  await expect(entry).toHaveAttribute('id', /^comment-\d+$/);
  await expect(page.getByLabel('Your comment')).toHaveValue('');

  // Discarding drops an unsent comment (its words are still in the form to post again).
  const second = `A second thought. ${Date.now()}`;
  await page.getByLabel('Your comment').fill(second);
  await page.route('**/api/articles/*/comments', (route) =>
    route.request().method() === 'POST' ? route.fulfill({ status: 503, body: '' }) : route.fallback());
  await page.getByRole('button', { name: 'Post comment' }).click();
  const unsent = page.locator('.comment.unsent').filter({ hasText: second });
  await expect(unsent).toContainText('Not sent yet');
  await unsent.getByRole('button', { name: 'Discard' }).click();
  await expect(unsent).toHaveCount(0);
  await expect(page.getByLabel('Your comment')).toHaveValue(second);
});

test('too many comments: the wait is said in words, and the comment goes out by itself once it has passed', async ({ page }) => {
  await openForm(page);
  const text = `A busy evening on the lake. ${Date.now()}`;
  await fillForm(page, text);
  const posts = [];
  await page.route('**/api/articles/*/comments', (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    posts.push(route.request().headers()['idempotency-key']);
    // The first attempt is turned away for 3 seconds; the next reaches the server.
    if (posts.length > 1) return route.fallback();
    return route.fulfill({
      status: 429,
      headers: { 'retry-after': '3' },
      contentType: 'application/json',
      body: JSON.stringify({ code: 'rate_limited', message: 'Too many comments on this article just now.' }),
    });
  });
  await page.getByRole('button', { name: 'Post comment' }).click();
  const entry = page.locator('.comment').filter({ hasText: text });
  await expect(page.locator('.form-notice')).toContainText('goes out by itself in 3 seconds');
  await expect(entry).toContainText('Not sent yet — will retry');
  await expect(entry.getByRole('button', { name: 'Retry now' })).toHaveCount(0);
  // No click: once the wait is over it is sent, and published, once.
  await expect(entry).toHaveAttribute('id', /^comment-\d+$/, { timeout: 15000 });
  await expect(page.locator('.comment-status')).toContainText('published');
  expect(posts).toHaveLength(2);
  expect(posts[1]).toBe(posts[0]);
});

test('Reply opens the form in place; the reply is shown nested under its comment', async ({ page, request }) => {
  const errors = watchErrors(page);
  const slug = 'rwandan-choir-sings-in-lyon';
  const first = await postAsAnotherReader(request, slug, `What a concert. ${Date.now()}`);
  await page.goto(`/articles/${slug}`);
  await toComments(page);
  await appStarted(page);
  const parent = page.locator(`#comment-${first.id}`);
  const reply = parent.getByRole('button', { name: 'Reply to Bosco Habimana' });
  await reply.click();
  await expect(reply).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Your name')).toBeFocused();
  await expect(parent.getByLabel('Your comment')).toBeVisible();
  await expectNoAxeViolations(page);
  // Escape cancels, returning to the button.
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Your name')).toBeHidden();
  await expect(reply).toBeFocused();

  await reply.click();
  const text = `I was there too! ${Date.now()}`;
  await fillForm(page, text);
  await page.getByRole('button', { name: 'Post comment' }).click();
  const nested = page.locator(`#replies-${first.id}`).locator('.comment').filter({ hasText: text });
  await expect(nested).toHaveAttribute('id', /^comment-\d+$/);
  await expect(reply).toBeFocused();

  // The thread collapses and expands.
  const toggle = page.getByRole('button', { name: 'Hide 1 reply' });
  await toggle.click();
  await expect(nested).toBeHidden();
  await page.getByRole('button', { name: 'Show 1 reply' }).click();
  await expect(nested).toBeVisible();

  await page.reload();
  await toComments(page);
  await expect(page.locator(`#replies-${first.id}`).locator('.comment').filter({ hasText: text })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('hostile text is shown as text: no script runs, no image loads, no javascript: link', async ({ page }) => {
  const errors = watchErrors(page);
  await openForm(page, '/articles/kinyarwanda-classes-in-toronto');
  await page.evaluate(() => { window.__pwned = 0; });
  const hostile = [
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned = 2">',
    'javascript:window.__pwned=3 and <a href="javascript:alert(1)">click</a>',
  ].join('\n');
  await fillForm(page, hostile, 'Mallory <b>');
  await page.getByRole('button', { name: 'Post comment' }).click();
  const posted = page.locator('.comment').filter({ hasText: '<script>' });
  await expect(posted).toHaveAttribute('id', /^comment-\d+$/);
  await expect(posted.locator('.comment-body')).toContainText('<img src=x onerror="window.__pwned = 2">');
  await expect(posted.locator('strong')).toHaveText('Mallory <b>');
  for (const render of ['app', 'reload']) {
    const comment = page.locator('.comment').filter({ hasText: '<script>' });
    await expect(comment.locator('script, img, b, [onerror]')).toHaveCount(0);
    await expect(comment.locator('a[href^="javascript"]')).toHaveCount(0);
    expect(await page.evaluate(() => window.__pwned ?? 0)).toBe(0);
    if (render === 'app') await page.reload();
    if (render === 'app') await toComments(page);
  }
  expect(errors).toEqual([]);
});

test('the form waits out the minimum writing time rather than refuse a quick reader', async ({ page }) => {
  await openForm(page, '/articles/students-abroad-launch-mentoring-network');
  const sent = page.waitForRequest((r) => r.method() === 'POST');
  await fillForm(page, `Quick but sincere. ${Date.now()}`);
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Post comment' }).click();
  const request = await sent;
  expect(request.postDataJSON().composed_ms).toBeGreaterThanOrEqual(2000);
  expect(request.postDataJSON().website ?? '').toBe('');
  expect(Date.now() - clicked).toBeGreaterThanOrEqual(1000);
  await expect(page.locator('.comment-status')).toContainText('published');
});

test('a quick reader who reloads while the minimum writing time runs out loses nothing', async ({ page }) => {
  const path = '/articles/students-abroad-launch-mentoring-network';
  await openForm(page, path);
  const text = `Posted and reloaded at once. ${Date.now()}`;
  await fillForm(page, text);
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.headers()['idempotency-key']); });
  await page.getByRole('button', { name: 'Post comment' }).click();
  // Kept the moment "Post comment" is pressed, before anything is sent.
  expect(await page.evaluate(() => localStorage.getItem('inkuru.outbox'))).toContain('Posted and reloaded at once.');
  expect(posts).toEqual([]);
  await page.reload();
  await toComments(page);
  await expect(page.locator('.comment').filter({ hasText: text })).toHaveAttribute('id', /^comment-\d+$/, { timeout: 15000 });
  expect(posts).toHaveLength(1);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('inkuru.outbox'))).toBeNull();
});

test('a program filling the hidden field is refused at the comment, which stays', async ({ page }) => {
  await openForm(page, '/articles/students-abroad-launch-mentoring-network');
  const text = `Buy cheap followers ${Date.now()}`;
  await fillForm(page, text, 'Bot');
  // People never see the field: it is off screen, hidden from assistive technology, not tabbable.
  const trap = page.locator('#comment-website');
  await expect(trap).toHaveAttribute('tabindex', '-1');
  await expect(page.getByRole('textbox', { name: 'Leave this field empty' })).toHaveCount(0);
  await trap.fill('https://spam.example', { force: true });
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('#comment-body-error')).toContainText('never see');
  await expect(page.getByLabel('Your comment')).toHaveValue(text);
});

test('an article closed to comments says so and offers no form', async ({ page }) => {
  await page.goto('/articles/health-posts-add-weekend-hours');
  await toComments(page);
  await appStarted(page);
  await expect(page.getByText('Comments are closed on this article.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Leave your comment' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Reply/ })).toHaveCount(0);
});

test('axe finds nothing with the panel open', async ({ page }) => {
  await openForm(page);
  await expect(page.getByLabel('Your name')).toBeFocused();
  await expectNoAxeViolations(page);
});
