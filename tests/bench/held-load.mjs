// Held under load (issue 16), for `cargo xtask bench held` (not a test: it reports, and the xtask
// judges the figures). Usage: node tests/bench/held-load.mjs BASE_URL SERVER_PID OUT.json
//
// Two loads run side by side, as on a real site: readers (an article, a section's listing, an
// article's comments, in turn) and comment posts (each a new comment with its own idempotency
// key, spread over the demo articles). First both run flat out for MAX_SECONDS: the maximum
// rates of this mix. Then both are held at half those rates for HELD_SECONDS, while the server's
// resident memory is read from /proc every second. autocannon (npm) keeps the rates fixed
// (`overallRate`) and counts errors, timeouts and non-2xx answers.
import autocannon from 'autocannon';
import { readFileSync, writeFileSync } from 'node:fs';

const [base, pid, out] = process.argv.slice(2);
const MAX_SECONDS = 10;
const HELD_SECONDS = 60;
const READ_CONNECTIONS = 48;
const POST_CONNECTIONS = 16;

const articles = (await (await fetch(`${base}/api/articles?page=1`)).json()).items.map((a) => a.slug);
if (articles.length === 0) throw new Error('the demo content has no articles');
const reads = [
  `/api/articles/${articles[0]}`,
  '/api/articles?section=news&page=1',
  `/api/articles/${articles[0]}/comments`,
].map((path) => ({ method: 'GET', path }));

let posted = 0;
/** A new comment for the next article, under a key no other post uses. */
function nextComment(request) {
  posted += 1;
  const slug = articles[posted % articles.length];
  return {
    ...request,
    method: 'POST',
    path: `/api/articles/${slug}/comments`,
    headers: { 'content-type': 'application/json', 'idempotency-key': `held-${process.pid}-${posted}` },
    body: JSON.stringify({
      name: `Reader ${posted % 997}`,
      email: `reader${posted % 997}@example.rw`,
      body: `Comment ${posted}, posted while the site was under load.`,
      composed_ms: 9000,
    }),
  };
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ url: base, timeout: 10, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Readers and posters side by side for `seconds`, at the given rates (none: flat out). */
async function both(seconds, readRate, postRate) {
  const [readers, posters] = await Promise.all([
    run({ connections: READ_CONNECTIONS, duration: seconds, requests: reads, overallRate: readRate }),
    run({ connections: POST_CONNECTIONS, duration: seconds, requests: [{ setupRequest: nextComment }], overallRate: postRate }),
  ]);
  return { readers: summary(readers), posters: summary(posters) };
}

function summary(result) {
  return {
    requests: result.requests.total,
    per_s: result.requests.total / result.duration,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non_2xx: result.non2xx,
  };
}

/** The server's resident memory in KiB. */
function rssKib() {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]);
}

const maximum = await both(MAX_SECONDS);
const readRate = Math.floor(maximum.readers.per_s / 2);
const postRate = Math.floor(maximum.posters.per_s / 2);
const memory = [];
const sampler = setInterval(() => memory.push(rssKib()), 1000);
const before = rssKib();
const held = await both(HELD_SECONDS, readRate, postRate);
clearInterval(sampler);
writeFileSync(out, JSON.stringify({
  max_seconds: MAX_SECONDS,
  held_seconds: HELD_SECONDS,
  maximum,
  target: { reads_per_s: readRate, posts_per_s: postRate },
  held,
  rss_kib: { before, samples: memory },
}, null, 2));
