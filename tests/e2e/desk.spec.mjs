// The editors' desk (issue 15), as the browser sees it. So far: its answers (readers' emails, who
// is signed in) never stay in the service worker's caches, which outlive the session.
//
// The spec runs a site of its own (INKURU_SERVER, INKURU_DIST: `cargo xtask test` passes them), and
// adds its editor with `inkuru-server editors add`, as a newsroom would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { freePort, startServer, stopServer } from './helpers.mjs';

const BINARY = process.env.INKURU_SERVER;
const DIST = process.env.INKURU_DIST;
const PASSWORD = 'a long enough passphrase';

test.skip(!BINARY || !DIST, 'needs INKURU_SERVER and INKURU_DIST (`cargo xtask test` passes them)');
test.use({ serviceWorkers: 'allow' });

let work;
let server;
let SITE;

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'inkuru-desk-'));
  const port = await freePort();
  server = await startServer(BINARY, port, DIST, work);
  SITE = `http://127.0.0.1:${port}`;
  execFileSync(BINARY, ['--database', join(work, 'inkuru.db'), 'editors', 'add', 'aline'], { input: `${PASSWORD}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
});

test.afterAll(async () => {
  if (server) await stopServer(server);
  rmSync(work, { recursive: true, force: true });
});

test('the service worker keeps no desk answer, while it keeps the readers\' ones', async ({ page }) => {
  await page.goto(`${SITE}/articles/kigali-jazz-nights-return`);
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return !!navigator.serviceWorker.controller;
  }, null, { timeout: 20000 });
  const statuses = await page.evaluate(async (password) => {
    const signIn = await fetch('/api/desk/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'aline', password }),
    });
    const who = await fetch('/api/desk/session');
    const queue = await fetch('/api/desk/comments');
    const site = await fetch('/api/site');
    return [signIn.status, who.status, queue.status, site.status];
  }, PASSWORD);
  expect(statuses).toEqual([200, 200, 200, 200]);
  const kept = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(kept).toContain('/api/site');
  expect(kept.filter((path) => path.startsWith('/api/desk/'))).toEqual([]);
});
