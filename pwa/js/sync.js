// Consented answers kept offline wait in the worker's outbox (pwa/sw/outbox.js): this page asks the worker to send
// them at start and whenever the connection comes back. A connection that has just come back often fails at first
// (Wi-Fi joined, no internet yet): while some still wait, it asks again later.
const RETRY_MS = [3000, 10000, 30000];
let retry = null;
let paused = false;

export function startSync() {
  if (!("serviceWorker" in navigator)) return;
  addEventListener("online", () => sync());
  sync();
}

// From the tap on "Reload" (update.js): a message to the old worker while it stops would start it again, and the
// new version would not take over. The new version's page sends what still waits.
export function pauseSync() {
  paused = true;
  clearTimeout(retry);
}

function sync(attempt = 0) {
  clearTimeout(retry);
  navigator.serviceWorker.ready.then((registration) => {
    if (!registration.active || paused) return;
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => {
      if (event.data.waiting > 0 && attempt < RETRY_MS.length && navigator.onLine && !paused) {
        retry = setTimeout(() => sync(attempt + 1), RETRY_MS[attempt]);
      }
    };
    registration.active.postMessage({ type: "sync" }, [channel.port2]);
  });
}
