"""JsonLogic over partly known answers: what an expression could still be, and which questions it hangs on.

An abstract value is (values, deps): `values` lists every concrete value the expression can take over all
the answers still unknown (None: could be anything), `deps` the unanswered questions it may depend on (empty
once the value is fixed). Arguments are treated as independent, so `values` may be too wide, never too narrow:
that keeps the interview sound (it may ask a question too many, never one too few). pwa/js/interview.js
mirrors this file step by step; tests check both give the same questions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import product
from typing import Any

from json_logic import jsonLogic
from json_logic.builtins import BUILTINS, to_bool

Abs = tuple[tuple[Any, ...] | None, frozenset[str]]
Env = dict[str, Abs]
AbsFn = Callable[[Env], Any]  # an Abs, or a list of them for a JsonLogic array

NONE: frozenset[str] = frozenset()
BOTH = (True, False)
NO_VALUE: Abs = ((None,), NONE)  # a var with nothing under its name: JsonLogic's null
MAX_COMBINATIONS = 64  # beyond this an operator's result is "anything": exact enough, and bounded in time
# Operators that are not a plain function of their arguments' values (lazy, or reading the data themselves).
_NOT_PLAIN = frozenset({"if", "?:", "and", "or", "filter", "reduce", "map", "all", "some", "none", "var", "missing",
                        "missing_some", "log"})
PLAIN = frozenset(BUILTINS) - _NOT_PLAIN  # pwa/js/interview.js lists the same


def fixed(value: Any) -> Abs:
    return (value,), NONE


def unknown(values: Iterable[Any], question: str) -> Abs:
    return (*values, None), frozenset((question,))


def truth(value: Abs) -> bool | None:
    """True or False when every possible value agrees, else None."""
    values = value[0]
    if values is None:
        return None
    seen = {to_bool(v) for v in values}
    return seen.pop() if len(seen) == 1 else None


def _distinct(values: Iterable[Any]) -> tuple[Any, ...]:
    values = tuple(values)
    if len(values) < 2:
        return values
    try:
        return tuple({(type(v), v): v for v in values}.values())  # keyed by type too: True and 1 stay apart
    except TypeError:  # lists (a JsonLogic array's combinations)
        out: list[Any] = []
        for v in values:
            if not any(type(v) is type(w) and v == w for w in out):
                out.append(v)
        return tuple(out)


def _result(values: Iterable[Any] | None, deps: Iterable[Abs]) -> Abs:
    if values is not None:
        values = _distinct(values)
        if len(values) == 1:
            return values, NONE
    return values, frozenset().union(*(d for _, d in deps))


def _as_abs(value: Any) -> Abs:
    """A JsonLogic array of abstract values as one abstract value (the list of each possible combination)."""
    if not isinstance(value, list):
        return value
    if any(item[0] is None for item in value) or _count(value) > MAX_COMBINATIONS:
        return _result(None, value)
    return _result([list(c) for c in product(*(item[0] for item in value))], value)


def _count(args: list[Abs]) -> int:
    n = 1
    for values, _ in args:
        n *= len(values)  # type: ignore[arg-type]
    return n


def compile_partial(logic: Any) -> AbsFn:
    """Closures over an environment of abstract values (answers and derived shorthands), built once per rule."""
    if _is_constant(logic):
        value = fixed(logic)
        return lambda env: value
    if isinstance(logic, list):
        items = [compile_partial(item) for item in logic]
        return lambda env: [_as_abs(item(env)) for item in items]
    ((op, args),) = logic.items()
    args = args if isinstance(args, list) else [args]
    if op == "var" and len(args) == 1 and isinstance(args[0], str) and args[0] and "." not in args[0]:
        key = args[0]

        def var(env: Env) -> Abs:
            try:
                return env[key]  # an Env that works values out when first read does it in __missing__
            except KeyError:
                return NO_VALUE
        return var
    parts = [compile_partial(arg) for arg in args]
    if op in ("and", "or"):
        return lambda env: _junction(op == "and", parts, env)
    if op in ("!", "!!"):
        negate = op == "!"
        return lambda env: _not(_as_abs(parts[0](env)) if parts else fixed(None), negate)
    if op in ("if", "?:"):
        return lambda env: _if(parts, env)
    if op == "in":
        return lambda env: _in(parts, env)
    if op in PLAIN:
        function = BUILTINS[op]
        return lambda env: _apply(function, [_as_abs(part(env)) for part in parts])
    return _opaque(logic)


def _is_constant(logic: Any) -> bool:
    if isinstance(logic, list):
        return all(map(_is_constant, logic))
    return not isinstance(logic, dict) or len(logic) != 1


def _junction(is_and: bool, parts: list[AbsFn], env: Env) -> Abs:
    """`and` / `or`: the first value that stops the walk (falsy / truthy), else the last; later parts unread."""
    values: list[Any] | None = []
    seen: list[Abs] = []
    for index, part in enumerate(parts):
        arg = _as_abs(part(env))
        seen.append(arg)
        if arg[0] is None:
            values = None
            continue
        stops = [v for v in arg[0] if to_bool(v) != is_and]
        passes = [v for v in arg[0] if to_bool(v) == is_and]
        if values is not None:
            values += stops + (passes if index == len(parts) - 1 else [])
        if not passes:
            break
    return _result(values if parts else [None], seen)


def _not(arg: Abs, negate: bool) -> Abs:
    values = BOTH if arg[0] is None else [to_bool(v) != negate for v in arg[0]]
    return _result(values, [arg])


def _if(parts: list[AbsFn], env: Env) -> Abs:
    values: list[Any] | None = []
    seen: list[Abs] = []
    for index in range(0, len(parts) - 1, 2):
        condition = _as_abs(parts[index](env))
        seen.append(condition)
        is_true = truth(condition)
        if is_true is not False:
            branch = _as_abs(parts[index + 1](env))
            seen.append(branch)
            values = None if values is None or branch[0] is None else values + list(branch[0])
        if is_true is True:
            return _result(values, seen)
    if len(parts) % 2:
        last = _as_abs(parts[-1](env))
        seen.append(last)
        values = None if values is None or last[0] is None else values + list(last[0])
    else:
        values = None if values is None else values + [None]
    return _result(values, seen)


def _in(parts: list[AbsFn], env: Env) -> Abs:
    """`in` over a JsonLogic array of unknowns, item by item, without the product of all their values."""
    needle = _as_abs(parts[0](env)) if parts else fixed(None)
    haystack = parts[1](env) if len(parts) > 1 else fixed(None)
    if not isinstance(haystack, list) or needle[0] is None or any(item[0] is None for item in haystack):
        return _apply(BUILTINS["in"], [needle, _as_abs(haystack)])
    values: set[bool] = set()
    for x in needle[0]:
        surely = any(len(item[0]) == 1 and item[0][0] == x for item in haystack)
        maybe = surely or any(x in item[0] for item in haystack)
        values.update(([True] if maybe else []) + ([] if surely else [False]))
    return _result(values, [needle, *haystack])


def _apply(function: Callable[..., Any], args: list[Abs]) -> Abs:
    """Any other operator: its own function on every combination of its arguments' values."""
    if any(values is None for values, _ in args) or _count(args) > MAX_COMBINATIONS:
        return _result(None, args)
    try:
        return _result([function(None, *combo) for combo in product(*(values for values, _ in args))], args)
    except (TypeError, ValueError):  # an impossible combination of types: no longer sure of anything
        return _result(None, args)


def _opaque(logic: Any) -> AbsFn:
    """An operator not modelled: computed by the library once every variable in it is known, else anything."""
    names = sorted(variables(logic))

    def run(env: Env) -> Abs:
        found = list(env.values()) if "*" in names else [env.get(name, fixed(None)) for name in names]
        if any(values is None or len(values) != 1 for values, _ in found):
            return _result(None, found)
        known = {name: values[0] for name, (values, _) in env.items() if values is not None and len(values) == 1}
        return fixed(jsonLogic(logic, known))

    return run


def variables(logic: Any) -> set[str]:
    """The names an expression reads; "*" when it computes a name (then it may read anything)."""
    if isinstance(logic, list):
        return set().union(*map(variables, logic)) if logic else set()
    if not isinstance(logic, dict):
        return set()
    out: set[str] = set()
    for op, args in logic.items():
        first = args[0] if isinstance(args, list) and args else args
        if op == "var":
            out.add(first.split(".")[0] if isinstance(first, str) else "*")
        out |= variables(args)
    return out
