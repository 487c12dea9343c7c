// Inkuru's service worker: the app keeps working without a network.
//
// - The app's own files are precached at install, by the exact names of this build: VERSION and
//   PRECACHE below are written into the built copy by `cargo xtask post-build`
//   (xtask/src/service_worker.rs), never by hand.
// - Pages are fetched from the network first (so a new deploy is seen at once), with a short
//   timeout before a cached copy is used; the last 30 articles read are kept, and every page the
//   reader saved for later is kept until they remove it.
// - API answers likewise: network first, the cached answer when the network is slow or gone, and
//   otherwise an answer saying the reader is offline (the app shows it as a message).
// - Pictures are served from the cache first, which holds at most MAX_IMAGES of them.
// - Anything else not cached gets the offline page.
// - A new build waits until the reader accepts "Update available — reload" (sw-register.js),
//   so a page never runs half on one build and half on another.

const VERSION = 'dev';
const PRECACHE = [];

const SHELL = `inkuru-shell-${VERSION}`;
const PAGES = 'inkuru-pages';
const API = 'inkuru-api';
const IMAGES = 'inkuru-images';
const SAVED = 'inkuru-saved';
const OFFLINE_PAGE = '/offline.html';
const RECENT_ARTICLES = 30;
const MAX_API_ANSWERS = 200;
const MAX_IMAGES = 120;
const NETWORK_TIMEOUT_MS = 3000;

// The Saved page is drawn from the reader's own list, so its shell is kept from the start.
const SAVED_PAGE = '/saved';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll([...PRECACHE, SAVED_PAGE])));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('inkuru-shell-') && name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const { type, urls } = event.data ?? {};
  if (type === 'skip-waiting') self.skipWaiting();
  // "Save for later": the article's page, API answers and picture are kept until removed.
  const sameSite = Array.isArray(urls)
    ? urls.filter((u) => typeof u === 'string' && new URL(u, self.location.origin).origin === self.location.origin)
    : [];
  if (type === 'save') {
    event.waitUntil(caches.open(SAVED).then((cache) => Promise.all(
      sameSite.map((u) => fetch(u).then((r) => (r.ok ? cache.put(u, r) : null)).catch(() => null)),
    )));
  } else if (type === 'unsave') {
    event.waitUntil(caches.open(SAVED).then((cache) => Promise.all(sameSite.map((u) => cache.delete(u)))));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Partner widgets' frames and oEmbed answers are for other sites' pages: always the network's.
  if (url.pathname.startsWith('/embed/') || url.pathname === '/oembed') return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith('/api/')) {
    event.respondWith(apiAnswer(request));
  } else if (url.pathname.startsWith('/media/')) {
    event.respondWith(picture(request));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});

/** The network's answer, or null when it fails or takes longer than `ms` (it still lands later). */
function network(request, ms, onLate) {
  return new Promise((resolve) => {
    let settled = false;
    const timer = setTimeout(() => { settled = true; resolve(null); }, ms);
    fetch(request).then((response) => {
      clearTimeout(timer);
      if (settled) onLate?.(response); else { settled = true; resolve(response); }
    }, () => {
      clearTimeout(timer);
      if (!settled) { settled = true; resolve(null); }
    });
  });
}

async function cached(request) {
  return (await caches.match(request, { cacheName: SAVED }))
    || (await caches.match(request, { cacheName: PAGES }))
    || (await caches.match(request, { cacheName: API }));
}

/** Keeps `cacheName` to its newest `limit` entries among those `counted` picks (insertion order). */
async function trim(cacheName, limit, counted = () => true) {
  const cache = await caches.open(cacheName);
  const keys = (await cache.keys()).filter((request) => counted(new URL(request.url)));
  for (const old of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(old);
}

async function keep(cacheName, request, response) {
  if (!response || response.status !== 200) return;
  // An answer the server says no one may keep (the editors' desk: readers' emails) is not kept.
  if (/no-store/i.test(response.headers.get('cache-control') || '')) return;
  const cache = await caches.open(cacheName);
  // Deleting first moves the entry to the end: trimming drops the least recently fetched.
  await cache.delete(request);
  await cache.put(request, response);
}

const isArticle = (url) => url.pathname.startsWith('/articles/');

async function page(request) {
  const remember = (response) => keep(PAGES, request, response.clone())
    .then(() => trim(PAGES, RECENT_ARTICLES, isArticle));
  const response = await network(request, NETWORK_TIMEOUT_MS, remember);
  if (response) {
    if (response.ok) await remember(response);
    return response;
  }
  const path = new URL(request.url).pathname;
  return (await cached(request))
    || (await fetch(request).catch(() => null))
    || (path === SAVED_PAGE ? await caches.match(SAVED_PAGE, { cacheName: SHELL }) : null)
    || (await caches.match(OFFLINE_PAGE))
    || new Response('You are offline.', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

async function apiAnswer(request) {
  const remember = (response) => keep(API, request, response.clone()).then(() => trim(API, MAX_API_ANSWERS));
  const response = await network(request, NETWORK_TIMEOUT_MS, remember);
  if (response) {
    if (response.ok) await remember(response);
    return response;
  }
  return (await cached(request))
    || (await fetch(request).catch(() => null))
    || new Response(JSON.stringify({
      code: 'offline',
      message: 'You are offline, and this was not kept for reading offline. It will load once you are back online.',
    }), { status: 503, headers: { 'content-type': 'application/json' } });
}

async function picture(request) {
  const hit = await caches.match(request, { cacheName: SAVED }) || await caches.match(request, { cacheName: IMAGES });
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok) {
      await keep(IMAGES, request, response.clone());
      await trim(IMAGES, MAX_IMAGES);
    }
    return response;
  } catch {
    return Response.error();
  }
}
