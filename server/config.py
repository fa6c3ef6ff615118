"""Configuration: defaults here, every value overridable from the environment."""
import os
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"
DEV_SECRET = "dev-only-not-secret"

# Plain environment names read by Config (a FLASK_-prefixed name works too, via from_prefixed_env).
ENV_KEYS = (
    "SECRET_KEY", "DATABASE_URL", "EMERGENCY_NUMBER", "CLINIC_NAME", "CLINIC_PHONE", "CLINIC_ADDRESS",
    "RATELIMIT_ENABLED", "RATELIMIT_STORAGE_URI", "TRIAGE_RATE_LIMIT", "MAX_CONTENT_LENGTH",
    "PROXY_FIX_X_FOR", "PROXY_FIX_X_PROTO", "LOG_LEVEL", "RETENTION_DAYS",
)


TRUE, FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def _env_value(key: str, raw: str, default):
    """An environment string, typed like the setting's default: a phone number such as 0912345678 stays text."""
    if isinstance(default, bool):
        low = raw.strip().lower()
        if low in TRUE or low in FALSE:
            return low in TRUE
        raise RuntimeError(f"{key} must be true or false, not {raw!r}")
    if isinstance(default, int):
        try:
            return int(raw.strip())
        except ValueError:
            raise RuntimeError(f"{key} must be a whole number, not {raw!r}") from None
    return raw


class Config:
    SECRET_KEY = DEV_SECRET
    DATABASE_URL = f"sqlite:///{INSTANCE_DIR / 'app.db'}"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
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
    LOG_LEVEL = "INFO"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = None  # None: secure when behind an HTTPS proxy (PROXY_FIX_X_PROTO), see load_config
    API_TITLE = "Tê chân / Leg Numbness Check API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    COMPRESS_MIMETYPES = [
        "application/json", "text/html", "text/css", "text/javascript", "application/javascript",
        "application/manifest+json", "image/svg+xml",
    ]
    COMPRESS_ALGORITHM = ["br", "gzip"]


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")  # empty: a fresh SQLite file per test
    RATELIMIT_ENABLED = False


def load_config(app, config_class=Config, overrides=None) -> None:
    """Class defaults, then plain environment names, then FLASK_-prefixed ones, then overrides.

    Flask's from_prefixed_env() reads any other FLASK_ name as JSON; the names in ENV_KEYS are typed like their
    defaults instead, whichever form they come in (so FLASK_RATELIMIT_ENABLED=off works like RATELIMIT_ENABLED=off).
    """
    app.config.from_object(config_class)
    if not app.config.get("TESTING"):
        app.config.from_prefixed_env()
        for key in ENV_KEYS:
            for name in (key, f"FLASK_{key}"):  # the prefixed one wins
                if name in os.environ:
                    app.config[key] = _env_value(name, os.environ[name], getattr(config_class, key))
    app.config.update(overrides or {})
    if app.config["SESSION_COOKIE_SECURE"] is None:
        app.config["SESSION_COOKIE_SECURE"] = bool(app.config["PROXY_FIX_X_PROTO"])
    url = app.config["DATABASE_URL"]
    if url.startswith("postgres://"):  # the form some hosts give
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if url.startswith("sqlite:///"):
        INSTANCE_DIR.mkdir(exist_ok=True)
    if not app.config.get("TESTING") and not app.debug and app.config["SECRET_KEY"] == DEV_SECRET:
        if os.environ.get("APP_ENV", "development") == "production":
            raise RuntimeError("SECRET_KEY must be set in production")
