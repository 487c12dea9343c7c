// The reader's display settings: dark mode (following the system until the reader chooses) and
// text size, both remembered and applied before the first paint.
import { test, expect } from '@playwright/test';
import { appStarted, expectNoAxeViolations, watchErrors } from './helpers.mjs';

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const DARK_PAPER = 'rgb(18, 18, 18)';
const LIGHT_PAPER = 'rgb(253, 252, 248)';

test('dark mode follows the system until the reader chooses, and the choice is remembered', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/news');
  await appStarted(page);
  const dark = page.getByRole('group', { name: 'Display' }).getByRole('button', { name: 'Dark' });
  await expect.poll(() => background(page)).toBe(DARK_PAPER);
  await expect(dark).toHaveAttribute('aria-pressed', 'true');

  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe(LIGHT_PAPER);
  await dark.click();
  await expect(dark).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => background(page)).toBe(DARK_PAPER);
  await expectNoAxeViolations(page);

  // Remembered, and in force before the app starts (index.html's head applies it).
  await page.route('**/*.wasm', () => {});
  await page.reload({ waitUntil: 'domcontentloaded' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => background(page)).toBe(DARK_PAPER);
  expect(errors).toEqual([]);
});

test('text size grows and shrinks within limits and is remembered', async ({ page }) => {
  await page.goto('/');
  await appStarted(page);
  const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  const group = page.getByRole('group', { name: 'Display' });
  await expect.poll(rootSize).toBe('16px');
  await group.getByRole('button', { name: 'Larger text' }).click();
  await group.getByRole('button', { name: 'Larger text' }).click();
  await expect.poll(rootSize).toBe('20px');
  await page.reload();
  await expect.poll(rootSize).toBe('20px');
  await appStarted(page);
  const smaller = group.getByRole('button', { name: 'Smaller text' });
  // Down to the smallest step, where the button says it can go no further.
  for (let i = 0; i < 5 && (await smaller.getAttribute('aria-disabled')) !== 'true'; i += 1) await smaller.click();
  await expect.poll(rootSize).toBe('15px');
  await expect(smaller).toHaveAttribute('aria-disabled', 'true');
});
