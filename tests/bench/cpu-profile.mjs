// Where the app's start spends its CPU, by function, for finding what makes a long task (not a
// test: it only reports). Usage: node tests/bench/cpu-profile.mjs URL
//
// Chromium's sampling profiler with 4× CPU throttling, from navigation until the app has started
// and three seconds more; prints self time and, for the app's and Leptos's functions, inclusive
// time. Names need a build that keeps them: `INKURU_PROFILE_NAMES=1 trunk build --release` (the
// post-build hook then skips wasm-opt, xtask/src/split.rs), served by the server.
import { chromium } from 'playwright-core';

const [url] = process.argv.slice(2);
const SHOWN = 40;

async function profileStart() {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(url, { waitUntil: 'load' });
  // The app starts at the reader's first move (Trunk.toml's start script): a reader who read for a moment.
  await page.waitForTimeout(2000);
  await page.mouse.move(200, 300);
  await page.waitForFunction(() => document.querySelector('#site-header[data-live]'));
  await page.waitForTimeout(3000);
  const { profile } = await cdp.send('Profiler.stop');
  await browser.close();
  return profile;
}

/** Milliseconds per function: `self` where the sample was taken, `inclusive` anywhere on its stack. */
function timings(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const name = (n) => n.callFrame.functionName || `(anonymous ${n.callFrame.url.split('/').pop()})`;
  const self = new Map();
  const inclusive = new Map();
  profile.samples.forEach((sample, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const leaf = nodes.get(sample);
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + ms);
    const seen = new Set();
    for (let id = sample; id !== undefined; id = parents.get(id)) {
      const here = name(nodes.get(id));
      if (seen.has(here)) continue;
      seen.add(here);
      inclusive.set(here, (inclusive.get(here) ?? 0) + ms);
    }
  });
  return { self, inclusive };
}

function print(title, entries) {
  console.log(title);
  for (const [fn, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, SHOWN)) {
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${fn.slice(0, 170)}`);
  }
}

const { self, inclusive } = timings(await profileStart());
print('Self time', self);
print('Inclusive time, the app and Leptos', [...inclusive].filter(([fn]) => /inkuru|leptos|tachys|reactive_graph|serde_json/.test(fn)));
