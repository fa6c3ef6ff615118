/* Service worker, part 2: what answers each request (docs/pwa.md has the table). */
"use strict";
const STATE = "te-chan-state"; // the language last used, for "/" offline
let lastLang = null;
// A frame the page points here when the new version it was told to take has not (pwa/js/update.js): the navigation
// alone makes Chromium ask this worker again to stop once idle. Nothing to show, nothing more to load: 204.
const HANDOVER = "/sw-handover";

/* The answer to a request of this origin, or null to leave it to the browser. */
function route(request) {
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return null;
  if (url.pathname === HANDOVER) return Promise.resolve(new Response(null, { status: 204 }));
  if (url.pathname === "/api/v1/triage" && request.method === "POST") return triage(request);
  if (request.mode === "navigate" && (langOf(url) || url.pathname === "/")) return page(request, url);
  if (request.method !== "GET" || url.pathname === "/sw.js") return null;
  if (url.pathname.startsWith("/static/")) return cacheFirst(request, true); // one version a cache: ?v= ignored
  // The rules and the result words change only with a new version (and so a new cache): the cached copy first.
  if (url.pathname === "/api/v1/rules" || url.pathname === "/api/v1/result-words") return cacheFirst(request, false);
  if (url.pathname.startsWith("/api/")) return networkFirst(request);
  return cacheFirst(request, false);
}

function langOf(url) {
  const first = url.pathname.split("/")[1];
  return CONFIG.langs.includes(first) ? first : null;
}

async function cacheFirst(request, ignoreSearch) {
  return (await fromCache(request, ignoreSearch)) || fetch(request);
}

async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await fromCache(request, false);
    if (cached) return cached;
    throw error;
  }
}

/* Pages: the cached version first (it matches the cached shell); anything else from the network; offline,
   the same page without its query, else the guide in the same language. "/" goes by the language last used. */
async function page(request, url) {
  const lang = langOf(url);
  if (lang) rememberLang(lang);
  const plain = url.search === "" || url.search === "?source=pwa"; // the start_url of the manifests
  if (request.method === "GET" && plain) {
    const cached = await fromCache(request, true);
    if (cached) return cached;
  }
  try {
    return await fetch(request);
  } catch (error) {
    const same = request.method === "GET" ? await fromCache(request, true) : null;
    if (same) return same;
    const fallbackLang = lang || (await preferredLang());
    if (!lang && url.pathname === "/") return Response.redirect("/" + fallbackLang + "/", 302);
    const fallback = await fromCache(
      "/" + fallbackLang + (request.method === "POST" ? "/checklist" : "/"), false);
    if (fallback) return fallback;
    throw error;
  }
}

function rememberLang(lang) {
  if (lang === lastLang) return;
  lastLang = lang;
  caches.open(STATE).then((cache) => cache.put("/__lang", new Response(lang))).catch(() => {});
}

async function preferredLang() {
  if (lastLang) return lastLang;
  const saved = await caches.open(STATE).then((cache) => cache.match("/__lang")).catch(() => null);
  const lang = saved ? await saved.text() : null;
  return CONFIG.langs.includes(lang) ? lang : CONFIG.default_lang;
}
