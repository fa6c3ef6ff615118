"""Operations: a request id on every request, JSON log lines, and /healthz."""
import json
import logging
import re
import time
import uuid
from concurrent.futures import TimeoutError as DeadlineExceeded

from flask import Flask, current_app, g, has_request_context, jsonify, request
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from server.extensions import db
from server.models import Assessment
from server.triage.store import with_deadline

HEALTH_TIMEOUT = 1.5  # seconds: /healthz answers within 2 s whatever the database does

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class JsonFormatter(logging.Formatter):
    """One JSON object per line; carries the request id when there is one. Never the client's address."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record), "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        if has_request_context() and "request_id" in g:  # every line logged while serving a request
            entry["request_id"] = g.request_id
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def init_app(app: Flask) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(str(app.config["LOG_LEVEL"]).upper())
    app.logger.propagate = False
    app.logger.disabled = False  # logging.config.fileConfig (Alembic's env.py) disables loggers it does not name

    @app.before_request
    def start():
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        g.started = time.perf_counter()

    @app.after_request
    def finish(response):
        if "request_id" in g:
            response.headers["X-Request-ID"] = g.request_id
            app.logger.info("request", extra={"fields": {
                "request_id": g.request_id, "method": request.method, "path": request.path,
                "status": response.status_code, "ms": round((time.perf_counter() - g.started) * 1000, 2),
            }})
        return response

    @app.get("/healthz")
    def healthz():
        """200 only when the assessment table can be read and written now: a write that is rolled back."""
        try:
            with_deadline(app, min(HEALTH_TIMEOUT, app.config["DATABASE_TIMEOUT"]), _probe)
        except DeadlineExceeded:
            return _unhealthy("timeout", "the database did not answer in time")
        except SQLAlchemyError as error:
            return _unhealthy("error", type(getattr(error, "orig", None) or error).__name__)
        except Exception:  # anything else: still an answer, never a 500, and a traceback in the log
            app.logger.exception("health check failed")
            return _unhealthy("error", "unexpected error", logged=True)
        response = jsonify(status="ok", database="ok")
        response.cache_control.no_store = True
        return response


def _probe() -> None:
    probe_id = str(uuid.uuid4())  # a fresh id: no client's record can collide with it
    db.session.execute(select(Assessment.id).limit(1)).all()
    db.session.add(Assessment(id=probe_id, answers={}, level="self_care", reasons=[], lang="en", rules_version="-"))
    db.session.flush()  # the INSERT reaches the database (locks, read-only files, missing tables fail here)
    db.session.rollback()  # and is undone: nothing stays


def _unhealthy(database: str, reason: str, logged: bool = False):
    """503 with the reason (an exception's class name, never its message: that may hold the database URL)."""
    if not logged:
        current_app.logger.error("health check failed", extra={"fields": {"reason": reason}})
    response = jsonify(status="error", database=database, reason=reason)
    response.status_code = 503
    response.cache_control.no_store = True
    return response
