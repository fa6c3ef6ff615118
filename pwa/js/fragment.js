// The result of answers carried in the URL's fragment (`/vi/result#onset=sudden&…`: a QR code on a summary, the
// language switch). A fragment never reaches a server or a log; the result is worked out on the phone (the
// service worker answers the triage request itself offline), and nothing is stored.
import { formatDate, renderResult } from "./result.js";

const PROGRESS = "te-chan.progress"; // the stepper's saved answers (stepper.js)
const NOT_ANSWERS = ["lang", "consent"]; // what an old link may carry besides answers (server/pages/views.py)

export function showFragment(area) {
  const lang = area.dataset.lang;
  const $ = (id) => document.getElementById(id);
  const baseTitle = document.title;
  let answers = {};
  // An old `?question=value` link answered offline from the cached page: moved to the fragment, as the server does.
  if (location.search && !location.hash) history.replaceState(null, "", location.pathname + "#" + location.search.slice(1));

  $("result-back").addEventListener("click", () => {
    // "Change my answers": handed to the checklist through the phone's own storage, never a URL.
    try { localStorage.setItem(PROGRESS, JSON.stringify({ answers })); } catch (error) { /* private mode */ }
    location.href = `/${lang}/checklist`;
  });
  addEventListener("hashchange", show);
  show();

  async function show() {
    answers = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
    for (const key of NOT_ANSWERS) delete answers[key];
    const none = !Object.keys(answers).length;
    $("result-none").hidden = !none;
    $("result-error").hidden = true;
    $("result-actions").hidden = true;
    area.hidden = true;
    document.querySelector(".doctor-summary-box")?.remove();
    if (none) return;
    $("result-working").hidden = false;
    try {
      const view = await work(answers, lang);
      const card = renderResult(area, { ...view, answers, date: formatDate(new Date().toISOString(), lang) });
      // A small screen (or 200 % zoom): the level and what to do first, the header scrolled away (the 115 bar stays).
      const first = card.querySelector("[data-part=emergency]") || card.querySelector(".result-action");
      if (first.getBoundingClientRect().bottom > innerHeight) card.scrollIntoView();
      card.querySelector("#result-title").focus({ preventScroll: true });
      $("result-actions").hidden = false;
      document.title = `${view.title} – ${baseTitle}`;
    } catch (error) {
      $("result-error-text").textContent = error.message;
      $("result-error").hidden = false;
      $("result-error").focus();
    } finally {
      $("result-working").hidden = true;
    }
  }
}

// The same result as the server's, from the triage API (without consent: nothing stored); offline, the service
// worker answers it itself from the same rules.
async function work(answers, lang) {
  const response = await fetch("/api/v1/triage", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ answers, lang }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const fields = Object.keys((body.error && body.error.fields && body.error.fields.answers) || {});
    throw new Error([body.error && body.error.message, fields.join(", ")].filter(Boolean).join(" ") || String(response.status));
  }
  return body;
}
