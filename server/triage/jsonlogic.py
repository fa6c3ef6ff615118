"""JsonLogic compiled to closures once per rules file: about 3.5x faster evaluate() than interpreting the tree per
call (137 vs 475 µs measured), which is most of an uncached triage request's server time.

Semantics are panzi-json-logic's own (tests/triage/test_engine.py checks it against the library on random data):
plain operators call the library's BUILTINS, `and`/`or` short-circuit as it does, anything else is left to it.
It leans on the library's internals (BUILTINS, not_, to_bool), hence the exact pin in requirements.txt.
"""
from collections.abc import Callable
from typing import Any

from json_logic import jsonLogic
from json_logic.builtins import BUILTINS, not_, to_bool

Compiled = Callable[[dict[str, Any]], Any]

# panzi-json-logic's apply() handles these itself (lazily); every other operator is a plain function in BUILTINS.
_SPECIAL = frozenset({"if", "?:", "and", "or", "filter", "reduce", "map", "all", "some", "none"})


def compile_logic(logic: Any) -> Compiled:
    """Turn a JsonLogic tree into closures once, so evaluate() skips the per-node dispatch of jsonLogic().

    Same semantics as json_logic.jsonLogic(logic, data) (the tests check it): plain operators call the
    library's own BUILTINS, `and`/`or` short-circuit as it does, and anything else is left to the library.
    """
    if _is_constant(logic):
        return lambda data: logic
    if isinstance(logic, list):
        items = [compile_logic(item) for item in logic]
        return lambda data: [item(data) for item in items]
    ((op, args),) = logic.items()
    args = args if isinstance(args, list) else [args]
    if op == "var" and len(args) == 1 and isinstance(args[0], str) and args[0] and "." not in args[0]:
        key = args[0]
        return lambda data: data.get(key)
    if op in ("and", "or"):
        parts = [compile_logic(arg) for arg in args]
        stop = not_ if op == "and" else to_bool

        def junction(data: dict[str, Any]) -> Any:
            current = None
            for part in parts:
                current = part(data)
                if stop(current):
                    return current
            return current

        return junction
    if op in BUILTINS and op not in _SPECIAL:
        function, parts = BUILTINS[op], [compile_logic(arg) for arg in args]
        if len(args) == 1:
            (a,) = parts
            return lambda data: function(data, a(data))
        if len(args) == 2 and _is_constant(args[1]):
            a, b = parts[0], args[1]
            return lambda data: function(data, a(data), b)
        return lambda data: function(data, *[part(data) for part in parts])
    return lambda data: jsonLogic(logic, data)


def _is_constant(logic: Any) -> bool:
    if isinstance(logic, list):
        return all(map(_is_constant, logic))
    return not isinstance(logic, dict) or len(logic) != 1
