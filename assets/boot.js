// Starts Huifang and its offline support. A file rather than an inline script, so that the
// Content-Security-Policy (index.html) can allow scripts from the app's own origin only.
//
// Trunk writes the hashed names of the wasm-bindgen module and the wasm into this script tag's
// data attributes (`pattern_script` in Trunk.toml).
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
const wasm = await init({ module_or_path: tag.dataset.wasm });
// As Trunk's own loader does: benchmarks (tests/e2e/bench.rs) read the wasm memory from it.
window.dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));

// The service worker (sw.js) keeps a copy of the app so that it opens without a network. Browsers
// only allow it on https and on localhost/127.0.0.1, which count as secure.
if ('serviceWorker' in navigator && window.isSecureContext) {
  const announce = () => {
    // Read by the app (ui/data/durability.rs) if it starts later, and heard if it runs already.
    window.huifangUpdateReady = true;
    window.dispatchEvent(new Event('huifang-update-ready'));
  };
  // A new version never takes over by itself: the page keeps running (and keeps what is being
  // typed) until the user presses "Reload" on the notice, which sends this event.
  window.addEventListener('huifang-apply-update', async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration && registration.waiting) {
      navigator.serviceWorker.addEventListener('controllerchange', () => location.reload());
      registration.waiting.postMessage('skip-waiting');
    } else {
      location.reload();
    }
  });
  const watch = (registration) => {
    if (registration.waiting && navigator.serviceWorker.controller) announce();
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        // With no controller this is the first install, not an update.
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce();
      });
    });
    // A page left open for days still hears of new versions.
    setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
  };
  navigator.serviceWorker
    .register('./sw.js', { scope: './' })
    .then(watch)
    .catch((error) => console.warn('Huifang: offline support unavailable', error));
}
