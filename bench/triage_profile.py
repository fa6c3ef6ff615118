"""Where a POST /api/v1/triage spends its CPU, stage by stage, in-process (no HTTP server, no other process).

Each stage is the app's own function over the same distinct random answer sets as the throughput run (bench/loads.py),
timed with the process's CPU clock, the best of a few passes; then whole requests through the WSGI app, triage and the
trivial GET /api/v1/meta, so that what the stages leave out (Flask, hooks, logging) shows too. The throughput run
says how the whole request compares under load; this says which part to work on next.
"""
import io
import json
import os
import sys
import time
from collections.abc import Callable, Sequence

from bench.loads import RandomAnswers

PASSES = 5
SETS = 3000


def _cpu_us(run: Callable[[object], object], items: Sequence) -> float:
    best = float("inf")
    for _ in range(PASSES):
        start = time.process_time()
        for item in items:
            run(item)
        best = min(best, (time.process_time() - start) / len(items))
    return round(best * 1e6, 1)


def _environ(method: str, path: str, body: bytes = b"") -> dict:
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "127.0.0.1:8000",
               "HTTP_ACCEPT_ENCODING": "br, gzip", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
               "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
               "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False}
    if body:
        environ |= {"CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body))}
    return environ


def triage_profile() -> dict:
    os.environ.setdefault("RATELIMIT_ENABLED", "false")
    import orjson  # noqa: PLC0415 (the app's modules are imported once the environment is set)

    from server.app import create_app  # noqa: PLC0415
    from server.body import send_made  # noqa: PLC0415
    from server.catalogue import catalogue  # noqa: PLC0415
    from server.security import triage_limit  # noqa: PLC0415
    from server.triage.api import TRIAGE_REQUEST, _interview  # noqa: PLC0415
    from server.triage.engine import evaluate  # noqa: PLC0415
    from server.triage.present import result_view  # noqa: PLC0415
    from server.triage.request_json import parse_json  # noqa: PLC0415

    app = create_app()
    made = b"x" * 2000  # about a result's size

    def constant():  # the floor: a POST route of this app that sends 2 KB it did not have to work out
        return send_made(made, "application/json")

    app.add_url_rule("/bench/post", "bench_post", constant, methods=["POST"])
    app.add_url_rule("/bench/post-limited", "bench_post_limited", triage_limit(lambda: constant()), methods=["POST"])
    for handler in app.logger.handlers:  # the request's log line is still formatted and written: to nowhere
        handler.setStream(open(os.devnull, "w"))  # noqa: SIM115
    raw = [body.encode() for body in RandomAnswers(seed=14).bodies(2 * SETS)]
    warm, fresh = raw[:SETS], raw[SETS:]

    def request(environ: dict) -> None:
        out = app(environ, lambda status, headers, exc_info=None: None)
        b"".join(out)
        getattr(out, "close", lambda: None)()

    for body in warm:  # the interview's memo fills as it does in a long-running worker
        request(_environ("POST", "/api/v1/triage", body))
    with app.test_request_context():
        words = catalogue().words
        parsed = [parse_json(body) for body in fresh]
        loaded = [TRIAGE_REQUEST.load(body) for body in parsed]
        results = [(evaluate(body["answers"]), body["lang"]) for body in loaded]
        views = [result_view(result, words[lang]) for result, lang in results]
        stages = {
            "parse the JSON body": _cpu_us(parse_json, fresh),
            "validate it (marshmallow schema)": _cpu_us(TRIAGE_REQUEST.load, parsed),
            "evaluate the rules (engine.py)": _cpu_us(lambda body: evaluate(body["answers"]), loaded),
            "the interview (interview.py)": _cpu_us(lambda body: _interview(body["answers"]), loaded),
            "the result's words (present.py)": _cpu_us(lambda r: result_view(r[0], words[r[1]]), results),
            "serialize (orjson)": _cpu_us(lambda view: orjson.dumps(view, option=orjson.OPT_APPEND_NEWLINE), views),
        }
    whole = _cpu_us(lambda body: request(_environ("POST", "/api/v1/triage", body)), fresh)
    trivial = _cpu_us(lambda _: request(_environ("GET", "/api/v1/meta")), fresh)
    floor = _cpu_us(lambda body: request(_environ("POST", "/bench/post", body)), fresh)
    limited = _cpu_us(lambda body: request(_environ("POST", "/bench/post-limited", body)), fresh)
    return {"stages_us": stages, "whole_request_us": whole, "trivial_request_us": trivial,
            "post_floor_us": floor, "post_floor_limited_us": limited,
            "rest_us": round(whole - sum(stages.values()), 1), "sets": SETS}


if __name__ == "__main__":
    print(json.dumps(triage_profile(), indent=1, ensure_ascii=False))
