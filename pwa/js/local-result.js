/* The result worked out on the phone: the same view as the JSON of POST /api/v1/triage (without `record`), from
   the rules (/api/v1/rules) and the result words (/api/v1/result-words?lang=), evaluated by triage.js. Pages show
   it at once, online or not; the service worker answers an offline POST /api/v1/triage with it.
   Classic script (UMD) after json-logic.js and triage.js: self.LocalResult in a page or the worker,
   module.exports under Node (tests). */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./triage.js"));
  else root.LocalResult = factory(root.Triage);
})(typeof self !== "undefined" ? self : this, function (Triage) {
  "use strict";

  /* The twin of server/triage/present.py's result_view(). result: Triage.evaluate()'s answer; words:
     /api/v1/result-words; rules: /api/v1/rules (for the order of the warning signs, which a JSON object with
     sorted keys does not keep). */
  function build(result, words, rules) {
    const signs = rules.questions.filter((q) => q.warning_sign && q.id in words.warning_signs).map((q) => q.id);
    const safetyNet = result.advice.includes("safety_net");
    const level = words.levels[result.level];
    return {
      level: result.level,
      emergency: words.emergency_levels.includes(result.level),
      title: level.title,
      action: level.action,
      urgency: level.urgency,
      reasons: result.reasons.map((id) => ({ id: id, text: words.reasons[id] })),
      check_again: result.check_again.map((id) => ({ id: id, text: words.warning_signs[id] })),
      check_again_intro: result.check_again.length ? words.check_again_intro : "",
      possible_causes: result.causes.map((c) => ({
        id: c.id, group: c.group, name: words.causes[c.id].name, summary: words.causes[c.id].summary,
      })),
      advice: result.advice.map((id) => ({ id: id, text: words.advice[id] })),
      warning_signs: safetyNet ? signs.map((id) => ({ id: id, text: words.warning_signs[id] })) : [],
      emergency_number: words.emergency_number,
      disclaimer: words.disclaimer,
      rules_version: words.rules_version,
    };
  }

  /* Each URL's JSON is asked for once per page (or worker) life; a failure is forgotten, so a later call tries
     again. `load` gives the parsed JSON of a URL (the worker reads its cache; pages fetch, which their worker
     answers from its cache). */
  const loaded = new Map();

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then((response) => {
      if (!response.ok) throw new Error(url + " answered " + response.status);
      return response.json();
    });
  }

  function get(url, load) {
    if (!loaded.has(url)) {
      const promise = Promise.resolve(load(url));
      loaded.set(url, promise);
      promise.then((data) => data || loaded.delete(url), () => loaded.delete(url)); // nothing kept: ask again
    }
    return loaded.get(url);
  }

  /* What localResult() needs, asked for ahead (a page calls it when the checklist starts). */
  function prefetch(lang, load) {
    const by = load || fetchJson;
    return Promise.all([get("/api/v1/rules", by), get("/api/v1/result-words?lang=" + lang, by)]);
  }

  async function localResult(answers, lang, load) {
    const [rules, words] = await prefetch(lang, load);
    if (!rules || !words) throw new Error("the rules or the result words are missing");
    return Object.assign(build(Triage.evaluate(answers, rules), words, rules), { lang: lang });
  }

  return { build: build, prefetch: prefetch, localResult: localResult };
});
