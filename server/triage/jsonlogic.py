"""JsonLogic compiled once per rules file into one Python function per expression: evaluate() runs plain Python
instead of walking the tree (or a chain of closures) node by node. The generated source of a condition reads like
the condition: `data.get('onset') == 'sudden' and …`.

Semantics are panzi-json-logic's own (tests/triage/test_engine.py checks them against the library on random data,
valid answers and odd values alike): plain operators call the library's BUILTINS, `and`/`or` short-circuit and
return the value that stopped them as it does, and anything else is left to the library. Where the types make the
library's function a plain Python expression it is written out (`==` of a string with a string, `in` a list,
`!` of a boolean). It leans on the library's internals (BUILTINS, not_, to_bool), hence the exact pin in
requirements.txt.
"""
from collections.abc import Callable, Sequence
from typing import Any

from json_logic import jsonLogic
from json_logic.builtins import BUILTINS, not_, to_bool

Compiled = Callable[[dict[str, Any]], Any]

# panzi-json-logic's apply() handles these itself (lazily); every other operator is a plain function in BUILTINS.
_SPECIAL = frozenset({"if", "?:", "and", "or", "filter", "reduce", "map", "all", "some", "none"})
# BUILTINS that always give a bool, so that `and`, `or` and `!` over them can be Python's own.
_GIVES_BOOL = frozenset({"==", "!=", "===", "!==", "!", "!!", "in"})


class _Source:
    """The Python source of one expression; values it cannot write as literals are bound to names."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {"_tb": to_bool, "_not": not_}
        self.temporaries = 0

    def bind(self, value: Any) -> str:
        name = f"_v{len(self.names)}"
        self.names[name] = value
        return name

    def temporary(self) -> str:
        self.temporaries += 1
        return f"_t{self.temporaries}"

    def expression(self, logic: Any) -> tuple[str, bool]:
        """(source, whether it is always a bool)."""
        if _is_constant(logic):
            return self.bind(logic), type(logic) is bool
        if isinstance(logic, list):
            return "[" + ", ".join(self.expression(item)[0] for item in logic) + "]", False
        ((op, args),) = logic.items()
        args = args if isinstance(args, list) else [args]
        if op == "var" and len(args) == 1 and isinstance(args[0], str) and args[0] and "." not in args[0]:
            return f"data.get({self.bind(args[0])})", False
        if op in ("and", "or"):
            return self.junction(op == "and", [self.expression(arg) for arg in args])
        if op in BUILTINS and op not in _SPECIAL:
            parts = [self.expression(arg) for arg in args]
            written = self.written_out(op, args, parts)
            if written:
                return written, True
            function = self.bind(BUILTINS[op])
            return f"{function}(data, {', '.join(code for code, _ in parts)})", op in _GIVES_BOOL
        return f"{self.bind(lambda data: jsonLogic(logic, data))}(data)", False

    def junction(self, is_and: bool, parts: list[tuple[str, bool]]) -> tuple[str, bool]:
        """`and` gives the first value that is false (JsonLogic's truth: to_bool), else the last; `or` the first
        true one, else the last; neither reads what follows. Python's `and`/`or` do exactly that for bools."""
        if not parts:
            return "None", False
        code, all_bool = parts[-1]
        for part, is_bool in reversed(parts[:-1]):
            if is_bool:
                code = f"({part} {'and' if is_and else 'or'} {code})"
            else:
                t = self.temporary()
                code = f"({t} if {'not ' if is_and else ''}_tb({t} := {part}) else {code})"
            all_bool = all_bool and is_bool
        return code, all_bool

    def written_out(self, op: str, args: list, parts: list[tuple[str, bool]]) -> str | None:
        """The library's function as a Python expression, where it is one for these arguments' types."""
        if op == "==" and len(args) == 2 and type(args[1]) is str:
            # op_equals(a, b) with b a str: a == b when a is a str too, else the library decides.
            t, b = self.temporary(), parts[1][0]
            return f"({t} == {b} if type({t} := {parts[0][0]}) is str else {self.bind(BUILTINS['=='])}(None, {t}, {b}))"
        if op == "in" and len(args) == 2 and isinstance(args[1], list):
            return f"({parts[0][0]} in {parts[1][0]})"  # op_in over a list: Python's `in`
        if op == "!" and len(parts) == 1:
            code, is_bool = parts[0]
            return f"(not {code})" if is_bool else f"_not({code})"
        if op == "!!" and len(parts) == 1:
            code, is_bool = parts[0]
            return code if is_bool else f"_tb({code})"
        return None


def compile_logic(logic: Any) -> Compiled:
    """One Python function computing json_logic.jsonLogic(logic, data) (the tests check they agree)."""
    source = _Source()
    try:
        code, _ = source.expression(logic)
        text = f"def compiled(data):\n    return {code}\n"
        namespace = dict(source.names)
        exec(compile(text, "<jsonlogic>", "exec"), namespace)  # noqa: S102 (our own source, from rules.json's tree)
    except (RecursionError, SyntaxError, MemoryError):  # nested deeper than Python's parser takes: the library's
        return lambda data: jsonLogic(logic, data)
    compiled = namespace["compiled"]
    compiled.source = text
    return compiled


def compile_truths(named: Sequence[tuple[str, Any]], assign: bool = False) -> Callable[[dict[str, Any]], list[str]]:
    """One Python function over many (name, logic) conditions, each read for its truth as JsonLogic's `!!` reads it:
    the names of the true ones, in order; with `assign`, each truth is also stored in `data` under its name before
    the next condition runs (a later one may read it). One call instead of one per condition, which is most of
    what evaluating the rules costs. Same semantics as compile_logic({"!!": [logic]}) per condition."""
    source = _Source()
    lines = ["def compiled(data):", "    true = []"]
    try:
        for name, logic in named:
            code, _ = source.expression({"!!": [logic]})
            key = source.bind(name)
            if assign:
                lines += [f"    data[{key}] = _b = {code}", f"    if _b: true.append({key})"]
            else:
                lines.append(f"    if {code}: true.append({key})")
        lines.append("    return true")
        text = "\n".join(lines) + "\n"
        namespace = dict(source.names)
        exec(compile(text, "<jsonlogic>", "exec"), namespace)  # noqa: S102 (as compile_logic)
    except (RecursionError, SyntaxError, MemoryError):  # too deep for Python's parser: one function per condition
        return _one_by_one([(name, compile_logic({"!!": [logic]})) for name, logic in named], assign)
    compiled = namespace["compiled"]
    compiled.source = text
    return compiled


def _one_by_one(compiled: list[tuple[str, Compiled]], assign: bool) -> Callable[[dict[str, Any]], list[str]]:
    def truths(data: dict[str, Any]) -> list[str]:
        true = []
        for name, run in compiled:
            value = run(data)
            if assign:
                data[name] = value
            if value:
                true.append(name)
        return true
    return truths


def _is_constant(logic: Any) -> bool:
    if isinstance(logic, list):
        return all(map(_is_constant, logic))
    return not isinstance(logic, dict) or len(logic) != 1
