// The release wasm runs on a stack of its own size (build.rs), smaller than the linker's 1 MiB so a
// reader's phone does not keep memory for nothing. Its stack lies below everything else in the
// wasm's memory, so running out traps instead of overwriting data: a trap a reader would meet as
// a dead page. This walks the journeys with the deepest calls, in one page (client-side), and
// checks the deepest the stack went left at least half of it unused.
//
// Needs INKURU_DIST (the built app; `cargo xtask test` passes it), to read the stack's size.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { appStarted, toComments, watchErrors } from './helpers.mjs';

const DIST = process.env.INKURU_DIST;

/**
 * The size of the first module's stack: where its stack pointer (the first global, as the linker
 * writes it) starts, the stack growing down from there to 0.
 */
function stackSize() {
  const name = readdirSync(DIST).find((file) => /^inkuru-[0-9a-f]+_bg\.wasm$/.test(file));
  const bytes = readFileSync(join(DIST, name));
  let at = 8;
  const leb = () => {
    let value = 0;
    let scale = 1;
    let byte;
    do {
      byte = bytes[at];
      at += 1;
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  };
  while (at < bytes.length) {
    const section = bytes[at];
    at += 1;
    const size = leb();
    if (section === 6) {
      leb(); // how many globals
      at += 2; // the first one's type and mutability
      if (bytes[at] !== 0x41) throw new Error('the stack pointer does not start at a constant');
      at += 1;
      return leb();
    }
    at += size;
  }
  throw new Error(`${name} has no globals`);
}

/** How many bytes of the stack were ever written: untouched stack is still zero. */
async function stackUsed(page, size) {
  return page.evaluate(async (size) => {
    const loader = [...document.querySelectorAll('script[type=module]')]
      .map((script) => script.textContent.match(/import\(["']([^"']+\.js)["']\)/))
      .find(Boolean);
    // The app's module is already loaded and started: this returns its running instance.
    const app = await import(loader[1]);
    const wasm = await app.default();
    const stack = new Uint8Array(wasm.memory.buffer, 0, size);
    const deepest = stack.findIndex((byte) => byte !== 0);
    return deepest < 0 ? 0 : size - deepest;
  }, size);
}

test('the heaviest journeys use less than half of the wasm stack', async ({ page }) => {
  test.skip(!DIST, 'needs INKURU_DIST (cargo xtask test passes it)');
  const size = stackSize();
  const errors = watchErrors(page);

  await page.goto('/');
  await appStarted(page);
  await page.getByRole('button', { name: 'All sections' }).click();
  await page.locator('#all-sections').getByRole('link', { name: 'Out of Rwanda' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Out of Rwanda');

  await page.getByRole('link', { name: /Rwandan chefs/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Rwandan chefs/);
  await toComments(page);
  await page.getByRole('button', { name: 'Leave your comment' }).click();
  await page.getByLabel('Your name').fill('Aline Uwase');
  await page.getByLabel('Your email').fill('aline@example.rw');
  await page.getByLabel('Your comment').fill(`Proud of them. ${Date.now()}`);
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.locator('.comment-status')).toContainText('published');

  const search = page.getByRole('search').getByLabel('Search Inkuru');
  await search.fill('festival');
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
  await expect(page.locator('.search-hit').first()).toBeVisible();

  const used = await stackUsed(page, size);
  console.log(`wasm stack: ${used} of ${size} bytes used`);
  expect(used).toBeGreaterThan(0);
  expect(used).toBeLessThan(size / 2);
  expect(errors).toEqual([]);
});
