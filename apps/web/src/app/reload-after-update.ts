const LAST_RELOAD = 'kms-lab:reloaded-for-update-at';
const MIN_INTERVAL_MS = 30_000;

/**
 * A tab left open while the app is rebuilt asks for code chunks that no longer exist.
 * Vite reports that as 'vite:preloadError'; the tab then reloads once to get the new
 * build. Keys and history are in IndexedDB and survive; only what was on screen is lost.
 * A second failure within 30 s is left to surface, so a broken build cannot loop.
 */
export function reloadAfterUpdate(window: Window): void {
  window.addEventListener('vite:preloadError', (event) => {
    const last = Number(window.sessionStorage.getItem(LAST_RELOAD) ?? 0);
    if (Date.now() - last < MIN_INTERVAL_MS) return;
    event.preventDefault();
    window.sessionStorage.setItem(LAST_RELOAD, String(Date.now()));
    window.location.reload();
  });
}
