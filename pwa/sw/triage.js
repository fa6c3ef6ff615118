/* Service worker, part 3: POST /api/v1/triage for any client, from the server when it answers in time, else worked
   out here with the pages' own local-result.js (the same rules and words, from this version's cache). The body is
   not checked like the server does: no client of ours sends a wrong one, and the evaluator only reads the answers
   it knows, so anything else is ignored. */
"use strict";
const NETWORK_WAIT = 8000; // ms before a triage request is answered here instead

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

async function offlineTriage(text) {
  let body = null;
  try {
    body = JSON.parse(text);
  } catch (error) { /* no answers */ }
  if (body === null || typeof body !== "object") body = {};
  const answers = body.answers !== null && typeof body.answers === "object" ? body.answers : {};
  const lang = CONFIG.langs.includes(body.lang) ? body.lang : await preferredLang();
  let view;
  try {
    view = await self.LocalResult.localResult(answers, lang, cachedJson);
  } catch (error) {
    return Response.error(); // nothing cached to work it out from: as if the network had failed
  }
  let record = null;
  if (body.consent === true) {
    const id = typeof body.id === "string" ? uuid(body.id) : uuid(newId());
    await self.TchanDB.put("outbox", {
      id: id, answers: answers, lang: lang, offline: true, queued_at: new Date().toISOString(),
    });
    record = { id: id, stored: false };
    if (self.registration.sync) self.registration.sync.register("outbox").catch(() => {});
  }
  return new Response(JSON.stringify(Object.assign(view, { record: record })), {
    status: 200, headers: { "Content-Type": "application/json", "X-Offline": "1" },
  });
}

function newId() {
  const b = self.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64; // version 4
  b[8] = (b[8] & 63) | 128;
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function uuid(text) { // the server's str(UUID) form
  const hex = text.replace(/-/g, "").toLowerCase();
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
}
