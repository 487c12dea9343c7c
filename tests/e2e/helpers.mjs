// What the end-to-end specs share: error watching, waiting for the app, and axe.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * Collects what must never happen on a page: uncaught errors (a panic in wasm is one) and anything
 * the Content-Security-Policy refused (the browser reports it on the console).
 */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) errors.push(message.text());
  });
  return errors;
}

/**
 * Starts the app as a reader does, with a move of the pointer (on a page the server wrote it waits
 * for one: Trunk.toml's start script), and waits until it runs, not only the HTML the server
 * wrote: it has put its own header in place of the server's.
 */
export async function appStarted(page) {
  await page.mouse.move(1, 1);
  await page.mouse.move(2, 2);
  await page.waitForFunction(() => document.querySelector('#site-header[data-live]'));
}

export async function expectNoAxeViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', 'experimental']).analyze();
  // Each violation names where it is, so a failure can be acted on without rerunning.
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) at ${v.nodes[0]?.target?.join(' ')}`)).toEqual([]);
}

/**
 * Goes to the end of an article, as a reader heading for its comments does: the comments load as
 * their place nears the screen (src/lazy/near.rs), and are there when this returns.
 */
export async function toComments(page) {
  // The end of the article nearing the screen starts the app (Trunk.toml's start script).
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.locator('.article-actions').waitFor();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.locator('section.comments').waitFor();
}

/** A free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    }).on('error', reject);
  });
}

/**
 * Starts a server of its own for a spec (`binary`, `cargo xtask test` passes INKURU_SERVER) on
 * `port` with `dist` and a database in `work`, and waits until it answers.
 */
export async function startServer(binary, port, dist, work, extra = []) {
  const server = spawn(binary, ['--addr', '127.0.0.1', '--port', String(port), '--database', join(work, 'inkuru.db'), '--dist', dist, ...extra],
    { stdio: 'ignore' });
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/site`)).ok) return server;
    } catch { /* not up yet */ }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error('the server did not start');
}

export async function stopServer(server) {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill();
  await exited;
}
