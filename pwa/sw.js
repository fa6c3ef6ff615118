/* The service worker, served at /sw.js by server/pages/pwa.py with its configuration injected below:
   {version, precache, scripts, langs, default_lang, messages}. The version is a hash of every byte it caches.
   Pages, shell files and API answers come from the versioned cache; POST /api/v1/triage is answered here
   when the network fails, with the same evaluator as the server's; consented answers wait in IndexedDB. */
"use strict";
const CONFIG = __SW_CONFIG__;
importScripts(...CONFIG.scripts); // idb, db.js (TchanDB), json-logic, triage.js (Triage), local-result.js (LocalResult)

const PREFIX = "te-chan-v-";
const CACHE = PREFIX + CONFIG.version;
const STATE = "te-chan-state"; // the language last used, for "/" offline
const NETWORK_WAIT = 8000; // ms before a triage request is answered here instead
let lastLang = null;

self.addEventListener("install", (event) => {
  // No skipWaiting(): a new version waits until the person taps "Reload" (update.js) or closes the app.
  event.waitUntil(precache());
});

/* Every URL at once. A content-hashed URL (?v=) never changes: taken from the previous version's cache when it is
   there, else fetched (the HTTP cache may answer: it is immutable); only the others are fetched afresh. */
async function precache() {
  const cache = await caches.open(CACHE);
  const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  await Promise.all(CONFIG.precache.map(async (url) => {
    if (!new URL(url, self.location.origin).searchParams.has("v")) return cache.add(new Request(url, { cache: "reload" }));
    for (const name of old) {
      const kept = await (await caches.open(name)).match(url);
      if (kept) return cache.put(url, kept);
    }
    return cache.add(url);
  }));
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
      await flushOutbox().catch(() => {});
    })()
  );
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
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === "/api/v1/triage" && request.method === "POST") {
    event.respondWith(triage(request));
  } else if (request.mode === "navigate" && (langOf(url) || url.pathname === "/")) {
    event.respondWith(page(request, url));
  } else if (request.method !== "GET" || url.pathname === "/sw.js") {
    return;
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request, true)); // one version of each file per cache: the ?v= can be ignored
  } else if (url.pathname.startsWith("/api/")) {
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(cacheFirst(request, false));
  }
});

function langOf(url) {
  const first = url.pathname.split("/")[1];
  return CONFIG.langs.includes(first) ? first : null;
}

async function fromCache(request, ignoreSearch) {
  const cache = await caches.open(CACHE);
  return cache.match(request, { ignoreSearch: ignoreSearch, ignoreVary: true });
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

/* POST /api/v1/triage: the server when it answers in time, else the same result made here. */
async function triage(request) {
  const body = await request.clone().text();
  try {
    const response = await withTimeout(fetch(request), NETWORK_WAIT);
    // A 5xx is a server or proxy down, a 429 the clinic's shared Wi-Fi over its limit: the person still gets the
    // result, worked out here from the same rules.
    if (response.status < 500 && response.status !== 429) {
      if (response.ok) await keepIfNotStored(body, response.clone()).catch(() => {});
      return response;
    }
  } catch (error) {
    // offline, or too slow
  }
  return offlineTriage(body);
}

/* The server gave the result but could not store the consented record (its database failed or was too slow:
   record.reason "unavailable"): keep it in the outbox, as when offline, and send it again later. */
async function keepIfNotStored(body, response) {
  const result = await response.json();
  const record = result && result.record;
  if (!record || record.stored !== false || record.reason !== "unavailable") return;
  const sent = JSON.parse(body);
  await self.TchanDB.put("outbox", {
    id: record.id, answers: sent.answers || {}, lang: result.lang, offline: sent.offline === true,
    queued_at: new Date().toISOString(),
  });
  if (self.registration.sync) self.registration.sync.register("outbox").catch(() => {});
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error) => { clearTimeout(timer); reject(error); }
    );
  });
}

async function cachedJson(url) {
  const response = await fromCache(url, false);
  return response ? response.json() : null;
}

function json(status, body) {
  return new Response(JSON.stringify(body), {
    status: status, headers: { "Content-Type": "application/json", "X-Offline": "1" },
  });
}

function failure(code, lang, fields) {
  const words = CONFIG.messages[lang] || CONFIG.messages[CONFIG.default_lang];
  return json(code, { error: { code: code, message: words[String(code)], fields: fields || {} } });
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/* The checks of TriageRequestSchema, with the server's words: {field: [message]} or null. */
function invalid(body, rules, words) {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return { _schema: [words.not_object] };
  const fields = {};
  for (const key of Object.keys(body)) {
    const value = body[key];
    if (key === "answers") {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        fields.answers = [words.not_object];
        continue;
      }
      const wrong = {};
      for (const [qid, answer] of Object.entries(value)) {
        const question = rules.questions.find((q) => q.id === qid);
        if (!question) wrong[qid] = [words.unknown];
        else if (typeof answer !== "string") wrong[qid] = [words.not_text];
        else if (!question.values.includes(answer)) wrong[qid] = [words.not_allowed];
      }
      if (Object.keys(wrong).length) fields.answers = wrong;
    } else if (key === "lang") {
      if (!CONFIG.langs.includes(value)) fields.lang = [words.not_allowed];
    } else if (key === "consent" || key === "offline") {
      if (typeof value !== "boolean") fields[key] = [words.not_boolean];
    } else if (key === "id") {
      if (typeof value !== "string" || !UUID.test(value)) fields.id = [words.not_uuid];
    } else {
      fields[key] = [words.unknown];
    }
  }
  return Object.keys(fields).length ? fields : null;
}

function newId() {
  const b = self.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64; // version 4
  b[8] = (b[8] & 63) | 128;
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

async function offlineTriage(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return failure(400, await preferredLang());
  }
  const lang = body && CONFIG.langs.includes(body.lang) ? body.lang : await preferredLang();
  const [rules, words] = await Promise.all([
    cachedJson("/api/v1/rules"), cachedJson("/api/v1/result-words?lang=" + lang),
  ]);
  if (!rules || !words) return failure(500, lang);
  const fields = invalid(body, rules, CONFIG.messages[lang]);
  if (fields) return failure(422, lang, fields);
  const answers = body.answers || {};
  let record = null;
  if (body.consent === true) {
    const hex = (body.id || newId()).replace(/-/g, "").toLowerCase(); // the server's str(UUID) form
    const id = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
    await self.TchanDB.put("outbox", { id: id, answers: answers, lang: lang, queued_at: new Date().toISOString() });
    record = { id: id, stored: false };
    if (self.registration.sync) self.registration.sync.register("outbox").catch(() => {});
  }
  const view = await self.LocalResult.localResult(answers, lang, cachedJson);
  return json(200, Object.assign(view, { record: record }));
}

/* Send the consented answers kept offline. The UUID makes a repeat harmless: the server stores each id once.
   One sending at a time (start, `online`, Background Sync and activation can ask together); asked again meanwhile,
   it goes round once more, for a record queued after it began. Rejects when something could not be sent yet, so
   Background Sync tries again later. */
let flushing = null;
let again = false;

function flushOutbox() {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    try {
      do {
        again = false;
        await sendOutbox();
      } while (again);
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

async function sendOutbox() {
  const waiting = await self.TchanDB.all("outbox");
  let failed = 0;
  for (const item of waiting) {
    try {
      const response = await fetch("/api/v1/triage", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({
          answers: item.answers, lang: item.lang, consent: true, id: item.id, offline: item.offline !== false,
        }),
      });
      // Stored (2xx), or refused for good (4xx other than 408/429: the same body would fail again): done with it.
      // A 2xx whose record is "unavailable" (the server's database failed) was not stored: it waits again.
      const unstored = response.ok && await response.json().then(
        (result) => result.record && result.record.reason === "unavailable", () => false);
      const done = (response.ok && !unstored) ||
        (response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status));
      if (done) await self.TchanDB.remove("outbox", item.id);
      else await notSent(item);
    } catch (error) {
      await notSent(item);
    }
  }
  if (failed) throw new Error(failed + " record(s) not sent yet");

  // The server could not be reached when the result was made: the record is stored as made offline.
  async function notSent(item) {
    failed += 1;
    const still = await self.TchanDB.get("outbox", item.id); // unless consent was withdrawn meanwhile
    if (still && still.offline === false) await self.TchanDB.put("outbox", Object.assign({}, still, { offline: true }));
  }
}
