// The service worker: registered at the root; a new version waits until the person taps "Reload".
//
// How "Reload" hands over (docs/pwa.md, "Updates"): the waiting worker is told to skip waiting; Chromium then asks
// the old (active) worker to stop as soon as it is idle, and activates the new one once it has stopped. A request
// that reaches the old worker while it stops (this page still loading its scripts, or another tab of the app)
// starts it again, and Chromium forgets the ask: the new version then waits until the restarted worker stops by its
// ordinary idle timeout (30 s; never while DevTools is attached, up to Chromium's five-minute limit), and a second
// skip-waiting does nothing. So this page tells the waiting worker only once it has stopped loading (QUIET_MS with
// no request of its own finishing, MAX_WAIT_MS at most) and sends no sync message meanwhile; and while the new
// version has not taken over, it asks Chromium again (handOver), which a navigation inside the app does.
import { pauseSync } from "./sync.js";

const QUIET_MS = 800;
const MAX_WAIT_MS = 10000;
const ASK_AGAIN_MS = 3000;
const ASK_AGAIN_TIMES = 5;
const HANDOVER_URL = "/sw-handover"; // answered 204 by the worker (pwa/sw/routes.js): no page, no request after it

export function registerWorker() {
  if (!("serviceWorker" in navigator)) return;
  const sw = navigator.serviceWorker;
  const banner = document.getElementById("update-banner");
  const reload = document.getElementById("update-reload");
  const hadController = Boolean(sw.controller);
  const loads = watchLoads();
  let asked = false;

  function offer(worker) {
    banner.hidden = false;
    reload.onclick = () => {
      asked = true; // answers in progress are saved as they are given, so reloading loses nothing
      reload.disabled = true;
      pauseSync(); // no sync message to the old worker from now on (see above)
      const old = sw.controller;
      loads.quiet().then(() => {
        worker.postMessage({ type: "skip-waiting" });
        handOver(old, 1);
      });
    };
  }

  // A navigation of a hidden frame inside the app makes Chromium look at the waiting worker again: it asks the old
  // worker, now idle as this page is quiet, to stop at once, and the new version takes over (controllerchange).
  let frame = null;
  function handOver(old, attempt) {
    setTimeout(() => {
      if (sw.controller !== old || attempt > ASK_AGAIN_TIMES) return;
      if (!frame) {
        frame = document.createElement("iframe");
        frame.hidden = true;
        frame.setAttribute("aria-hidden", "true");
        frame.tabIndex = -1;
        document.body.append(frame);
      }
      frame.src = `${HANDOVER_URL}?attempt=${attempt}`;
      handOver(old, attempt + 1);
    }, ASK_AGAIN_MS);
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
}

/* When this page last finished loading something (a script, a stylesheet, a fetch()), from the Resource Timing
   entries, and quiet(): a promise settled once the document has loaded and nothing has finished for QUIET_MS
   (MAX_WAIT_MS at most: the tap always does something). */
function watchLoads() {
  let last = 0;
  const seen = (entry) => { last = Math.max(last, entry.responseEnd || entry.startTime + entry.duration); };
  try {
    // Every entry, even past the Resource Timing buffer's 250.
    new PerformanceObserver((list) => list.getEntries().forEach(seen)).observe({ type: "resource", buffered: true });
  } catch (error) { /* no observer: the buffer below */ }
  const lastLoad = () => {
    performance.getEntriesByType("resource").forEach(seen); // observers are told late; the buffer is current
    return last;
  };
  return {
    quiet() {
      const deadline = performance.now() + MAX_WAIT_MS;
      return new Promise((resolve) => {
        const check = () => {
          const now = performance.now();
          if (now >= deadline || (document.readyState === "complete" && now - lastLoad() >= QUIET_MS)) resolve();
          else setTimeout(check, 100);
        };
        check();
      });
    },
  };
}
