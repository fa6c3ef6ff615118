// The checklist one screen at a time: the warning signs together first, then one question per screen, then the
// consent box and the result. Answers are saved as they are given (localStorage) and restored on return.
import { formatDate, initShare, renderResult } from "./result.js";

const KEY = "te-chan.progress";

export function start(form) {
  const $ = (id) => document.getElementById(id);
  const lang = form.dataset.lang;
  const baseTitle = document.title;
  const nav = $("stepper-nav"), back = $("step-back"), next = $("step-next");
  const progressBox = $("step-progress-box"), progressText = $("step-progress"), bar = $("step-bar");
  const area = $("result-area"), actions = $("result-actions"), failed = $("result-error"), working = $("result-working");
  const consent = $("consent"), lead = $("checklist-lead");

  const screens = [];
  for (const section of form.querySelectorAll("[data-step]")) {
    const step = section.dataset.step;
    const questions = [...section.querySelectorAll("fieldset[data-question]")];
    if (step === "warning_signs" || step === "final") screens.push({ id: step, section, questions });
    else for (const q of questions) screens.push({ id: q.dataset.question, section, questions: [q] });
  }
  const total = screens.length;
  let current = 0;
  let depth = 0; // history entries this page pushed, so Back can be the phone's back

  let state = load();
  const given = readForm();
  // Prefilled by the server (answers posted back), unless they are the saved ones the browser restored on Back:
  // those keep their record id, so the same check is never kept twice in the past results.
  const same = (a, b) => Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);
  if (Object.keys(given).length && !same(given, state.answers)) state = { answers: given, screen: screens[0].id };
  writeForm(state.answers);
  consent.checked = Boolean(state.consent);

  form.classList.add("stepping");
  nav.hidden = false;
  progressBox.hidden = false;

  form.addEventListener("change", (event) => {
    const input = event.target;
    if (input === consent) state.consent = consent.checked;
    else if (input.type === "radio") state.answers[input.name] = input.value;
    state.id = null; // different answers, a different record
    state.saved_at = null;
    save();
    if (input.type === "radio" && input.value === "yes" && input.closest("[data-warning-sign]")) {
      showResult(true); // any warning sign: the emergency result at once
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (current < total - 1) go(current + 1, "push");
    else showResult(true);
  });
  next.addEventListener("click", () => go(current + 1, "push"));
  back.addEventListener("click", goBack);
  $("result-back").addEventListener("click", goBack);
  $("restart").addEventListener("click", () => {
    state = { answers: {}, screen: screens[0].id };
    for (const input of form.querySelectorAll("input:checked")) input.checked = false;
    save();
    go(0, "replace");
  });
  $("result-retry").addEventListener("click", () => showResult(false));
  addEventListener("popstate", (event) => {
    depth = (event.state && event.state.depth) || 0;
    route(location.hash, false);
  });
  initShare(() => area.querySelector(".result"));

  route(location.hash || "#q=" + state.screen, true);

  function route(hash, first) {
    const target = hash.startsWith("#q=") ? hash.slice(3) : hash.slice(1);
    if (target === "result" && (state.screen === "result" || Object.keys(state.answers).length)) {
      return showResult(false, first ? "replace" : null);
    }
    const index = screens.findIndex((s) => s.id === target);
    go(index < 0 ? 0 : index, first ? "replace" : null, !first);
  }

  function goBack() {
    if (depth > 0) history.back();
    else go(Math.max(0, (state.screen === "result" ? total : current) - 1), "replace");
  }

  function go(index, how, focus = true) {
    current = Math.max(0, Math.min(total - 1, index));
    const screen = screens[current];
    for (const s of screens) {
      s.section.hidden = s.section !== screen.section;
      for (const q of s.questions) q.hidden = !screen.questions.includes(q);
    }
    const firstOfStep = screen.questions[0] === screen.section.querySelector("fieldset[data-question]");
    screen.section.querySelector(".step-intro")?.toggleAttribute("hidden", !firstOfStep);
    back.hidden = current === 0;
    next.hidden = current === total - 1;
    const words = form.dataset.progress.replace("{current}", current + 1).replace("{total}", total);
    progressText.textContent = words;
    bar.max = total;
    bar.value = current + 1;
    document.title = `${words} – ${baseTitle}`;
    showForm(true);
    state.screen = screen.id;
    save();
    mark("#q=" + screen.id, how);
    if (focus) {
      scrollTo(0, 0);
      const heading = screen.questions.length === 1 ? screen.questions[0].querySelector(".q-text") : screen.section.querySelector(".step-title");
      heading.focus({ preventScroll: true });
    }
  }

  function showForm(yes) {
    form.hidden = !yes;
    lead.hidden = !yes;
    progressBox.hidden = !yes;
    if (yes) { area.hidden = true; actions.hidden = true; failed.hidden = true; working.hidden = true; }
  }

  async function showResult(push, how) {
    showForm(false);
    state.screen = "result";
    if (!state.id) {
      state.id = crypto.randomUUID ? crypto.randomUUID() : fallbackId();
      state.saved_at = new Date().toISOString();
    }
    save(); // only here, before waiting: a later save() could undo what another page did meanwhile (Delete all)
    mark("#result", how !== undefined ? how : push ? "push" : null);
    working.textContent = form.dataset.working;
    working.hidden = false;
    failed.hidden = true;
    area.hidden = true;
    actions.hidden = true;
    try {
      const response = await fetch("/api/v1/triage", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ answers: state.answers, lang, consent: Boolean(state.consent), id: state.id }),
      });
      if (!response.ok) throw new Error(String(response.status));
      const view = await response.json();
      const saved = { id: state.id, saved_at: state.saved_at || new Date().toISOString(), lang, answers: { ...state.answers } };
      view.answers = summary();
      view.date = formatDate(saved.saved_at, lang);
      if (state.screen !== "result") return; // the person went back meanwhile
      working.hidden = true;
      renderResult(area, view);
      actions.hidden = false;
      document.title = `${view.title} – ${baseTitle}`;
      scrollTo(0, 0);
      document.getElementById("result-title").focus({ preventScroll: true });
      // Kept once, as first shown: showing it again (the other language, a reload) does not rewrite it.
      self.TchanDB?.add("history", { ...saved, view }).catch(() => {});
    } catch (error) {
      working.hidden = true;
      failed.hidden = false;
      failed.focus();
    }
  }

  // The answers as the person saw them (question and chosen words), for the summary taken to the doctor.
  function summary() {
    const rows = [];
    for (const q of form.querySelectorAll("fieldset[data-question]")) {
      const checked = q.querySelector("input:checked");
      if (checked) rows.push({ id: q.dataset.question, q: q.querySelector(".q-text").textContent.trim(), a: checked.parentElement.textContent.trim() });
    }
    return rows;
  }

  function mark(hash, how) {
    if (how === "push") {
      depth += 1;
      history.pushState({ depth }, "", location.pathname + hash);
    } else if (how === "replace") {
      history.replaceState({ depth }, "", location.pathname + hash); // and drop a prefilling query: it is saved now
    }
  }

  function readForm() {
    const answers = {};
    for (const input of form.querySelectorAll("input[type=radio]:checked")) answers[input.name] = input.value;
    return answers;
  }

  function writeForm(answers) {
    for (const [name, value] of Object.entries(answers)) {
      const input = form.querySelector(`input[type=radio][name="${CSS.escape(name)}"][value="${CSS.escape(value)}"]`);
      if (input) input.checked = true;
    }
  }

  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (error) { /* private mode: no saving */ }
  }

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(KEY));
      if (saved && typeof saved.answers === "object") return saved;
    } catch (error) { /* nothing saved */ }
    return { answers: {}, screen: screens[0].id };
  }
}

function fallbackId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
