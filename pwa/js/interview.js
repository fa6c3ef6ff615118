/* The adaptive interview (SPEC §6), the twin of server/triage/interview.py and partial.py: which unanswered
   questions can still change the level, and when to stop. Classic script (UMD) like triage.js: pages and the
   service worker (importScripts) get self.Interview, Node gets module.exports. No DOM.
   Interview.next(answers, rules, skipped) -> {should_stop, next: [question ids], level: fixed level or null}.
   An unanswered question is unknown: any of its values, or no answer. An abstract value {v, d} lists every value
   an expression can still take (v: null when it could be anything) and the unanswered questions it hangs on (d).
   Step for step the same as the Python; tests check both ask the same questions in the same order. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("../vendor/json-logic.js"));
  } else {
    root.Interview = factory(root.jsonLogic);
  }
})(typeof self !== "undefined" ? self : this, function (jsonLogic) {
  "use strict";

  const DERIVED_PREFIX = "_";
  const MAX_COMBINATIONS = 64;
  // Operators that are a plain function of their arguments' values (server/triage/partial.py: PLAIN).
  const PLAIN = ["!", "!!", "!=", "!==", "%", "*", "+", "-", "/", "<", "<=", "==", "===", ">", ">=", "cat", "in", "max",
    "merge", "min", "substr"];
  const NONE = new Set();
  const truthy = jsonLogic.truthy;
  const fixed = (value) => ({ v: [value], d: NONE });
  const ABSENT = fixed(null);
  const union = (args) => new Set(args.flatMap((a) => Array.from(a.d)));
  const plans = new WeakMap(); // rules object -> compiled plan

  function truth(a) {
    if (a.v === null) return null;
    const seen = new Set(a.v.map(truthy));
    return seen.size === 1 ? seen.values().next().value : null;
  }

  function distinct(values) {
    const out = [];
    const keys = new Set();
    for (const v of values) {
      const key = (Array.isArray(v) ? "a" : typeof v) + ":" + JSON.stringify(v);
      if (!keys.has(key)) {
        keys.add(key);
        out.push(v);
      }
    }
    return out;
  }

  function result(values, args) {
    if (values !== null) {
      values = distinct(values);
      if (values.length === 1) return { v: values, d: NONE };
    }
    return { v: values, d: union(args) };
  }

  const count = (args) => args.reduce((n, a) => n * a.v.length, 1);

  function product(lists) {
    return lists.reduce((acc, list) => acc.flatMap((combo) => list.map((v) => combo.concat([v]))), [[]]);
  }

  /* A JsonLogic array of abstract values as one abstract value (the list of each possible combination). */
  function asAbs(value) {
    if (!Array.isArray(value)) return value;
    if (value.some((item) => item.v === null) || count(value) > MAX_COMBINATIONS) return result(null, value);
    return result(product(value.map((item) => item.v)), value);
  }

  function isConstant(logic) {
    if (Array.isArray(logic)) return logic.every(isConstant);
    return logic === null || typeof logic !== "object" || Object.keys(logic).length !== 1;
  }

  function compile(logic) {
    if (isConstant(logic)) {
      const value = fixed(logic);
      return () => value;
    }
    if (Array.isArray(logic)) {
      const items = logic.map(compile);
      return (env) => items.map((item) => asAbs(item(env)));
    }
    const op = Object.keys(logic)[0];
    const args = Array.isArray(logic[op]) ? logic[op] : [logic[op]];
    if (op === "var" && args.length === 1 && typeof args[0] === "string" && args[0] && !args[0].includes(".")) {
      const key = args[0];
      return (env) => (key in env ? env[key] : ABSENT);
    }
    const parts = args.map(compile);
    if (op === "and" || op === "or") return (env) => junction(op === "and", parts, env);
    if (op === "!" || op === "!!") {
      return (env) => not(parts.length ? asAbs(parts[0](env)) : ABSENT, op === "!");
    }
    if (op === "if" || op === "?:") return (env) => branch(parts, env);
    if (op === "in") return (env) => within(parts, env);
    if (PLAIN.includes(op)) return (env) => apply(op, parts.map((part) => asAbs(part(env))));
    return opaque(logic);
  }

  function junction(isAnd, parts, env) {
    let values = [];
    const seen = [];
    for (let index = 0; index < parts.length; index++) {
      const arg = asAbs(parts[index](env));
      seen.push(arg);
      if (arg.v === null) {
        values = null;
        continue;
      }
      const stops = arg.v.filter((v) => truthy(v) !== isAnd);
      const passes = arg.v.filter((v) => truthy(v) === isAnd);
      if (values !== null) values = values.concat(stops, index === parts.length - 1 ? passes : []);
      if (!passes.length) break;
    }
    return result(parts.length ? values : [null], seen);
  }

  function not(arg, negate) {
    return result(arg.v === null ? [true, false] : arg.v.map((v) => truthy(v) !== negate), [arg]);
  }

  function branch(parts, env) {
    let values = [];
    const seen = [];
    const add = (a) => {
      seen.push(a);
      values = values === null || a.v === null ? null : values.concat(a.v);
    };
    for (let index = 0; index + 1 < parts.length; index += 2) {
      const condition = asAbs(parts[index](env));
      seen.push(condition);
      const isTrue = truth(condition);
      if (isTrue !== false) add(asAbs(parts[index + 1](env)));
      if (isTrue === true) return result(values, seen);
    }
    if (parts.length % 2) add(asAbs(parts[parts.length - 1](env)));
    else values = values === null ? null : values.concat([null]);
    return result(values, seen);
  }

  /* `in` over a JsonLogic array of unknowns, item by item, without the product of all their values. */
  function within(parts, env) {
    const needle = parts.length ? asAbs(parts[0](env)) : ABSENT;
    const haystack = parts.length > 1 ? parts[1](env) : ABSENT;
    if (!Array.isArray(haystack) || needle.v === null || haystack.some((item) => item.v === null)) {
      return apply("in", [needle, asAbs(haystack)]);
    }
    const values = [];
    for (const x of needle.v) {
      const surely = haystack.some((item) => item.v.length === 1 && item.v[0] === x);
      const maybe = surely || haystack.some((item) => item.v.includes(x));
      if (maybe) values.push(true);
      if (!surely) values.push(false);
    }
    return result(values, [needle].concat(haystack));
  }

  function apply(op, args) {
    if (args.some((a) => a.v === null) || count(args) > MAX_COMBINATIONS) return result(null, args);
    return result(product(args.map((a) => a.v)).map((combo) => jsonLogic.apply({ [op]: combo }, {})), args);
  }

  /* An operator not modelled: computed by the library once every variable in it is known, else anything. */
  function opaque(logic) {
    const names = Array.from(variables(logic)).sort();
    return (env) => {
      const found = names.includes("*") ? Object.values(env) : names.map((n) => (n in env ? env[n] : ABSENT));
      if (found.some((a) => a.v === null || a.v.length !== 1)) return result(null, found);
      const known = {};
      for (const name of Object.keys(env)) {
        if (env[name].v !== null && env[name].v.length === 1) known[name] = env[name].v[0];
      }
      return fixed(jsonLogic.apply(logic, known));
    };
  }

  function variables(logic) {
    const out = new Set();
    (function walk(node) {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== "object") return;
      for (const op of Object.keys(node)) {
        const args = node[op];
        const first = Array.isArray(args) && args.length ? args[0] : args;
        if (op === "var") out.add(typeof first === "string" ? first.split(".")[0] : "*");
        walk(args);
      }
    })(logic);
    return out;
  }

  function prepare(rules) {
    let plan = plans.get(rules);
    if (plan) return plan;
    const levels = rules.levels.map((level) => level.id);
    const fallback = rules.rules.find((rule) => rule.fallback);
    plan = {
      questions: rules.steps.flatMap((step) => step.questions).map((q) => {
        const question = rules.questions.find((item) => item.id === q);
        const gate = "ask_when" in question ? compile({ "!!": [question.ask_when] }) : null;
        return [q, { v: question.values.concat([null]), d: new Set([q]) }, gate];
      }),
      derived: rules.derived.map((d) => [DERIVED_PREFIX + d.id, compile({ "!!": [d.when] })]),
      rules: rules.rules
        .filter((r) => !r.fallback)
        .map((r) => [levels.indexOf(r.level), compile({ "!!": [r.when] })])
        .sort((a, b) => a[0] - b[0]), // stable: most urgent first, in file order
      fallback: levels.indexOf(fallback.level),
      levels: levels,
      warningSigns: rules.questions.filter((q) => q.warning_sign).map((q) => q.id),
    };
    plans.set(rules, plan);
    return plan;
  }

  const own = (answers, q) => (Object.prototype.hasOwnProperty.call(answers, q) ? answers[q] : undefined);

  /* What to ask next given the answers so far; `skipped`: questions shown and left unanswered. */
  function next(answers, rules, skipped) {
    const plan = prepare(rules);
    const skip = new Set(skipped || []);
    const env = Object.create(null);
    for (const [q, openValue, gate] of plan.questions) {
      const answer = own(answers, q);
      if (answer !== undefined && answer !== null) env[q] = fixed(answer);
      else if (skip.has(q) || (gate && truth(gate(env)) === false)) env[q] = ABSENT;
      else env[q] = openValue;
    }
    for (const [name, logic] of plan.derived) env[name] = logic(env);
    // Rules run most urgent first: the first one surely fired fixes the floor, and no rule after it can matter.
    let least = null;
    const open = [];
    for (const [index, logic] of plan.rules) {
      const status = logic(env);
      const isTrue = truth(status);
      if (isTrue === null) open.push([index, status]);
      else if (isTrue) {
        least = index;
        break;
      }
    }
    // The level is the most urgent fired rule's, else the fallback's. Which open rules could move it:
    let deciding;
    let possible;
    if (least !== null) {
      deciding = open.filter(([index]) => index < least);
      possible = new Set([least].concat(deciding.map(([index]) => index)));
    } else {
      const below = open.some(([index]) => index > plan.fallback);
      deciding = open.filter(([index]) => index !== plan.fallback || below);
      possible = new Set([plan.fallback].concat(open.map(([index]) => index)));
    }
    const level = possible.size === 1 ? plan.levels[possible.values().next().value] : null;
    if (level !== null || plan.warningSigns.some((q) => own(answers, q) === "yes")) {
      return { should_stop: true, next: [], level: level };
    }
    const wanted = union(deciding.map(([, status]) => status));
    for (const q of plan.warningSigns) if (env[q].d.size) wanted.add(q); // always asked, first
    for (const [q, , gate] of plan.questions.slice().reverse()) {
      if (gate && wanted.has(q)) gate(env).d.forEach((g) => wanted.add(g)); // age before pregnancy
    }
    return { should_stop: false, next: plan.questions.map(([q]) => q).filter((q) => wanted.has(q)), level: null };
  }

  return { next: next, PLAIN: PLAIN };
});
