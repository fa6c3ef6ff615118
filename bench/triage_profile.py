"""Where a POST /api/v1/triage spends its CPU, in-process (no HTTP server, no other process).

Each stage is timed where it runs: inside whole requests through the WSGI app. Routes of the same app run the
triage view's stages cumulatively (the body read; then also parsed; then also validated; …) and send the result,
or a constant 2 KB until there is one; a stage's cost is what it adds to the route before it. Timed alone in a loop
the same stages cost about half as much (the first profile of this benchmark did that, and undercounted them): in a
loop their code and data stay in the CPU's caches, and a whole request (Flask, the hooks, the log line) evicts them.
Under gunicorn, with other processes on the same CPUs, they cost more again (the throughput table).

Distinct random answer sets as in the throughput run (bench/loads.py), after enough others that the interview's
memo is as full as in a worker that has served a while; the process's CPU clock, the best of a few passes.
"""
import io
import json
import os
import sys
import time
from collections.abc import Callable, Sequence

from bench.loads import RandomAnswers

PASSES = 7
SETS = 3000
WARM_SETS = 20000


def _best_cpu_us(runs: dict[str, Callable[[object], object]], items: Sequence) -> dict[str, float]:
    """Each run's CPU time per item, the best of PASSES passes; the passes go round every run in turn, so a moment
    when the machine is busy slows one pass of each, not every pass of one (which made a stage's cost negative)."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(PASSES):
        for name, run in runs.items():
            start = time.process_time()
            for item in items:
                run(item)
            best[name] = min(best[name], (time.process_time() - start) / len(items))
    return {name: round(value * 1e6, 1) for name, value in best.items()}


def _environ(method: str, path: str, body: bytes = b"") -> dict:
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "127.0.0.1:8000",
               "HTTP_ACCEPT_ENCODING": "br, gzip", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
               "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
               "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False}
    if body:
        environ |= {"CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body))}
    return environ


def _stages() -> list[tuple[str, Callable[[dict], None]]]:
    """The triage view's stages (server/triage/api.py), each reading what the ones before it left in `s`."""
    import orjson  # noqa: PLC0415 (the app's modules are imported once the environment is set)
    from flask import request  # noqa: PLC0415

    from server.catalogue import catalogue  # noqa: PLC0415
    from server.triage.api import TRIAGE_REQUEST, _interview  # noqa: PLC0415
    from server.triage.engine import evaluate  # noqa: PLC0415
    from server.triage.present import result_view  # noqa: PLC0415
    from server.triage.request_json import load_body, parse_json  # noqa: PLC0415

    def read(s: dict) -> None:
        s["data"] = request.get_data(cache=True)

    def parse(s: dict) -> None:
        s["parsed"] = parse_json(s["data"])

    def validate(s: dict) -> None:
        s["body"] = load_body(TRIAGE_REQUEST, s["parsed"])

    def rules(s: dict) -> None:
        s["result"] = evaluate(s["body"]["answers"])

    def words(s: dict) -> None:
        s["view"] = result_view(s["result"], catalogue().words[s["body"]["lang"]])

    def interview(s: dict) -> None:
        s["interview"] = _interview(s["body"]["answers"])

    def serialize(s: dict) -> None:
        s["made"] = orjson.dumps({**s["view"], "interview": s["interview"]}, option=orjson.OPT_APPEND_NEWLINE)

    return [("read the body (werkzeug)", read), ("parse it (orjson)", parse),
            ("validate it (schema: plain path, else marshmallow)", validate), ("evaluate the rules (engine.py)", rules),
            ("the result's words (present.py)", words), ("the interview (interview.py)", interview),
            ("serialize the answer (orjson)", serialize)]


def triage_profile() -> dict:
    os.environ.setdefault("RATELIMIT_ENABLED", "false")
    from bench.floor import CONSTANT, FLOOR, FLOOR_LIMITED, add_floor_routes  # noqa: PLC0415
    from server.app import create_app  # noqa: PLC0415
    from server.body import send_made  # noqa: PLC0415
    from server.security import triage_limit  # noqa: PLC0415

    app = add_floor_routes(create_app())
    stages = _stages()

    def upto(n: int) -> Callable:
        def view():
            s: dict = {}
            for _, stage in stages[:n]:
                stage(s)
            return send_made(s.get("made", CONSTANT), "application/json")
        return view

    for n in range(1, len(stages) + 1):
        app.add_url_rule(f"/bench/stages/{n}", f"bench_stages_{n}", upto(n), methods=["POST"])
    app.add_url_rule("/bench/stages/limited", "bench_stages_limited", triage_limit(upto(len(stages))),
                     methods=["POST"])
    for handler in app.logger.handlers:  # the request's log line is still formatted and written: to nowhere
        handler.setStream(open(os.devnull, "w"))  # noqa: SIM115
    raw = [body.encode() for body in RandomAnswers(seed=14).bodies(WARM_SETS + SETS)]
    warm, fresh = raw[:WARM_SETS], raw[WARM_SETS:]

    def request(environ: dict) -> None:
        out = app(environ, lambda status, headers, exc_info=None: None)
        b"".join(out)
        getattr(out, "close", lambda: None)()

    def post(path: str) -> Callable[[bytes], None]:
        return lambda body: request(_environ("POST", path, body))

    for body in warm:  # the interview's memo fills as it does in a long-running worker
        request(_environ("POST", "/api/v1/triage", body))
    routes = {"trivial": lambda _: request(_environ("GET", "/api/v1/meta")), "floor": post(FLOOR),
              "limited_floor": post(FLOOR_LIMITED), "all_stages": post("/bench/stages/limited"),
              "whole": post("/api/v1/triage")}
    routes |= {f"stages_{n}": post(f"/bench/stages/{n}") for n in range(1, len(stages) + 1)}
    cpu = _best_cpu_us(routes, fresh)
    trivial, floor, limited_floor, all_stages, whole = (
        cpu[name] for name in ("trivial", "floor", "limited_floor", "all_stages", "whole"))
    cumulative = [floor] + [cpu[f"stages_{n}"] for n in range(1, len(stages) + 1)]
    added = {name: round(cumulative[n + 1] - cumulative[n], 1) for n, (name, _) in enumerate(stages)}
    added["the rate-limit decorator (flask-limiter, the limit off)"] = round(all_stages - cumulative[-1], 1)
    added["the rest of the view and its hooks (language, headers)"] = round(whole - all_stages, 1)
    return {"stages_in_request_us": added, "whole_request_us": whole, "trivial_request_us": trivial,
            "post_floor_us": floor, "post_floor_limited_us": limited_floor, "sets": SETS}


if __name__ == "__main__":
    print(json.dumps(triage_profile(), indent=1, ensure_ascii=False))
