"""The floor of a POST route in this app: two routes that take a triage body and do none of its work.

`POST /bench/post` sends a constant body of a result's size; `POST /bench/post-limited` does the same under the
triage rate-limit decorator (flask-limiter, the limit off as in every throughput run). Side by side with
`GET /api/v1/meta` and `POST /api/v1/triage` they split a triage request's cost into what any POST route of this
app costs (Flask, the hooks, the log line, gunicorn reading a body and writing 2 KB) and what triage's own work
costs. The served app is the production one (server.app.create_app) with these two routes added, nothing else:
gunicorn 'bench.floor:served_app()' (bench/server.py); bench/triage_profile.py adds them in-process.
"""
from flask import Flask, Response

from server.app import create_app
from server.body import send_made
from server.security import triage_limit

RESULT_SIZE = 2000  # bytes: about a triage result's JSON
CONSTANT = b"x" * RESULT_SIZE
FLOOR, FLOOR_LIMITED = "/bench/post", "/bench/post-limited"


def constant() -> Response:
    return send_made(CONSTANT, "application/json")


@triage_limit
def constant_limited() -> Response:
    return constant()


def add_floor_routes(app: Flask) -> Flask:
    app.add_url_rule(FLOOR, "bench_post", constant, methods=["POST"])
    app.add_url_rule(FLOOR_LIMITED, "bench_post_limited", constant_limited, methods=["POST"])
    return app


def served_app() -> Flask:
    """gunicorn's app factory for the benchmark server."""
    return add_floor_routes(create_app())
