/* Triage evaluator, the twin of server/triage/engine.py: rules.json and answers in, ids out.
   Classic script (UMD) so pages and the service worker (importScripts) share it: there it uses the global
   jsonLogic and sets self.Triage; in Node it requires the vendored json-logic.js and exports the same. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("../vendor/json-logic.js"));
  } else {
    root.Triage = factory(root.jsonLogic);
  }
})(typeof self !== "undefined" ? self : this, function (jsonLogic) {
  "use strict";

  const DERIVED_PREFIX = "_"; // derived shorthands live in the data as "_" + id, beside the answers
  const prepared = new WeakMap(); // rules object -> what can be worked out once

  function finding(text) {
    const at = text.indexOf("=");
    return at < 0 ? [text, "yes"] : [text.slice(0, at), text.slice(at + 1)];
  }

  function prepare(rules) {
    let done = prepared.get(rules);
    if (done) return done;
    const fallback = rules.rules.find((rule) => rule.fallback);
    done = {
      derived: rules.derived.map((d) => [DERIVED_PREFIX + d.id, d.when]),
      tiers: rules.levels.map((level) => [
        level.id,
        rules.rules.filter((rule) => rule.level === level.id && !rule.fallback),
      ]),
      fallback: [fallback.id, fallback.level],
      warningSigns: rules.questions.filter((q) => q.warning_sign).map((q) => q.id),
      causes: rules.causes.map((c) => ({
        id: c.id,
        group: c.group,
        key: c.key_findings.map(finding),
        risk: c.risk_factors.map(finding),
      })),
      // rule id -> indexes of the causes it names (listed, and first, when the rule is among the reasons)
      namedBy: rules.rules.reduce((named, rule) => {
        named[rule.id] = [];
        rules.causes.forEach((c, index) => (c.rules || []).includes(rule.id) && named[rule.id].push(index));
        return named;
      }, Object.create(null)),
      keyWeight: rules.cause_weights.key_findings,
      riskWeight: rules.cause_weights.risk_factors,
      maxCauses: rules.max_causes,
      adviceLevels: rules.advice.levels,
      advice: rules.advice.items.map((a) => ({
        id: a.id,
        causes: a.causes || [],
        with: a.with || [],
        at: a.at || [],
      })),
    };
    prepared.set(rules, done);
    return done;
  }

  const own = (answers, q) => (Object.prototype.hasOwnProperty.call(answers, q) ? answers[q] : undefined);
  const count = (answers, findings) => findings.filter(([q, v]) => own(answers, q) === v).length;

  function causesFor(answers, reasons, p) {
    const named = new Set(reasons.flatMap((reason) => p.namedBy[reason] || []));
    const found = [];
    p.causes.forEach((cause, index) => {
      const keys = count(answers, cause.key);
      if (keys || named.has(index)) {
        const score = keys * p.keyWeight + count(answers, cause.risk) * p.riskWeight;
        found.push({ id: cause.id, group: cause.group, score: score, index: index, named: named.has(index) });
      }
    });
    // Causes named by the reasons first, then the others; each part by score, ties in the table's order.
    found.sort((a, b) => b.named - a.named || b.score - a.score || a.index - b.index);
    return found.slice(0, p.maxCauses).map((c) => ({ id: c.id, group: c.group, score: c.score }));
  }

  function adviceFor(level, causes, p) {
    if (!p.adviceLevels.includes(level)) return [];
    const listed = causes.map((c) => c.id);
    const given = [];
    for (const item of p.advice) {
      if (
        item.causes.some((c) => listed.includes(c)) ||
        item.with.some((a) => given.includes(a)) ||
        item.at.includes(level)
      ) {
        given.push(item.id);
      }
    }
    return given;
  }

  function evaluate(answers, rules) {
    const p = prepare(rules);
    const data = Object.create(null); // no prototype: an answer key can never reach Object.prototype
    for (const key of Object.keys(answers)) data[key] = answers[key];
    for (const [name, logic] of p.derived) data[name] = jsonLogic.truthy(jsonLogic.apply(logic, data));
    let level = p.fallback[1];
    let reasons = [p.fallback[0]];
    // Tiers run most urgent first; the first tier with a fired rule decides the level and its reasons.
    for (const [tierLevel, tier] of p.tiers) {
      const fired = tier.filter((rule) => jsonLogic.truthy(jsonLogic.apply(rule.when, data))).map((r) => r.id);
      if (fired.length) {
        level = tierLevel;
        reasons = fired;
        break;
      }
    }
    const causes = causesFor(answers, reasons, p);
    return {
      level: level,
      reasons: reasons,
      check_again: p.warningSigns.filter((q) => own(answers, q) === "unsure"),
      causes: causes,
      advice: adviceFor(level, causes, p),
    };
  }

  return { evaluate: evaluate };
});
