/* Service worker, part 1: the versioned cache. Everything the app needs offline is kept in te-chan-v-<version>
   (the version hashes every byte of it); the cache of the version before is deleted once this one takes over. */
"use strict";
const PREFIX = "te-chan-v-";
const CACHE = PREFIX + CONFIG.version;

/* Every URL at once. One this phone has already, in the previous version's cache, is copied from there: a
   content-hashed URL (?v=) never changes, and CONFIG.etags names the bytes of each of the others. The rest is
   fetched: a bundle (/sw-bundle/…, server/offline/bundle.py) when the phone has none of the URLs it holds, as on a
   first install (three responses instead of forty: a slow phone waits for round trips, not bytes); else each
   missing URL alone, so an update downloads only the files it changes. A hashed URL may come from the HTTP cache
   (immutable: the page's own stylesheet and scripts), the others are revalidated. */
async function precache() {
  const cache = await caches.open(CACHE);
  const old = await Promise.all((await caches.keys())
    .filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.open(name)));
  const missing = new Set();
  await Promise.all(CONFIG.precache.map(async (url) => {
    const kept = await keptCopy(old, url);
    if (kept) await cache.put(url, kept);
    else missing.add(url);
  }));
  const bundles = Object.entries(CONFIG.bundles).filter(([, urls]) => urls.every((url) => missing.has(url)));
  for (const [, urls] of bundles) for (const url of urls) missing.delete(url);
  const fetchOne = (url) => cache.add(hashed(url) ? url : new Request(url, { cache: "no-cache" }));
  await Promise.all([
    // A bundle that cannot be read (a proxy that mangled it, a browser without formData()): its URLs one by one.
    ...bundles.map(([bundle, urls]) => unbundle(cache, bundle, urls).catch(() => Promise.all(urls.map(fetchOne)))),
    ...[...missing].map(fetchOne),
  ]);
}

function hashed(url) {
  return new URL(url, self.location.origin).searchParams.has("v");
}

async function keptCopy(old, url) {
  for (const cache of old) {
    const kept = await cache.match(url);
    if (kept && (hashed(url) || kept.headers.get("ETag") === `"${CONFIG.etags[url]}"`)) return kept;
  }
  return null;
}

// Headers of a bundle that describe it, not its parts; the others (the security headers) go on every part.
const BUNDLE_ONLY = ["content-type", "content-length", "content-encoding", "etag", "cache-control", "vary", "date",
  "x-request-id"];

/* A bundle's parts into the cache, each as the response to its URL (named by the part). Every URL it should hold
   must be there, or it fails (and its URLs are fetched alone) rather than leaving a URL out. */
async function unbundle(cache, bundle, urls) {
  const response = await fetch(bundle);
  if (!response.ok) throw new TypeError(`${bundle}: ${response.status}`);
  const parts = await response.formData();
  await Promise.all(urls.map((url) => {
    const part = parts.get(url);
    if (!part) throw new TypeError(`${bundle} has no ${url}`);
    const headers = new Headers(response.headers);
    for (const name of BUNDLE_ONLY) headers.delete(name);
    headers.set("Content-Type", part.type);
    if (CONFIG.etags[url]) headers.set("ETag", `"${CONFIG.etags[url]}"`);
    return cache.put(url, new Response(part, { headers }));
  }));
}

async function dropOldCaches() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
  }
}

async function fromCache(request, ignoreSearch) {
  const cache = await caches.open(CACHE);
  return cache.match(request, { ignoreSearch: ignoreSearch, ignoreVary: true });
}

async function cachedJson(url) {
  const response = await fromCache(url, false);
  return response ? response.json() : null;
}
