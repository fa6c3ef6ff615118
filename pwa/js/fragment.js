// The result of answers carried in the URL's fragment (`/vi/result#onset=sudden&…`: a QR code on a summary, the
// language switch). A fragment never reaches a server or a log; the result is worked out on the phone from the
// rules (local-result.js), online or offline, and nothing is stored.
import { loadScripts } from "./load-scripts.js";
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
    // Now, while the rules load: the first date a page formats loads the language's calendar data, a long task on a
    // slow phone, and the result's own task is long enough.
    const date = formatDate(new Date().toISOString(), lang);
    try {
      const view = await work(answers, lang, area.dataset);
      const card = renderResult(area, { ...view, answers, date });
      // A small screen (or 200 % zoom): the level, what to do (and the call button) and "Start again" first, the
      // header scrolled away (the 115 bar stays).
      if (card.querySelector("#restart").getBoundingClientRect().bottom > innerHeight) card.scrollIntoView();
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

// The same result as the server's, worked out here from the rules and the result words, which the service worker
// keeps (a first visit fetches them). A damaged link (an unknown question or answer) says which, rather than
// giving a result from part of it.
async function work(answers, lang, words) {
  let rules;
  try {
    if (!self.LocalResult) await loadScripts(words.evaluator.split(" "));
    [rules] = await self.LocalResult.prefetch(lang);
  } catch (error) {
    throw new Error(words.unloaded); // offline before the app was ever opened online
  }
  const values = new Map(rules.questions.map((q) => [q.id, q.values]));
  const wrong = Object.keys(answers).filter((id) => !values.get(id)?.includes(answers[id]));
  if (wrong.length) throw new Error(`${words.invalid} ${wrong.join(", ")}`);
  return self.LocalResult.localResult(answers, lang);
}
