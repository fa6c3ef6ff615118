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

  // Send answers kept offline (with consent) at start and whenever the connection comes back.
  const sync = () => sw.ready.then((registration) => registration.active && registration.active.postMessage({ type: "sync" }));
  addEventListener("online", sync);
  sync();
}
