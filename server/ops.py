"""Operations: a request id on every request, JSON log lines, and /healthz."""
import json
import logging
import re
import time
import uuid

from flask import Flask, g, has_request_context, jsonify, request
from sqlalchemy import text

from server.extensions import db

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
        try:
            db.session.execute(text("SELECT 1"))
        except Exception:  # any database failure means "not healthy", never a 500
            app.logger.exception("health check failed")
            return jsonify(status="error", database="unreachable"), 503
        return jsonify(status="ok", database="ok")
