// Hostile answers never blank a page (issue 16): every route of the app against an API that
// answers garbage, truncated JSON, the wrong types, an HTML error page, 500 and 503, or a huge
// body. Each page must say what went wrong in a sentence and offer Retry (or, for a page drawn
// from the browser alone, still show itself), and nothing may panic: a panic in the wasm is an
// uncaught error the page reports, which fails the test.
//
// The page is served without the answers the server embeds in it, so the app has to ask the API,
// and every API request then gets the hostile answer.
import { test, expect } from '@playwright/test';
import { appStarted, watchErrors } from './helpers.mjs';

// The service worker would answer from its cache, out of `page.route`'s sight.
test.use({ serviceWorkers: 'block' });

const HUGE = `[${'1,'.repeat(4_000_000)}1]`;

const ANSWERS = {
  garbage: { status: 200, contentType: 'text/plain', body: '%%% this is not JSON <<<' },
  truncated: { status: 200, contentType: 'application/json', body: '{"items": [{"slug": "kigali-ja' },
  'wrong types': { status: 200, contentType: 'application/json', body: '{"items": "many", "page": "one", "sections": 5, "lead": [], "headline": 7}' },
  'an HTML error page': { status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>' },
  500: { status: 500, contentType: 'application/json', body: '{"code":"internal","message":"Something went wrong on our side."}' },
  503: { status: 503, contentType: 'text/plain', body: '' },
  'a huge body': { status: 200, contentType: 'application/json', body: HUGE },
};

// Each route, and what it shows when its data cannot be had.
const ROUTES = [
  { path: '/', alert: true },
  { path: '/news', alert: true },
  { path: '/articles/kigali-jazz-nights-return', alert: true, heading: /Jazz nights/ },
  { path: '/search?q=kigali', alert: true },
  { path: '/saved', alert: false, heading: 'Saved articles' },
  { path: '/desk', alert: true },
];

/** Serves `path`'s page without its embedded answers, and every API request with `answer`. */
async function hostile(page, path, answer) {
  const pathname = new URL(path, 'http://x').pathname;
  await page.route((url) => url.pathname === pathname, async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script type="application\/json" data-api-path="[^"]*">.*?<\/script>/gs, '');
    return route.fulfill({ response, body: html });
  });
  await page.route('**/api/**', (route) => route.fulfill(answer));
}

for (const [kind, answer] of Object.entries(ANSWERS)) {
  test(`every route answered with ${kind} says so, offers Retry and never panics`, async ({ page }) => {
    test.setTimeout(90_000);
    const errors = watchErrors(page);
    for (const route of ROUTES) {
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await hostile(page, route.path, answer);
      await page.goto(route.path);
      // The reader moves; the app has started (its header is in place) and drawn what it could.
      await appStarted(page);
      if (route.alert) {
        const alert = page.getByRole('alert').first();
        await expect(alert, `${route.path}: a sentence`).toContainText(/\w+ \w+ \w+/);
        await expect(alert.getByRole('button', { name: 'Retry' }), route.path).toBeVisible();
      }
      if (route.heading) {
        await expect(page.getByRole('heading', { level: 1 }), route.path).toHaveText(route.heading);
      }
      // Never a blank page: the main region holds something to read.
      await expect.poll(() => page.locator('main').innerText(), { message: route.path }).toMatch(/\w{3}/);
      expect(errors, `${route.path} with ${kind}`).toEqual([]);
    }
  });
}

test('Retry after a bad answer brings the page once the API answers again', async ({ page }) => {
  const errors = watchErrors(page);
  await hostile(page, '/news', ANSWERS.truncated);
  await page.goto('/news');
  await appStarted(page);
  const alert = page.getByRole('alert').first();
  await expect(alert).toBeVisible();
  await page.unroute('**/api/**');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('.card-grid .card').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('a stalled API: every route gives up in time, says so and offers Retry', async ({ context }) => {
  test.setTimeout(90_000);
  await Promise.all(ROUTES.map(async (route) => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await hostile(page, route.path, ANSWERS[500]);
    // Every API request hangs: no answer, no error, as behind a stalled proxy.
    await page.unroute('**/api/**');
    await page.route('**/api/**', () => new Promise(() => {}));
    await page.goto(route.path);
    await appStarted(page);
    if (route.alert) {
      const alert = page.getByRole('alert').first();
      await expect(alert, route.path).toContainText('taking too long', { timeout: 25_000 });
      await expect(alert.getByRole('button', { name: 'Retry' }), route.path).toBeVisible();
    }
    await expect.poll(() => page.locator('main').innerText(), { message: route.path }).toMatch(/\w{3}/);
    expect(errors, route.path).toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  }));
});
