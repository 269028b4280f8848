// Huifang's service worker: the app opens and works with no network after the first visit.
//
// Trunk gives every built file a content hash in its name, so no list of files is kept here:
// - install: read index.html and store it with every file it refers to (the hashed wasm, js, css,
//   boot.js, the icon, the manifest), so the very first visit is enough to work offline;
// - loads of the app's page (navigations to the scope's index, including deep links such as
//   /#/customers, which reach the server as /): network first, so a new deployment is picked up,
//   with the stored index.html when offline. Other pages of the same origin are not the app's:
//   they are neither answered nor stored (storing them as the index once made the app show
//   another page offline);
// - the app's files: from the store (hashed names never change); anything else goes to the
//   network untouched and is not stored.
// The build stamps BUILD (Trunk.toml post_build hook), so each deployment is a new worker. It
// waits until the page asks it to take over (boot.js), so an update never reloads a page by itself.
const BUILD = '__HUIFANG_BUILD__';
const CACHE = 'huifang-' + BUILD;
const INDEX = new URL('./', self.registration.scope).href;
const PIECES = ["__HUIFANG_PIECES__"].filter((name) => name && name !== '__HUIFANG_PIECES__');

async function storeApp() {
  const cache = await caches.open(CACHE);
  const response = await fetch(INDEX, { cache: 'no-cache' });
  if (!response.ok) throw new Error('index.html: ' + response.status);
  const html = await response.clone().text();
  await cache.put(INDEX, response);
  const urls = new Set();
  for (const match of html.matchAll(/(?:href|src|data-js|data-wasm)="([^"#?]+)"/g)) {
    const url = new URL(match[1], INDEX);
    if (url.origin === self.location.origin && url.href !== INDEX) urls.add(url.href);
  }
  // The pages fetched when first opened (src/ui/later.rs): index.html does not name them, the
  // build does here (scripts/split.sh).
  for (const piece of PIECES) urls.add(new URL(piece, INDEX).href);
  await cache.addAll([...urls].map((url) => new Request(url, { cache: "no-cache" })));
}

self.addEventListener('install', (event) => {
  event.waitUntil(storeApp());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('huifang-') && name !== CACHE) await caches.delete(name);
      }
      // The first install takes the open page at once, so that it is offline-ready right away.
      await self.clients.claim();
    })()
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

/** The app's own page: the scope itself or its index.html, whatever the query. */
function isIndex(url) {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.href === INDEX || u.href === INDEX + 'index.html';
}

async function fromNetworkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Only a real page of the app replaces the stored one (not an error page or a redirect).
    const html = (response.headers.get('content-type') || '').includes('text/html');
    if (response.ok && !response.redirected && html) await cache.put(INDEX, response.clone());
    return response;
  } catch (error) {
    const stored = await cache.match(INDEX);
    if (stored) return stored;
    throw error;
  }
}

async function fromCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const stored = await cache.match(request, { ignoreSearch: true });
  if (stored) return stored;
  return fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (isIndex(request.url)) event.respondWith(fromNetworkFirst(request));
  } else {
    event.respondWith(fromCacheFirst(request));
  }
});
