// Reading journeys: the front page, the section navigation, an article, deep links, not found, and
// an API that is down.
import { test, expect } from '@playwright/test';
import { appStarted, expectNoAxeViolations, toComments, watchErrors } from './helpers.mjs';

test('home → section navigation → article, all client-side', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await appStarted(page);
  await expect(page.getByRole('link', { name: 'Inkuru' })).toBeVisible();
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await expect(sections.getByRole('link')).toHaveText(['News', 'Business', 'Sport', 'Culture']);
  await expect(page.locator('.lead article h2')).not.toBeEmpty();

  // A flag on window survives only if no full page load happens.
  await page.evaluate(() => { window.__stillTheSamePage = true; });
  await sections.getByRole('link', { name: 'News' }).click();
  await expect(page).toHaveURL(/\/news$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('News');
  await expect(sections.getByRole('link', { name: 'News' })).toHaveAttribute('aria-current', 'page');

  await page.getByRole('navigation', { name: 'Sections in News' }).getByRole('link', { name: 'All around' }).click();
  await expect(page).toHaveURL(/\/news\/all-around$/);
  await page.getByRole('link', { name: 'Out of Rwanda' }).first().click();
  await expect(page).toHaveURL(/\/news\/all-around\/out-of-rwanda$/);
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('listitem')).toHaveText(['Home', 'News', 'All around', 'Out of Rwanda']);

  const story = page.locator('.card h2 a').first();
  const headline = await story.textContent();
  await story.click();
  await expect(page).toHaveURL(/\/articles\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem'))
    .toHaveText(['Home', 'News', 'All around', 'Out of Rwanda']);
  await expect(page.locator('.byline')).toContainText('By ');
  await expect(page.locator('.byline time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
  expect(await page.locator('.article-body p').count()).toBeGreaterThan(1);
  await expect(page).toHaveTitle(`${headline} · Inkuru`);
  expect(await page.evaluate(() => window.__stillTheSamePage)).toBe(true);
  expect(errors).toEqual([]);
});

test('a deep link to an article survives a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/articles/rwandan-chefs-win-in-brussels');
  const headline = page.getByRole('heading', { level: 1 });
  await expect(headline).toHaveText('Two Rwandan chefs take top prize at a Brussels food festival');
  await page.reload();
  await expect(headline).toHaveText('Two Rwandan chefs take top prize at a Brussels food festival');
  const hero = page.locator('.hero img');
  await expect(hero).toHaveAttribute('width', '1200');
  await expect(hero).toHaveAttribute('height', '675');
  expect(await hero.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test('the front page and a section page pass axe', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.card').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/news/all-around/out-of-rwanda');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Out of Rwanda');
  await expectNoAxeViolations(page);
});

test("the title stays the page's own while the next page's code and data are on their way", async ({ page }) => {
  // The section page's code never arrives: the app starts, and the server's title stays.
  await page.route(/inkuru-section_page-[0-9a-f]{16}\.wasm$/, () => {});
  await page.goto('/news');
  await appStarted(page);
  await expect(page).toHaveTitle('News · Inkuru');
  await page.unroute(/inkuru-section_page-[0-9a-f]{16}\.wasm$/);
  // Moving on: until the article has drawn itself, the title is the page left, never blank.
  await page.route('**/api/articles/amavubi-win-qualifier', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue().catch(() => {});
  });
  await page.goto('/sport');
  await appStarted(page);
  const titles = [];
  const watcher = setInterval(() => page.title().then((t) => titles.push(t)).catch(() => {}), 50);
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = '/articles/amavubi-win-qualifier';
    link.textContent = 'go';
    document.querySelector('main').append(link);
    link.click();
  });
  await expect(page).toHaveTitle(/Late header.* · Inkuru/);
  clearInterval(watcher);
  expect(titles.length).toBeGreaterThan(3);
  expect(titles.filter((t) => t.trim() === '')).toEqual([]);
});

test('an unknown article shows a real not-found page', async ({ page }) => {
  await page.goto('/articles/this-story-does-not-exist');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByText('No article has this address.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the front page' })).toHaveAttribute('href', '/');
  await page.goto('/no/such/section');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('an API that is down shows a message and Retry, never a blank page', async ({ page }) => {
  // Serve the page (only the page, not its API read) without the answers the server embeds, so
  // the app has to ask the API.
  await page.route((url) => url.pathname === '/articles/amavubi-win-qualifier', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script type="application\/json" data-api-path="[^"]*">.*?<\/script>/gs, '');
    await route.fulfill({ response, body: html });
  });
  await page.route('**/api/articles/amavubi-win-qualifier', (route) => route.abort('connectionrefused'));
  await page.goto('/articles/amavubi-win-qualifier');
  await appStarted(page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('could not reach Inkuru');
  // The article the server wrote into the page stays readable above the notice.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Late header/);
  await page.unroute('**/api/articles/amavubi-win-qualifier');
  await alert.getByRole('button', { name: 'Retry' }).click();
  // The retry reached the API: the notice is gone, the comments below the article are there.
  await expect(alert).toHaveCount(0);
  await toComments(page);
  await expect(page.getByRole('heading', { name: /^Comments/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Late header/);
});

test('the masthead and the section links paint before the wasm arrives', async ({ page }) => {
  // Hold the wasm back: what shows then is the HTML the server sent, alone.
  await page.route('**/*.wasm', () => {});
  await page.goto('/news', { waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('link', { name: 'Inkuru' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections', exact: true }).getByRole('link')).toHaveCount(4);
  await expect(page.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
});

test('a page loaded by URL renders from the answers embedded in it, with no API round trip', async ({ page }) => {
  const apiReads = [];
  page.on('request', (r) => { if (r.url().includes('/api/articles') || r.url().includes('/api/sections')) apiReads.push(r.url()); });
  await page.goto('/articles/lake-kivu-ferry-service-resumes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Ferry service on the lake resumes/);
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link')).toHaveCount(4);
  // The comments are fetched; the article and the section tree came with the page.
  expect(apiReads.filter((u) => !u.endsWith('/comments'))).toEqual([]);
});

test('an article URL shows the article before the app starts, and the app keeps it in place', async ({ page }) => {
  // Without the wasm the server-written article is the whole page: readable, nothing missing.
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto('/articles/rwandan-chefs-win-in-brussels');
  const headline = page.getByRole('heading', { level: 1 });
  await expect(headline).toHaveText('Two Rwandan chefs take top prize at a Brussels food festival');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem').first()).toHaveText('Home');
  await expect(page.locator('.hero img')).toHaveAttribute('width', '1200');
  expect(await page.locator('.article-body p').count()).toBeGreaterThan(1);
  await expect(page.locator('.byline time')).toHaveText(/\d{4}/);

  // With the app: it mounts around the same node (still inside #prerendered), draws nothing twice.
  const errors = watchErrors(page);
  await page.unroute(/\.wasm$/);
  await page.reload();
  await toComments(page);
  await expect(page.getByRole('heading', { name: /^Comments/ })).toBeVisible();
  await expect(page.locator('#prerendered #article-headline')).toHaveCount(1);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('header.site-header')).toHaveCount(1);
  await expect(page.locator('footer.site-footer')).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link')).toHaveCount(4);

  // The first navigation hands the page over to the app; Back draws the article as the app does.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.locator('.lead article h2')).not.toBeEmpty();
  await expect(page.locator('#prerendered')).toHaveCount(0);
  await page.goBack();
  await expect(headline).toHaveText('Two Rwandan chefs take top prize at a Brussels food festival');
  await expect(page.locator('h1')).toHaveCount(1);
  await toComments(page);
  await expect(page.getByRole('heading', { name: /^Comments/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test('home and section pages paint from the server and hand over to the app', async ({ page }) => {
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto('/news?page=2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('News');
  await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
  expect(await page.locator('.card h2 a').count()).toBeGreaterThan(0);
  const sections = page.getByRole('navigation', { name: 'Sections', exact: true });
  await expect(sections.getByRole('link')).toHaveText(['News', 'Business', 'Sport', 'Culture']);
  await expect(sections.getByRole('link', { name: 'News' })).toHaveAttribute('aria-current', 'page');

  const errors = watchErrors(page);
  await page.unroute(/\.wasm$/);
  await page.goto('/');
  await appStarted(page);
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link')).toHaveCount(4);
  await expect(page.locator('#prerendered .lead article h2')).toHaveCount(1);
  await expect(page.locator('.lead article')).toHaveCount(1);

  // Client-side: a section, then its next page; each drawn once, the server's copy gone.
  await page.evaluate(() => { window.__stillTheSamePage = true; });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'News' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('News');
  await expect(page.locator('#prerendered')).toHaveCount(0);
  await page.getByRole('link', { name: 'Older →' }).click();
  await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
  await expect(page.locator('h1')).toHaveCount(1);
  expect(await page.evaluate(() => window.__stillTheSamePage)).toBe(true);
  expect(errors).toEqual([]);
});

test('after a navigation focus is on the new heading, the change is announced, and Back returns to where the reader was', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/news');
  await appStarted(page);
  await page.evaluate(() => window.scrollTo(0, 1600));
  const left = await page.evaluate(() => window.scrollY);
  expect(left).toBeGreaterThan(800);
  // A story in view at that position.
  const story = page.locator('.card h2 a').nth(3);
  const headline = (await story.textContent()).trim();
  await story.click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(headline);
  await expect(heading).toBeFocused();
  await expect(page.locator('#route-announcer')).toHaveText(headline);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);

  await page.goBack();
  await expect(heading).toHaveText('News');
  await expect(page.locator('#route-announcer')).toHaveText('News');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(left);
  expect(errors).toEqual([]);
});

/**
 * On the next Back, holds the page's main region to 1,200 px for `ms` milliseconds, as a long
 * list still drawing on a slow phone would be (through the style object, each frame: the site's
 * policy refuses a <style> element, and the region may be redrawn).
 */
async function holdShortAfterBack(page, ms) {
  await page.evaluate((duration) => {
    addEventListener('popstate', () => {
      const started = performance.now();
      const hold = () => {
        const main = document.querySelector('main');
        const holding = performance.now() - started < duration;
        Object.assign(main.style, holding ? { maxHeight: '1200px', overflow: 'hidden' } : { maxHeight: '', overflow: '' });
        if (holding) requestAnimationFrame(hold);
      };
      hold();
    }, { once: true });
  }, ms);
}

test('Back to a long section whose list is still being drawn on arrival still returns to where the reader was', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/news');
  await appStarted(page);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight - 1200));
  const left = await page.evaluate(() => window.scrollY);
  expect(left).toBeGreaterThan(3000);
  const story = page.locator('.card h2 a').last();
  const headline = (await story.textContent()).trim();
  await story.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);
  // A slow phone: when the app returns to the section, its list takes a moment more to reach its
  // full height (the page is held short for 600 ms after Back, as a list still drawing would be).
  await holdShortAfterBack(page, 600);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('News');
  await expect.poll(() => page.evaluate(() => window.scrollY), { timeout: 5000 }).toBe(left);
  expect(errors).toEqual([]);
});

test('a reader who scrolls while the page Back returns to is still drawing keeps control of the scroll', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/news');
  await appStarted(page);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight - 1200));
  await page.locator('.card h2 a').last().click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('News');
  await holdShortAfterBack(page, 1500);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('News');
  // The app has begun returning the reader (as far as the short page allows)...
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  // ...and the reader scrolls up themselves before the list is whole: the app must not pull them
  // back down.
  await page.mouse.move(200, 400);
  await page.mouse.wheel(0, -300);
  await page.waitForTimeout(1800);
  const y = await page.evaluate(() => window.scrollY);
  expect(y).toBeLessThan(1200);
});

test('keyboard only: through the "All sections" menu to a subsection, then to a story', async ({ page }) => {
  await page.goto('/');
  await appStarted(page);
  const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  // The skip link comes first.
  await page.keyboard.press('Tab');
  expect(await focusedText()).toBe('Skip to content');
  for (let i = 0; i < 20 && (await focusedText()) !== 'All sections'; i += 1) await page.keyboard.press('Tab');
  expect(await focusedText()).toBe('All sections');
  await page.keyboard.press('Enter');
  // Focus is moved into the menu, on its first section, once it has opened (the move runs after the
  // panel is shown, so it is waited for, not read at once); the subsections follow in order.
  await expect.poll(focusedText).toBe('News');
  for (let i = 0; i < 6 && (await focusedText()) !== 'Out of Rwanda'; i += 1) await page.keyboard.press('Tab');
  expect(await focusedText()).toBe('Out of Rwanda');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/news\/all-around\/out-of-rwanda$/);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Out of Rwanda');
  await expect(heading).toBeFocused();
  // From the heading, Tab goes on into the page, to the stories.
  const isStory = () => page.evaluate(() => !!document.activeElement?.closest('.card'));
  for (let i = 0; i < 12 && !(await isStory()); i += 1) await page.keyboard.press('Tab');
  expect(await isStory()).toBe(true);
  const headline = await focusedText();
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText(headline);
  await expect(heading).toBeFocused();
});

test('an article shows its topics, the site\'s "Follow us" links and related stories, drawn alike by server and app', async ({ page }) => {
  const errors = watchErrors(page);
  // Written by the server.
  await page.goto('/articles/rwandan-chefs-win-in-brussels');
  await appStarted(page);
  const topics = page.getByRole('navigation', { name: 'Topics' }).getByRole('link');
  expect(await topics.count()).toBeGreaterThan(0);
  await expect(topics.first()).toHaveAttribute('href', /^\/search\?q=/);
  const follow = page.getByRole('region', { name: 'Follow us' }).getByRole('link');
  const followLinks = await follow.count();
  expect(followLinks).toBeGreaterThan(0);
  const related = page.getByRole('complementary', { name: 'Related stories' }).getByRole('link');
  expect(await related.count()).toBeGreaterThan(0);
  const next = (await related.first().textContent()).trim();

  // Drawn by the app after an in-app navigation: the same parts.
  await related.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(next);
  await expect.poll(() => page.getByRole('navigation', { name: 'Topics' }).getByRole('link').count()).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: 'Follow us' }).getByRole('link')).toHaveCount(followLinks);
  await expect.poll(() => page.getByRole('complementary', { name: 'Related stories' }).getByRole('link').count()).toBeGreaterThan(0);

  // A topic leads to the stories about it.
  const topic = page.getByRole('navigation', { name: 'Topics' }).getByRole('link').first();
  const name = (await topic.textContent()).trim();
  await topic.click();
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.locator('.search-summary')).toContainText(name.toLowerCase());
  expect(errors).toEqual([]);
});

test('the front page: the lead story with its picture, then each section with its top stories', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await appStarted(page);
  await expect(page.locator('.lead .card img')).toHaveCount(1);
  const blocks = page.locator('.front-section');
  await expect(blocks.getByRole('heading', { level: 2 })).toHaveText(['News', 'Business', 'Sport', 'Culture']);
  for (const block of await blocks.all()) {
    expect(await block.getByRole('heading', { level: 3 }).count()).toBeGreaterThan(0);
  }
  // Drawn by the app too (after leaving and coming back), the same way.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Sport' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sport');
  await page.getByRole('link', { name: 'Inkuru' }).click();
  await expect(blocks.getByRole('heading', { level: 2 })).toHaveText(['News', 'Business', 'Sport', 'Culture']);
  await blocks.getByRole('link', { name: 'Business' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Business');
  expect(errors).toEqual([]);
});

test('"All sections" is a disclosure that reaches every subsection, by keyboard too', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await appStarted(page);
  const button = page.getByRole('button', { name: 'All sections' });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(button).toHaveAttribute('aria-controls', 'all-sections');
  await expect(page.locator('#all-sections')).toBeHidden();

  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const panel = page.locator('#all-sections');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('link', { name: 'News', exact: true })).toBeFocused();
  await expect(panel.getByRole('link', { name: 'Out of Rwanda' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(button).toBeFocused();

  await page.keyboard.press('Enter');
  await panel.getByRole('link', { name: 'Out of Rwanda' }).click();
  await expect(page).toHaveURL(/\/news\/all-around\/out-of-rwanda$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Out of Rwanda');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).toBeHidden();
  expect(errors).toEqual([]);
});

test('leaving a page cancels what it was still loading, and the next page is not disturbed', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/news');
  await appStarted(page);
  // The article's answer is slow to come.
  await page.route('**/api/articles/*', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await route.continue().catch(() => {});
  });
  const aborted = [];
  page.on('requestfailed', (request) => {
    if (request.url().includes('/api/articles/')) aborted.push(request.failure()?.errorText ?? '');
  });
  const asked = page.waitForRequest('**/api/articles/*');
  await page.locator('.card h2 a').first().click();
  await expect(page).toHaveURL(/\/articles\//);
  await asked;
  // The reader gives up and goes to another section before it arrives.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Sport' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sport');
  await expect.poll(() => aborted.length).toBe(1);
  expect(aborted[0]).toContain('ABORTED');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});
