// A new build deployed while a reader has a page open: the page's own build's chunks are gone from
// the server, and the reader uses something whose code is a chunk not fetched yet. The page reloads
// once onto the new build, says why, and keeps what the reader typed.
//
// This spec runs its own server (INKURU_SERVER, INKURU_DIST: `cargo xtask test` passes them), on a
// copy of the build, and "deploys" a new build under the open page: the same files under new
// content hashes, the old ones gone, the server restarted on the same address and database.
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { appStarted, freePort, startServer, stopServer, toComments, watchErrors } from './helpers.mjs';

const BINARY = process.env.INKURU_SERVER;
const DIST = process.env.INKURU_DIST;

// Trunk's hashes lose their leading zeros (15 digits in one build of sixteen).
const HASHED = /^(inkuru-(?:[a-z0-9_]+-)?)([0-9a-f]{12,16})((?:_bg)?\.(?:wasm|js))$/;

/**
 * A "new build" of `from` in `to`: every content-hashed file under a new hash, every reference to
 * it rewritten, the old names gone (as after a real deploy). Compressed copies are left out: the
 * server then sends the files as they are.
 */
function newBuild(from, to) {
  cpSync(from, to, { recursive: true });
  const renames = new Map();
  for (const name of readdirSync(to)) {
    if (name.endsWith('.br') || name.endsWith('.gz')) { unlinkSync(join(to, name)); continue; }
    const match = HASHED.exec(name);
    if (!match) continue;
    const flipped = [...match[2]].map((c) => (15 - parseInt(c, 16)).toString(16)).join('');
    renames.set(name, `${match[1]}${flipped}${match[3]}`);
  }
  for (const [oldName, newName] of renames) renameSync(join(to, oldName), join(to, newName));
  for (const name of readdirSync(to).filter((n) => n.endsWith('.js') || n.endsWith('.html'))) {
    let text = readFileSync(join(to, name), 'utf8');
    for (const [oldName, newName] of renames) text = text.replaceAll(oldName, newName);
    writeFileSync(join(to, name), text);
  }
  return renames;
}

test.skip(!BINARY || !DIST, 'needs INKURU_SERVER and INKURU_DIST (`cargo xtask test` passes them)');

/**
 * Runs `body(base, deploy)` against a server of its own on a copy of the build; `deploy()` puts a
 * new build in its place under the open page (the server restarted on the same address and
 * database) and returns the renames.
 */
async function withOwnServer(body) {
  const work = mkdtempSync(join(tmpdir(), 'inkuru-deploy-'));
  const port = await freePort();
  const before = join(work, 'before');
  cpSync(DIST, before, { recursive: true });
  let server = await startServer(BINARY, port, before, work);
  const deploy = async () => {
    await stopServer(server);
    const renames = newBuild(before, join(work, 'after'));
    rmSync(before, { recursive: true, force: true });
    server = await startServer(BINARY, port, join(work, 'after'), work);
    return renames;
  };
  try {
    await body(`http://127.0.0.1:${port}`, deploy);
  } finally {
    await stopServer(server);
    rmSync(work, { recursive: true, force: true });
  }
}

test('a page open across a deploy reloads once onto the new build, says why, and keeps the draft', async ({ page }) => {
  await withOwnServer(async (base, deploy) => {
    const errors = watchErrors(page);
    // Once idle, the page compiles every chunk ahead (xtask/src/compile_ahead.rs); a chunk it
    // already holds keeps working across a deploy. The Saved page's is held back here, as on a
    // connection too slow to have fetched it yet, so the deploy finds it missing.
    const savedChunk = /inkuru-saved_page-[0-9a-f]{16}\.wasm$/;
    await page.route(savedChunk, (route) => route.abort());
    await page.goto(`${base}/articles/kigali-jazz-nights-return`);
    await toComments(page);
    await page.getByRole('button', { name: 'Leave your comment' }).click();
    const draft = `Typed before the deploy. ${Date.now()}`;
    await page.getByLabel('Your comment').fill(draft);
    // The article's own code is here; the Saved page's is not fetched yet.
    const oldScript = await page.evaluate(() => document.querySelector('script[type=module]:not([src])')?.textContent ?? '');

    const renames = await deploy();
    await page.unroute(savedChunk);

    const gone = page.waitForResponse((r) => /inkuru-saved_page-.*\.wasm$/.test(r.url()) && r.status() === 404);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Saved articles' }).click();
    await gone;
    // The reload lands on the new build's Saved page, and says why it happened.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Saved articles');
    await expect(page.getByRole('status').filter({ hasText: 'Inkuru was updated while this page was open' })).toBeVisible();
    const newScript = await page.evaluate(() => document.querySelector('script[type=module]:not([src])')?.textContent ?? '');
    expect(newScript).not.toEqual(oldScript);
    expect([...renames.values()].some((name) => newScript.includes(name))).toBe(true);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByText('Inkuru was updated while this page was open')).toHaveCount(0);

    // The draft is still there on the article.
    await page.goBack();
    await expect(page.getByLabel('Your comment')).toHaveValue(draft);
    // Reloading again is an ordinary reload: no notice.
    await page.reload();
    await expect(page.getByLabel('Your comment')).toHaveValue(draft);
    await expect(page.getByText('Inkuru was updated while this page was open')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

test('a page left untouched across a deploy opens the link the reader clicks first, on the new build', async ({ page }) => {
  await withOwnServer(async (base, deploy) => {
    const errors = watchErrors(page);
    // The reader reads without a move: the app has not started (Trunk.toml's start script), so
    // its script is not fetched; the deploy then takes it away.
    await page.goto(`${base}/articles/kigali-jazz-nights-return`);
    await page.waitForTimeout(1000);
    const oldScript = await page.evaluate(() => document.querySelector('script[type=module]:not([src])')?.textContent ?? '');

    const renames = await deploy();

    await page.getByRole('navigation', { name: 'Sections', exact: true }).getByRole('link', { name: 'News' }).click();
    // The app could not start from the old build, so the link was followed as a page load.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('News');
    const newScript = await page.evaluate(() => document.querySelector('script[type=module]:not([src])')?.textContent ?? '');
    expect(newScript).not.toEqual(oldScript);
    expect([...renames.values()].some((name) => newScript.includes(name))).toBe(true);
    // And on the new build the app starts at the reader's next move.
    await appStarted(page);
    expect(errors).toEqual([]);
  });
});
