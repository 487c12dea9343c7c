// What the main thread does while a page starts, for `cargo xtask bench` (not a test: it only
// reports). Usage: node tests/bench/trace-start.mjs URL OUT.json
//
// Chromium with 4× CPU throttling records a trace of the page loading and the app starting (until
// the network and main thread have been quiet for two seconds); this lists every task of 50 ms or
// more with the time inside it by kind (running script, compiling wasm, style and layout, parsing
// HTML, garbage collection) and the script it ran, so a long task can be traced to its cause.
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const [url, out] = process.argv.slice(2);
const LONG_TASK_MS = 50;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: 'block' });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await browser.startTracing(page, {
  categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.compile', 'blink.user_timing', 'loading'],
});
await page.goto(url, { waitUntil: 'load' });
// The app starts at the reader's first move (Trunk.toml's start script): the trace holds the load,
// the page left alone for three seconds (the wasm compiled ahead), then a move and the start.
await page.waitForTimeout(3000);
await page.mouse.move(200, 300);
await page.waitForFunction(() => document.querySelector('#site-header[data-live]'));
await page.waitForTimeout(4000);
const trace = JSON.parse((await browser.stopTracing()).toString());
await browser.close();

const events = trace.traceEvents ?? trace;
// The renderer's main thread: where the page's own tasks run.
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' &&
  events.some((t) => t.pid === e.pid && t.name === 'ParseHTML'));
const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
const start = Math.min(...onMain.map((e) => e.ts));

/** What kind of work a trace event is. */
function kind(e) {
  const n = e.name;
  if (/wasm|Wasm/.test(n) || /^v8\.wasm/.test(n)) return 'wasm compile/instantiate';
  if (/Compile|Parse(Script|Function)|v8\.compile/.test(n) && n !== 'ParseHTML') return 'JS compile';
  if (/GC|Gc/.test(n)) return 'garbage collection';
  if (/Layout|UpdateLayoutTree|RecalculateStyles|Paint|Layerize|PrePaint|Commit/.test(n)) return 'style, layout, paint';
  if (n === 'ParseHTML') return 'parse HTML';
  if (/FunctionCall|EvaluateScript|v8\.execute|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|v8\.run/.test(n)) return 'script';
  return null;
}

const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur / 1000 >= LONG_TASK_MS).map((task) => {
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
  const byKind = {};
  // Only the outermost event of each kind counts, so nested events are not counted twice.
  for (const e of inside) {
    const k = kind(e);
    if (!k) continue;
    const outer = inside.some((o) => o !== e && kind(o) === k && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur);
    if (!outer) byKind[k] = (byKind[k] ?? 0) + e.dur / 1000;
  }
  const scripts = [...new Set(inside.map((e) => e.args?.data?.url || e.args?.data?.scriptName).filter(Boolean))];
  return {
    start_ms: Math.round((task.ts - start) / 1000),
    duration_ms: Math.round(task.dur / 1000),
    by_kind_ms: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, Math.round(v)])),
    scripts: scripts.map((s) => s.replace(/^https?:\/\/[^/]+/, '')),
  };
});
const result = { url, cpu_throttling: 4, long_task_ms: LONG_TASK_MS, long_tasks: tasks,
  blocking_ms: tasks.reduce((sum, t) => sum + t.duration_ms - LONG_TASK_MS, 0) };
writeFileSync(out, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
