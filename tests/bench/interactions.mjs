// Interaction latency and memory, for `cargo xtask bench` (not a test: it only reports).
// Usage: node tests/bench/interactions.mjs BASE_URL OUT.json
//
// Chromium with 4× CPU throttling (DevTools protocol). Latency is the Event Timing duration of each
// interaction (input delay + handlers + next paint); Chromium reports only interactions of 16 ms or
// more, so one that leaves no entry counts as 16 ms, an upper bound.
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const [base, out] = process.argv.slice(2);
const ROUNDS = 5;
const FLOOR_MS = 16;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
});

// Collects Event Timing entries and keeps a handle on the wasm memory when the app instantiates it.
const INIT = `
  window.__events = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.interactionId) window.__events.push({
      name: e.name, duration: e.duration, id: e.interactionId, start: e.startTime,
      // Where the time went: waiting for the main thread, the app's handlers, rendering the frame.
      input_delay: e.processingStart - e.startTime,
      processing: e.processingEnd - e.processingStart,
      presentation: e.startTime + e.duration - e.processingEnd,
    });
  }).observe({ type: 'event', durationThreshold: ${FLOOR_MS}, buffered: true });
  for (const key of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[key];
    WebAssembly[key] = async (...args) => {
      const result = await original.apply(WebAssembly, args);
      const exports = (result.instance ?? result).exports;
      // The first module exports the memory; the chunks (loaded later) import it and export none.
      const memory = Object.values(exports).find((v) => v instanceof WebAssembly.Memory);
      if (memory) window.__wasmMemory = memory;
      return result;
    };
  }
`;

/**
 * Runs `action` and returns the longest Event Timing duration it caused (or the floor). Only
 * events that began with the action count: Chromium reports an entry when its interaction ends,
 * so an earlier one can arrive during this action (Playwright typing a capital letter leaves its
 * Shift interaction open until the next key, and its entry then lasts seconds).
 */
async function measure(page, action, breakdowns) {
  const since = await page.evaluate(() => { window.__events = []; return performance.now(); });
  await action();
  await page.waitForTimeout(300); // let the next paint happen and the observer report
  const events = (await page.evaluate(() => window.__events)).filter((e) => e.start >= since);
  const longest = events.reduce((a, b) => (b.duration > (a?.duration ?? 0) ? b : a), null);
  if (breakdowns && longest) breakdowns.push(longest);
  return Math.max(FLOOR_MS, ...events.map((e) => e.duration));
}

const samples = { open_article: [], share: [], open_comment_form: [], type_comment: [], submit_comment: [] };
const articleVisibleMs = [];
const openArticleBreakdowns = [];
let memory = null;

for (let round = 0; round < ROUNDS; round++) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

  await page.goto(`${base}/news/all-around/out-of-rwanda`);
  await page.locator('.card h2 a').first().waitFor();
  // The reader reads the list for a moment, then taps a story: the app starts on that tap
  // (Trunk.toml's start script), so opening the article includes the app's start.
  await page.waitForTimeout(2000);
  const started = Date.now();
  samples.open_article.push(await measure(page, () => page.locator('.card h2 a').nth(round % 3).click(), openArticleBreakdowns));
  await page.locator('#article-headline').waitFor();
  articleVisibleMs.push(Date.now() - started);

  if (round === 0) {
    memory = await page.evaluate(() => ({
      js_heap_bytes: performance.memory ? performance.memory.usedJSHeapSize : null,
      wasm_memory_bytes: window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : null,
    }));
  }

  // Sharing: the Share button opens the list of networks (this browser has no share sheet).
  samples.share.push(await measure(page, () => page.getByRole('button', { name: 'Share', exact: true }).click()));
  await page.keyboard.press('Escape');
  // The comments load as the reader nears them (src/lazy/near.rs): scroll there, as a reader does.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.locator('section.comments').waitFor();
  samples.open_comment_form.push(await measure(page, () => page.getByRole('button', { name: 'Leave your comment' }).click()));
  await page.getByLabel('Your name').fill('Bench Reader');
  await page.getByLabel('Your email').fill('bench@example.rw');
  const field = page.getByLabel('Your comment');
  await field.focus();
  for (const ch of 'Clear and useful.') {
    samples.type_comment.push(await measure(page, () => page.keyboard.type(ch)));
  }
  samples.submit_comment.push(await measure(page, () => page.getByRole('button', { name: 'Post comment' }).click()));
  await page.locator('.comment', { hasText: 'Clear and useful.' }).first().waitFor();
  await context.close();
}
await browser.close();

const percentile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
};
const all = Object.values(samples).flat();
const result = {
  cpu_throttling: 4,
  rounds: ROUNDS,
  floor_ms: FLOOR_MS,
  interactions: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, { p50_ms: percentile(v, 0.5), p98_ms: percentile(v, 0.98), count: v.length }])),
  all: { p50_ms: percentile(all, 0.5), p98_ms: percentile(all, 0.98), count: all.length },
  open_article_breakdown_p50_ms: Object.fromEntries(['input_delay', 'processing', 'presentation']
    .map((k) => [k, openArticleBreakdowns.length ? Math.round(percentile(openArticleBreakdowns.map((e) => e[k]), 0.5)) : null])),
  article_visible_after_click_ms: { p50_ms: percentile(articleVisibleMs, 0.5), max_ms: Math.max(...articleVisibleMs) },
  memory_after_first_article: memory,
};
writeFileSync(out, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
