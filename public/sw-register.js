// Registers the service worker (sw.js) and offers a new build when one is waiting:
// "Update available — reload". Reloading hands over to the new worker first, so the page and its
// files always come from the same build.
if ('serviceWorker' in navigator) {
  const offer = (worker) => {
    if (document.querySelector('.update-banner')) return;
    const banner = document.createElement('div');
    banner.className = 'update-banner';
    banner.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.textContent = 'Update available';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = 'Reload';
    button.addEventListener('click', () => worker.postMessage({ type: 'skip-waiting' }));
    banner.append(text, button);
    document.body.append(banner);
  };
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only a worker the reader accepted takes over a controlled page; the first install does not reload.
    if (reloading || !window.__inkuruUpdateAccepted) return;
    reloading = true;
    window.location.reload();
  });
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('.update-banner button')) window.__inkuruUpdateAccepted = true;
  }, true);
  // Registered once the page has loaded and gone quiet, so installing (which fetches the app's
  // files into the cache) never competes with the first view.
  const register = () => navigator.serviceWorker.register('/sw.js').then((registration) => {
    const watch = (worker) => worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    // A reader who keeps the app open for days still hears of new builds.
    setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
  }).catch(() => {});
  const whenQuiet = () => (window.requestIdleCallback ? requestIdleCallback(register, { timeout: 3000 }) : setTimeout(register, 1000));
  if (document.readyState === 'complete') whenQuiet();
  else window.addEventListener('load', whenQuiet, { once: true });
}
