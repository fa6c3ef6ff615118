"""Configuration: defaults in Config; the environment, read and typed by environs, overrides them."""
import math
import os
from pathlib import Path

from environs import Env
from flask import Flask

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"
DEV_SECRET = "dev-only-not-secret"


class Config:
    SECRET_KEY = DEV_SECRET
    APP_ENV = "development"
    DATABASE_URL = f"sqlite:///{INSTANCE_DIR / 'app.db'}"
    DATABASE_TIMEOUT = 3.0  # seconds a consented post may wait for the database before answering stored: false
    EMERGENCY_NUMBER = "115"
    CLINIC_NAME = "ACC"
    CLINIC_PHONE = ""
    CLINIC_ADDRESS = ""
    RETENTION_DAYS = 365  # consented assessments older than this are deleted by `flask purge`
    LANGUAGES = ("vi", "en")
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_TRANSLATION_DIRECTORIES = "../translations"
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # a shared storage (Redis) that is down: limit per process, not 500
    TRIAGE_RATE_LIMIT = "30 per minute"
    MAX_CONTENT_LENGTH = 16 * 1024
    PROXY_FIX_X_FOR = 0
    PROXY_FIX_X_PROTO = 0
    TRUSTED_HOSTS: list[str] | None = None  # None: any Host header (development); set it in production
    LOG_LEVEL = "INFO"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = None  # None: secure when behind an HTTPS proxy (PROXY_FIX_X_PROTO), see load_config
    API_TITLE = "Tê chân / Leg Numbness Check API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    # Flask-Compress: pages made per request (a result page, an error page). The catalogue's bodies are compressed
    # once at start-up (server/body.py); a triage result (JSON) is left to nginx (deploy/nginx/te-chan.conf).
    COMPRESS_MIMETYPES = [
        "text/html", "text/css", "text/javascript", "application/javascript",
        "application/manifest+json", "image/svg+xml",
    ]
    COMPRESS_ALGORITHM = ["br", "gzip"]


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")  # empty: a fresh SQLite file per test
    RATELIMIT_ENABLED = False


# The app's settings read from the environment, by environs type. A value that means nothing
# (RATELIMIT_ENABLED=maybe, MAX_CONTENT_LENGTH=1.5) stops the start with an error naming the variable; text stays
# text (CLINIC_PHONE=0912345678 keeps its zero).
SETTINGS = {
    "SECRET_KEY": "str", "APP_ENV": "str", "DATABASE_URL": "str", "DATABASE_TIMEOUT": "float",
    "EMERGENCY_NUMBER": "str", "CLINIC_NAME": "str", "CLINIC_PHONE": "str", "CLINIC_ADDRESS": "str",
    "RATELIMIT_ENABLED": "bool", "RATELIMIT_STORAGE_URI": "str", "TRIAGE_RATE_LIMIT": "str",
    "MAX_CONTENT_LENGTH": "int", "PROXY_FIX_X_FOR": "int", "PROXY_FIX_X_PROTO": "int", "TRUSTED_HOSTS": "list",
    "LOG_LEVEL": "str", "RETENTION_DAYS": "int",
}
ENV_KEYS = tuple(SETTINGS)


def _settings(env: Env) -> dict:
    """The settings that are set, typed."""
    given = {key: getattr(env, kind)(key, None) for key, kind in SETTINGS.items()}
    return {key: value for key, value in given.items() if value is not None}


def read_env() -> dict:
    """Plain names; the FLASK_-prefixed form of a name works too and wins (FLASK_RATELIMIT_ENABLED=false)."""
    env = Env()
    plain = _settings(env)
    with env.prefixed("FLASK_"):
        return {**plain, **_settings(env)}


def engine_options(url: str, timeout: float) -> dict:
    """Timeouts everywhere a request can wait for the database. PostgreSQL: connecting, a statement, a lock, a
    transaction left open; SQLite: a busy timeout of 0.1 s (it waits in C, holding a gevent worker: the store retries
    in Python instead, server/triage/store.py). The pool never makes a request queue longer than the timeout."""
    if url.startswith("sqlite"):
        return {"pool_pre_ping": True, "connect_args": {"timeout": 0.1}}
    ms = int(timeout * 1000)
    options = f"-c statement_timeout={ms} -c lock_timeout={ms // 2} -c idle_in_transaction_session_timeout={ms * 5}"
    return {"pool_pre_ping": True, "pool_timeout": timeout,
            "connect_args": {"connect_timeout": max(2, math.ceil(timeout)), "options": options}}


def load_config(app: Flask, config_class=Config, overrides=None) -> None:
    """Class defaults, then the environment (not for TestConfig: tests set what they need), then overrides."""
    app.config.from_object(config_class)
    if not app.config.get("TESTING"):
        app.config.from_prefixed_env()  # Flask's own FLASK_* names (e.g. FLASK_SESSION_COOKIE_SECURE=true)
        app.config.update(read_env())
    app.config.update(overrides or {})
    if app.config["SESSION_COOKIE_SECURE"] is None:
        app.config["SESSION_COOKIE_SECURE"] = bool(app.config["PROXY_FIX_X_PROTO"])
    url = app.config["DATABASE_URL"]
    if url.startswith("postgres://"):  # the form some hosts give
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(url, app.config["DATABASE_TIMEOUT"])
    if url.startswith("sqlite:///"):
        INSTANCE_DIR.mkdir(exist_ok=True)
    if app.config["APP_ENV"] == "production" and app.config["SECRET_KEY"] == DEV_SECRET:
        raise RuntimeError("SECRET_KEY must be set in production")
