/* The localized result built from ids and words: the twin of server/triage/present.py's result_view().
   Classic script (UMD): self.ResultView in the service worker, module.exports under Node for tests. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.ResultView = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* result: Triage.evaluate()'s answer; words: /api/v1/result-words; rules: /api/v1/rules (for the order of
     the warning signs, which a JSON object with sorted keys does not keep). */
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

  return { build: build };
});
