/* Service worker, part 1: the versioned cache. Everything the app needs offline is kept in te-chan-v-<version>
   (the version hashes every byte of it); the cache of the version before is deleted once this one takes over. */
"use strict";
const PREFIX = "te-chan-v-";
const CACHE = PREFIX + CONFIG.version;

/* Every URL at once. A content-hashed URL (?v=) never changes: taken from the previous version's cache when it is
   there, else fetched (the HTTP cache may answer: it is immutable). The others are revalidated (their ETag): one
   that has not changed, such as the page just loaded or the other language's on a release changing one, costs a
   304, not its bytes again. */
async function precache() {
  const cache = await caches.open(CACHE);
  const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  await Promise.all(CONFIG.precache.map(async (url) => {
    if (!new URL(url, self.location.origin).searchParams.has("v")) return cache.add(new Request(url, { cache: "no-cache" }));
    for (const name of old) {
      const kept = await (await caches.open(name)).match(url);
      if (kept) return cache.put(url, kept);
    }
    return cache.add(url);
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
