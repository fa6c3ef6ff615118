/* The service worker, served at /sw.js by server/offline/worker.py with its configuration injected below:
   {version, precache, etags, bundles, scripts, langs, default_lang}. Its parts, classic scripts sharing this global
   scope, come after the shared ones (idb, db.js, json-logic, triage.js, local-result.js): pwa/sw/precache.js (the
   versioned cache), routes.js (what answers each request), triage.js (POST /api/v1/triage offline), outbox.js
   (consented records to send). CONFIG.scripts names them all joined in one file (/sw-parts.js: one round trip, not
   ten). docs/pwa.md describes the whole. */
"use strict";
const CONFIG = __SW_CONFIG__;
importScripts(...CONFIG.scripts);

// No skipWaiting(): a new version waits until the person taps "Reload" (update.js) or closes the app.
self.addEventListener("install", (event) => event.waitUntil(precache()));

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    await dropOldCaches();
    await self.clients.claim();
    await flushOutbox().catch(() => {});
  })());
});

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "skip-waiting") self.skipWaiting();
  if (type === "sync") {
    // Whoever asks with a MessagePort hears when this round is over, and how many records still wait.
    const port = event.ports && event.ports[0];
    event.waitUntil(flushOutbox().catch(() => {}).then(async () => {
      if (port) port.postMessage({ type: "synced", waiting: (await self.TchanDB.all("outbox")).length });
    }));
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === "outbox") event.waitUntil(flushOutbox());
});

self.addEventListener("fetch", (event) => {
  const answer = route(event.request);
  if (answer) event.respondWith(answer);
});
