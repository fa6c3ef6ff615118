// The checklist one screen at a time (the screens are server/pages/screens.py's, rendered by the server with the
// first one showing). All warning-sign screens come first; after them only the screens holding a question that
// pwa/js/interview.js says could still change the level, and the result as soon as none could. Answers are saved
// as they are given (localStorage) and restored on return; what was tapped before this script ran counts.
const KEY = "te-chan.progress";

export function start(form) {
  const $ = (id) => document.getElementById(id);
  const lang = form.dataset.lang;
  const baseTitle = document.title;
  const back = $("step-back"), next = $("step-next"), progressText = $("step-progress"), bar = $("step-bar");
  const screens = [...form.querySelectorAll("section[data-screen]")].map((section) => ({
    id: section.dataset.screen,
    section,
    signs: section.dataset.step === "warning_signs",
    items: [...section.querySelectorAll("[data-question]")],
  }));
  const byId = new Map(screens.map((s) => [s.id, s]));
  // The evaluator (rules, interview, result: 14 KB) and the result's own module are not needed to show the first
  // screen: they load at the first touch or key, or 2 s after the start, whichever comes first (the worker has them
  // cached after the first visit).
  let rules = null; // until then, every screen comes in order (safe: nothing is left out)
  let loading = null;
  const evaluator = () => {
    if (!loading) {
      loading = import("./load-scripts.js")
        .then((module) => module.loadScripts(form.dataset.evaluator.split(" ")))
        .then(() => self.LocalResult.prefetch(lang));
      loading.then(([r]) => { rules = r; }, () => { loading = null; }); // a failure: tried again when next needed
    }
    return loading;
  };
  let result = null; // the result's part of the page (checklist-result.js), once loaded
  let resultLoading = null;
  const resultPart = () => {
    resultLoading ??= import("./checklist-result.js").then((module) => {
      result = module.resultView({ lang, form, baseTitle, evaluator, onBack: goBack, onRestart: restart,
        state: () => state, save });
      return result;
    });
    resultLoading.catch(() => { resultLoading = null; }); // a failure (the page going away): tried again when needed
    return resultLoading;
  };
  const soon = () => { evaluator(); resultPart(); };
  for (const type of ["pointerdown", "keydown"]) addEventListener(type, soon, { once: true, passive: true });
  setTimeout(soon, 2000);
  let depth = 0; // history entries this page pushed, so Back can be the phone's back

  let state = load();
  const given = readForm(); // tapped before this script ran, or prefilled by the server (?question=value)
  if (location.search || (!location.hash && state.screen === "result")) state = fresh(); // a new check
  if (Object.keys(given).length && !location.hash) { // answering the first screen already: stay on it
    state.path = [];
    state.current = first();
  }
  // Answers other than the saved ones make another record; the same ones (the browser restoring the form on Back)
  // keep its id, so one check is never kept twice in the past results.
  if (Object.entries(given).some(([q, v]) => state.answers[q] !== v)) state.id = null;
  Object.assign(state.answers, given);
  writeForm(state.answers);

  form.addEventListener("change", (event) => {
    const input = event.target;
    if (input.type === "radio") state.answers[input.name] = input.value;
    else if (input.type === "checkbox") state.answers[input.name] = input.checked ? "yes" : "no";
    else return;
    state.id = null; // different answers, a different record
    save();
    if (input.value === "yes" && input.closest("[data-warning-sign]")) showResult("push"); // at once
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    advance();
  });
  next.addEventListener("click", advance);
  back.addEventListener("click", goBack);
  const none = $("step-none"); // on warning-sign screens: "no" to each sign not answered yet, then Continue
  none.addEventListener("click", () => {
    for (const item of screenOf(state.current).items) {
      if (!(item.dataset.question in state.answers)) item.querySelector('input[value="no"]').checked = true;
      state.answers[item.dataset.question] ??= "no";
    }
    save();
    advance();
  });
  addEventListener("popstate", (event) => {
    depth = (event.state && event.state.depth) || 0;
    route(location.hash);
  });
  for (const button of [next, none]) button.disabled = false;

  if (signYes()) showResult("replace");
  else route(location.hash || "#q=" + state.current.screen, "replace");

  function route(hash, how = null) {
    if (hash === "#result" && Object.keys(state.answers).length) return showResult(how);
    const target = hash.slice(3);
    const at = state.path.findIndex((p) => p.screen === target);
    if (at >= 0) {
      state.current = state.path[at];
      state.path = state.path.slice(0, at);
    } else if (byId.has(target) && target !== state.current.screen && state.screen !== "result") {
      state.path.push(state.current); // forward again through the phone's history
      state.current = { screen: target, shown: byId.get(target).items.map((i) => i.dataset.question) };
    } else if (!byId.has(target)) {
      state.path = [];
      state.current = first();
    }
    show(how);
  }

  function advance() {
    const screen = screenOf(state.current);
    for (const item of screen.items) {
      const box = item.querySelector("input[type=checkbox]");
      if (box && !item.hidden) state.answers[item.dataset.question] = box.checked ? "yes" : "no"; // blank: "no"
    }
    const upcoming = plan();
    if (!upcoming.length) return showResult("push");
    state.path.push(state.current);
    state.current = upcoming[0];
    show("push");
  }

  // The screens still to come after the current one, each with the questions to show there.
  function plan() {
    const index = screens.indexOf(screenOf(state.current));
    const all = (s) => ({ screen: s.id, shown: s.items.map((i) => i.dataset.question) });
    const signs = screens.slice(index + 1).filter((s) => s.signs).map(all);
    if (signYes()) return [];
    if (!rules || !self.Interview) return [...signs, ...screens.slice(index + 1).filter((s) => !s.signs).map(all)];
    const asked = new Set([...state.path, state.current].flatMap((p) => p.shown));
    const skipped = [...asked].filter((q) => !(q in state.answers)); // shown and left: no answer, not asked again
    const interview = self.Interview.next(state.answers, rules, skipped);
    if (interview.should_stop) return signs.length ? signs : [];
    const wanted = new Set(interview.next.filter((q) => !asked.has(q)));
    const later = screens.filter((s) => !s.signs).map((s) => ({
      screen: s.id, shown: s.items.map((i) => i.dataset.question).filter((q) => wanted.has(q)),
    }));
    return [...signs, ...later.filter((p) => p.shown.length)];
  }

  function goBack() {
    if (depth > 0) return history.back();
    if (state.screen !== "result" && state.path.length) state.current = state.path.pop();
    show("replace");
  }

  function show(how) {
    const current = screenOf(state.current);
    for (const s of screens) {
      s.section.classList.remove("later");
      s.section.hidden = s !== current;
    }
    for (const item of current.items) item.hidden = !state.current.shown.includes(item.dataset.question);
    back.hidden = state.path.length === 0;
    none.hidden = !current.signs;
    const total = state.path.length + 1 + plan().length;
    const words = form.dataset.progress.replace("{current}", state.path.length + 1).replace("{total}", total);
    progressText.textContent = words;
    bar.max = total;
    bar.value = state.path.length + 1;
    document.title = `${words} – ${baseTitle}`;
    result?.hide();
    form.hidden = false;
    state.screen = state.current.screen;
    save();
    mark("#q=" + current.id, how);
    if (how) {
      scrollTo(0, 0);
      current.section.querySelector(".step-title").focus({ preventScroll: true });
    }
  }

  function showResult(how) {
    state.screen = "result";
    save();
    mark("#result", how);
    form.hidden = true; // at once: the result's module may still be on its way
    resultPart().then((part) => state.screen === "result" && part.show()); // unless the person went back meanwhile
  }

  function restart() {
    state = fresh();
    for (const input of form.querySelectorAll("input:checked")) input.checked = false;
    save();
    show("replace");
  }

  function signYes() {
    return screens.some((s) => s.signs && s.items.some((i) => state.answers[i.dataset.question] === "yes"));
  }

  function screenOf(place) {
    return byId.get(place.screen) || screens[0];
  }

  function first() {
    return { screen: screens[0].id, shown: screens[0].items.map((i) => i.dataset.question) };
  }

  function fresh() {
    return { answers: {}, path: [], current: first(), screen: screens[0].id };
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
    for (const input of form.querySelectorAll("input:checked")) answers[input.name] = input.value;
    return answers;
  }

  function writeForm(answers) {
    for (const input of form.querySelectorAll("input")) {
      if (input.name in answers) input.checked = answers[input.name] === input.value;
    }
  }

  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (error) { /* private mode: no saving */ }
  }

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(KEY));
      // A result page's "Change my answers" leaves only {answers}: the check goes on from the first screen.
      if (saved && typeof saved.answers === "object" && saved.answers) return { ...fresh(), ...saved };
    } catch (error) { /* nothing saved */ }
    return fresh();
  }
}
