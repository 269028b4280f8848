// Huifang's service worker: the app opens and works with no network after the first visit.
//
// Trunk gives every built file a content hash in its name, so no list of files is kept here:
// - install: read index.html and store it with every file it refers to (the hashed wasm, js, css,
//   boot.js, the icon, the manifest), so the very first visit is enough to work offline;
// - page loads (navigations, including deep links such as /#/customers, which reach the server
//   as /): network first, so a new deployment is picked up, with the stored index.html when
//   offline;
// - other files of this origin: from the store when there (hashed names never change), else from
//   the network, then stored.
// The build stamps BUILD (Trunk.toml post_build hook), so each deployment is a new worker. It
// waits until the page asks it to take over (boot.js), so an update never reloads a page by itself.
const BUILD = '__HUIFANG_BUILD__';
const CACHE = 'huifang-' + BUILD;
const INDEX = new URL('./', self.registration.scope).href;

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

async function fromNetworkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(INDEX, response.clone());
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
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(fromNetworkFirst(request));
  } else {
    event.respondWith(fromCacheFirst(request));
  }
});
