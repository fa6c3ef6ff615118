// The service worker: registered at the root; a new version waits until the person taps "Reload".
export function registerWorker() {
  if (!("serviceWorker" in navigator)) return;
  const sw = navigator.serviceWorker;
  const banner = document.getElementById("update-banner");
  const reload = document.getElementById("update-reload");
  const hadController = Boolean(sw.controller);
  let asked = false;

  function offer(worker) {
    banner.hidden = false;
    reload.onclick = () => {
      asked = true; // answers in progress are saved as they are given, so reloading loses nothing
      reload.disabled = true;
      worker.postMessage({ type: "skip-waiting" });
    };
  }

  sw.addEventListener("controllerchange", () => {
    if (asked) location.reload();
  });

  sw.register("/sw.js", { scope: "/" }).then((registration) => {
    if (registration.waiting && sw.controller) offer(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state !== "installed") return;
        if (sw.controller && hadController) offer(worker);
        else document.getElementById("offline-ready").hidden = false;
      });
    });
    // Phones keep an app open for days: look for a new version whenever it comes back to the screen.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => {});
    });
  }).catch(() => {});

  // Send answers kept offline (with consent) at start and whenever the connection comes back. A connection that has
  // just come back often fails at first (Wi-Fi joined, no internet yet): while some still wait, try again later.
  const RETRY_MS = [3000, 10000, 30000];
  let retry = null;
  const sync = (attempt = 0) => {
    clearTimeout(retry);
    sw.ready.then((registration) => {
      if (!registration.active) return;
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => {
        if (event.data.waiting > 0 && attempt < RETRY_MS.length && navigator.onLine) {
          retry = setTimeout(() => sync(attempt + 1), RETRY_MS[attempt]);
        }
      };
      registration.active.postMessage({ type: "sync" }, [channel.port2]);
    });
  };
  addEventListener("online", () => sync());
  sync();
}
