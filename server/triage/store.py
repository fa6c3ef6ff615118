"""Storing a consented assessment, after its result is known: a slow, locked or broken database costs the person
at most DATABASE_TIMEOUT seconds and never their result."""
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as DeadlineExceeded
from typing import Literal

from flask import Flask, current_app
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from server.extensions import db
from server.models import Assessment
from server.triage.engine import evaluate, load_rules

Outcome = Literal["stored", "conflict", "unavailable"]

# A few threads (greenlets under gevent) per process. A call that outlives its deadline keeps its thread until the
# database answers or drops it; the request has long had its answer. Queued calls wait no longer than the deadline.
_executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="db")


def with_deadline(app: Flask, seconds: float, work):
    """work() in an app context of its own, waited for at most `seconds`; raises DeadlineExceeded after that.

    Neither PostgreSQL's statement_timeout nor a TCP timeout fires when the server is frozen (its kernel still
    acknowledges), so the deadline is kept here, on the client side."""
    def run():
        with app.app_context():
            try:
                return work()
            finally:
                db.session.remove()
    future = _executor.submit(run)
    try:
        return future.result(timeout=seconds)
    except DeadlineExceeded:
        future.cancel()  # still queued behind hung calls: then it never runs (no write long after the answer)
        raise


def _save(record_id: str, answers: dict, lang: str, offline: bool) -> Outcome:
    existing = db.session.get(Assessment, record_id)
    if existing is None:
        result = evaluate(answers)
        db.session.add(Assessment(
            id=record_id, answers=answers, level=result.level, reasons=list(result.reasons),
            lang=lang, rules_version=load_rules().version, offline=offline,
        ))
        try:
            db.session.commit()
            return "stored"
        except IntegrityError:  # the same id posted twice at once
            db.session.rollback()
            existing = db.session.get(Assessment, record_id)
    return "stored" if existing.answers == answers else "conflict"


def _save_while_locked(deadline: float, *args) -> Outcome:
    """_save, again every 0.1 s while SQLite says "database is locked", until the deadline. SQLite's own busy
    timeout is kept to 0.1 s (config.engine_options) because it waits in C, holding a gevent worker; this waits in
    time.sleep, which lets the worker serve other requests meanwhile."""
    while True:
        try:
            return _save(*args)
        except OperationalError as error:
            db.session.rollback()
            if "database is locked" not in str(error.orig) or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def store(record_id: str, answers: dict, lang: str, offline: bool) -> Outcome:
    """Store once under the client's id. The same id with the same answers again: "stored" (a retried sync).
    The same id with other answers: "conflict", nothing stored. Any database failure or the deadline:
    "unavailable", logged once (a traceback only for errors that are not the database's)."""
    app = current_app._get_current_object()
    seconds = app.config["DATABASE_TIMEOUT"]
    deadline = time.monotonic() + seconds
    try:
        outcome = with_deadline(app, seconds, lambda: _save_while_locked(deadline, record_id, answers, lang, offline))
    except DeadlineExceeded:
        app.logger.warning("assessment not stored", extra={"fields": {"reason": "database timeout"}})
        return "unavailable"
    except SQLAlchemyError as error:
        reason = type(getattr(error, "orig", None) or error).__name__
        app.logger.warning("assessment not stored", extra={"fields": {"reason": reason}})
        return "unavailable"
    except Exception:
        app.logger.exception("assessment not stored")
        return "unavailable"
    if outcome == "conflict":
        app.logger.warning("assessment not stored", extra={"fields": {"reason": "id already used by other answers"}})
    return outcome
