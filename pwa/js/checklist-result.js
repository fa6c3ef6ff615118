// The checklist's result, shown at once: worked out on the phone (local-result.js), online or not. Kept in the
// phone's history; sent to the clinic only if the person ticks the consent box under it, in the background,
// through the outbox the service worker empties (docs/pwa.md).
import { formatDate, initShare, renderResult } from "./result.js";

const NETWORK_WAIT = 8000; // ms: only when the phone has not got the rules (a first visit on a broken network)

export function resultView({ lang, form, baseTitle, evaluator, onBack, onRestart, state, save }) {
  const $ = (id) => document.getElementById(id);
  const area = $("result-area"), actions = $("result-actions"), failed = $("result-error");
  const consentBox = $("consent-box"), consent = $("consent"), progress = $("step-progress-box");
  let shown = 0; // which showing is current: a later one (or hide()) makes an earlier, slower one give up

  $("result-back").addEventListener("click", onBack);
  area.addEventListener("click", (event) => { // "Start again" is in the card, which each showing renders anew
    if (!event.target.closest("#restart")) return;
    event.preventDefault(); // a link for the result page; here the stepper starts afresh on the same page
    onRestart();
  });
  $("result-retry").addEventListener("click", () => show());
  consent.addEventListener("change", () => {
    const s = state();
    s.consent = consent.checked;
    save();
    if (consent.checked) send(s);
    else self.TchanDB?.remove("outbox", s.id).catch(() => {});
  });
  initShare(() => area.querySelector(".result"));

  function parts(visible) {
    form.hidden = visible;
    progress.hidden = visible;
    document.body.classList.toggle("result-shown", visible);
  }

  function hide() {
    shown += 1;
    parts(false);
    area.hidden = actions.hidden = failed.hidden = consentBox.hidden = true;
  }

  async function show() {
    const mine = ++shown;
    const s = state();
    if (!s.id) {
      s.id = crypto.randomUUID ? crypto.randomUUID() : fallbackId();
      s.saved_at = new Date().toISOString();
      save();
    }
    parts(true);
    failed.hidden = true;
    let view;
    try {
      view = await work(s.answers);
    } catch (error) {
      if (mine !== shown) return;
      failed.hidden = false;
      return failed.focus();
    }
    if (mine !== shown) return; // the person went back meanwhile
    view.answers = { ...s.answers }; // result.js words them for the summary (a blank tick box: "no")
    view.date = formatDate(s.saved_at, lang);
    const card = renderResult(area, view);
    actions.hidden = false;
    consentBox.hidden = false;
    consent.checked = Boolean(s.consent);
    document.title = `${view.title} – ${baseTitle}`;
    scrollTo(0, 0);
    // A small screen (or 200 % zoom): the level, what to do (and the call button) and "Start again" first, the
    // header scrolled away (the 115 bar stays).
    if ($("restart").getBoundingClientRect().bottom > innerHeight) card.scrollIntoView();
    $("result-title").focus({ preventScroll: true });
    const saved = { id: s.id, saved_at: s.saved_at, lang, answers: { ...s.answers }, view };
    // Kept once, as first shown: showing it again (the other language, a reload) does not rewrite it.
    self.TchanDB?.add("history", saved).catch(() => {});
  }

  async function work(answers) {
    try {
      await evaluator();
      return await self.LocalResult.localResult(answers, lang);
    } catch (error) { // no rules on the phone yet: ask the server
      const response = await fetch("/api/v1/triage", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ answers, lang }),
        signal: AbortSignal.timeout(NETWORK_WAIT),
      });
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }
  }

  return { show, hide };
}

// A consented record: into the outbox, then the service worker sends it (now, or when the phone is back online).
async function send(s) {
  // No `offline` yet: the first try to send it decides (failing, the server could not be reached when it was made).
  const record = { id: s.id, answers: { ...s.answers }, lang: document.documentElement.lang,
    queued_at: new Date().toISOString() };
  await self.TchanDB.put("outbox", record);
  const sw = navigator.serviceWorker;
  if (sw?.controller) {
    sw.controller.postMessage({ type: "sync" });
    sw.ready.then((registration) => registration.sync?.register("outbox")).catch(() => {});
    return;
  }
  // No worker in charge yet (a first visit): send it from here; what is not stored stays queued for the worker.
  const response = await fetch("/api/v1/triage", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ answers: record.answers, lang: record.lang, consent: true, id: record.id, offline: false }),
  }).catch(() => null);
  const result = response && response.ok ? await response.json().catch(() => null) : null;
  if (result && !(result.record && result.record.reason === "unavailable")) {
    await self.TchanDB.remove("outbox", record.id);
  } else {
    await self.TchanDB.put("outbox", { ...record, offline: !result }); // unreachable, or reached but not stored
  }
}

function fallbackId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
