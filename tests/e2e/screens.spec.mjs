// Every route at phone and desktop width, light and dark: axe finds nothing, and a screenshot of
// each goes to tests/e2e/screenshots/ (git-ignored) for people to look at.
import { test, expect } from '@playwright/test';
import { appStarted, expectNoAxeViolations, watchErrors } from './helpers.mjs';

const ROUTES = [
  ['home', '/'],
  ['section', '/news'],
  ['subsection', '/news/all-around/out-of-rwanda'],
  ['article', '/articles/rwandan-chefs-win-in-brussels'],
  ['search', '/search?q=kigali'],
  ['search-empty', '/search?q=zebrafish'],
  ['not-found', '/no-such-page'],
];
const SIZES = [['phone', 390, 844], ['desktop', 1366, 900]];

for (const scheme of ['light', 'dark']) {
  for (const [name, path] of ROUTES) {
    test(`${name} (${scheme}): no axe violations, screenshots at both widths`, async ({ page }) => {
      const errors = watchErrors(page);
      await page.emulateMedia({ colorScheme: scheme });
      for (const [size, width, height] of SIZES) {
        await page.setViewportSize({ width, height });
        await page.goto(path);
        await appStarted(page);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
        await page.screenshot({ path: `tests/e2e/screenshots/${name}-${size}-${scheme}.png` });
      }
      await expectNoAxeViolations(page);
      expect(errors).toEqual([]);
    });
  }
}
