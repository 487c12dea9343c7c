// Feeds as readers meet them: each page names the feeds that follow it (discovery links a feed
// reader finds when given the page), the server answers them, and the footer's "Follow us in a
// feed reader" shows the addresses, by keyboard too, axe-clean.
import { test, expect } from '@playwright/test';
import { appStarted, expectNoAxeViolations, watchErrors } from './helpers.mjs';

/** The page's feed discovery links: type, address (path) and title (not its oEmbed link). */
async function discovery(page) {
  return page.locator('head link[rel="alternate"]:not([type="application/json+oembed"])').evaluateAll((links) =>
    links.map((l) => ({ type: l.type, path: new URL(l.href).pathname, title: l.title })));
}

/** Each discovered feed answers with its own type and names the page's stories. */
async function answers(page, links) {
  for (const link of links) {
    const answer = await page.request.get(link.path);
    expect(answer.status(), link.path).toBe(200);
    expect(answer.headers()['content-type']).toBe(`${link.type}; charset=utf-8`);
  }
}

test('the front page, a section and an article name their feeds, before and after the app starts', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const home = await discovery(page);
  expect(home).toEqual([
    { type: 'application/atom+xml', path: '/feeds/atom.xml', title: 'Inkuru (Atom)' },
    { type: 'application/rss+xml', path: '/feeds/rss.xml', title: 'Inkuru (RSS)' },
    { type: 'application/feed+json', path: '/feeds/feed.json', title: 'Inkuru (JSON Feed)' },
  ]);
  await appStarted(page);
  expect(await discovery(page)).toEqual(home);
  await answers(page, home);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Business' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Business');
  await expect.poll(() => discovery(page)).toEqual([
    { type: 'application/atom+xml', path: '/feeds/sections/business/atom.xml', title: 'Business (Atom)' },
    { type: 'application/rss+xml', path: '/feeds/sections/business/rss.xml', title: 'Business (RSS)' },
    { type: 'application/feed+json', path: '/feeds/sections/business/feed.json', title: 'Business (JSON Feed)' },
  ]);
  await answers(page, await discovery(page));

  await page.locator('.card a').first().click();
  await expect(page.locator('.byline .author')).toBeVisible();
  const author = (await page.locator('.byline .author').textContent()).trim();
  const section = (await page.locator('.section-label').textContent()).trim();
  await expect.poll(() => discovery(page)).toEqual([
    expect.objectContaining({ type: 'application/atom+xml', title: `${section} (Atom)` }),
    expect.objectContaining({ type: 'application/atom+xml', title: `Stories by ${author} (Atom)` }),
  ]);
  const links = await discovery(page);
  await answers(page, links);
  // The article names its oEmbed answer once, for its own address, after the app's navigation too.
  const oembed = page.locator('head link[type="application/json+oembed"]');
  await expect(oembed).toHaveCount(1);
  expect(new URL(await oembed.getAttribute('href')).searchParams.get('url')).toBe(page.url());
  // The author's feed holds the story on screen.
  const feed = await (await page.request.get(links[1].path)).text();
  expect(feed).toContain(new URL(page.url()).pathname);
  // And the server wrote the same links for this article's own URL.
  const served = await page.request.get(new URL(page.url()).pathname);
  for (const link of links) expect(await served.text()).toContain(`href="${link.path}"`);
  expect(errors).toEqual([]);
});

test('"Follow us in a feed reader" shows the feed addresses, by keyboard, axe-clean', async ({ page, baseURL }) => {
  await page.goto('/');
  await appStarted(page);
  const entry = page.locator('.site-footer details');
  const summary = entry.getByText('Follow us in a feed reader');
  await expect(entry.getByRole('link', { name: /feeds\/atom\.xml/ })).toBeHidden();
  await summary.focus();
  await expect(summary).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(entry).toHaveAttribute('open', '');
  const origin = new URL(baseURL).origin;
  for (const file of ['atom.xml', 'rss.xml', 'feed.json']) {
    const link = entry.getByRole('link', { name: `${origin}/feeds/${file}` });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('href', `/feeds/${file}`);
  }
  await expect(entry).toContainText('A feed reader');
  await page.keyboard.press('Tab');
  await expect(entry.getByRole('link').first()).toBeFocused();
  await expectNoAxeViolations(page);
  // Following a link opens the feed itself, not the app's idea of a page at that address.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${origin}/feeds/atom.xml`);
  await expect(page.locator('body')).toContainText('<feed xmlns="http://www.w3.org/2005/Atom"');
  await page.goBack();
  await expect(summary).toBeVisible();
});
