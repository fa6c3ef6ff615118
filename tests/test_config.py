"""Settings from the environment, with the production Config class (TestConfig ignores the environment).

The environment is set with monkeypatch (real environment variables, read by the real load_config).
"""
import os

import pytest
from environs import EnvError
from limits.errors import ConfigurationError

from server.app import create_app
from server.config import ENV_KEYS, Config, TestConfig

BODY = {"answers": {"onset": "sudden"}}


@pytest.fixture
def env(monkeypatch):
    """A clean environment: none of the app's settings, plain or FLASK_-prefixed, leak in from the shell or CI."""
    for name in list(os.environ):
        if name in ENV_KEYS or name.startswith("FLASK_") or name == "APP_ENV":
            monkeypatch.delenv(name)
    return monkeypatch


@pytest.fixture
def make_app(env, make_app):
    """conftest's make_app, but apps read the environment (Config) unless told otherwise; `env` has cleaned it."""
    return lambda config_class=Config, **overrides: make_app(config_class, **overrides)


def posts(app, n: int) -> list:
    client = app.test_client()
    return [client.post("/api/v1/triage", json=BODY) for _ in range(n)]


def test_the_rate_limit_is_on_by_default(make_app):
    app = make_app()
    assert app.config["RATELIMIT_ENABLED"] is True and app.config["TRIAGE_RATE_LIMIT"] == "30 per minute"
    responses = posts(app, 31)
    assert [r.status_code for r in responses[:30]] == [200] * 30
    last = responses[30]
    assert last.status_code == 429
    assert last.mimetype == "application/json" and last.json["error"]["code"] == 429 and last.json["error"]["message"]
    assert 0 < int(last.headers["Retry-After"]) <= 60


@pytest.mark.parametrize("name", ["RATELIMIT_ENABLED", "FLASK_RATELIMIT_ENABLED"])
@pytest.mark.parametrize("value", ["false", "False", "0", "off", "no", "OFF"])
def test_ratelimit_enabled_false_switches_the_limit_off(make_app, env, name, value):
    env.setenv(name, value)
    app = make_app()
    assert app.config["RATELIMIT_ENABLED"] is False
    assert {r.status_code for r in posts(app, 40)} == {200}


def test_the_prefixed_name_wins_over_the_plain_one(make_app, env):
    env.setenv("RATELIMIT_ENABLED", "true")
    env.setenv("FLASK_RATELIMIT_ENABLED", "false")
    assert {r.status_code for r in posts(make_app(), 35)} == {200}


@pytest.mark.parametrize("name", ["RATELIMIT_ENABLED", "FLASK_RATELIMIT_ENABLED"])
def test_ratelimit_enabled_true_keeps_it_on(make_app, env, name):
    env.setenv(name, "true")
    assert posts(make_app(), 31)[-1].status_code == 429


def test_a_meaningless_switch_stops_the_start(make_app, env):
    env.setenv("RATELIMIT_ENABLED", "maybe")
    with pytest.raises(EnvError, match="RATELIMIT_ENABLED"):
        make_app()


@pytest.mark.parametrize("name", ["TRIAGE_RATE_LIMIT", "FLASK_TRIAGE_RATE_LIMIT"])
def test_the_limit_itself_comes_from_the_environment(make_app, env, name):
    env.setenv(name, "3 per minute")
    assert [r.status_code for r in posts(make_app(), 4)] == [200, 200, 200, 429]


def test_the_limiter_storage_comes_from_the_environment(make_app, env):
    env.setenv("RATELIMIT_STORAGE_URI", "no-such-storage://localhost")
    with pytest.raises(ConfigurationError):
        make_app()
    env.setenv("RATELIMIT_STORAGE_URI", "memory://")
    assert make_app().config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_the_test_config_ignores_the_environment(make_app, env):
    env.setenv("RATELIMIT_ENABLED", "true")
    app = make_app(TestConfig)
    assert app.config["RATELIMIT_ENABLED"] is False
    assert {r.status_code for r in posts(app, 35)} == {200}


@pytest.mark.parametrize("name", ["MAX_CONTENT_LENGTH", "FLASK_MAX_CONTENT_LENGTH"])
def test_the_size_limit_comes_from_the_environment(make_app, env, name):
    env.setenv(name, "2048")
    env.setenv("RATELIMIT_ENABLED", "false")
    client = make_app().test_client()
    assert client.post("/api/v1/triage", json={**BODY, "pad": "x" * 1000}).status_code == 422
    response = client.post("/api/v1/triage", json={**BODY, "pad": "x" * 3000})
    assert response.status_code == 413 and response.json["error"]["code"] == 413


def test_text_settings_stay_text(make_app, env):
    """A phone number keeps its leading zero; a numeric secret stays a string; the emergency number is text."""
    env.setenv("CLINIC_PHONE", "0912345678")
    env.setenv("FLASK_CLINIC_ADDRESS", "1 Nguyễn Huệ, Quận 1")
    env.setenv("EMERGENCY_NUMBER", "115")
    env.setenv("SECRET_KEY", "1234567890")
    env.setenv("CLINIC_NAME", "true")
    app = make_app()
    assert app.config["CLINIC_PHONE"] == "0912345678" and app.config["SECRET_KEY"] == "1234567890"
    assert app.config["CLINIC_NAME"] == "true"
    client = app.test_client()
    clinic = client.get("/api/v1/content?lang=vi").json["clinic"]
    assert clinic["phone"] == "0912345678" and clinic["address"] == "1 Nguyễn Huệ, Quận 1"
    assert client.get("/api/v1/meta").json["emergency_number"] == "115"


@pytest.mark.parametrize("value", ["twelve", "1.5"])
def test_a_number_setting_that_is_not_a_number_stops_the_start(make_app, env, value):
    env.setenv("MAX_CONTENT_LENGTH", value)
    with pytest.raises(EnvError, match="MAX_CONTENT_LENGTH"):
        make_app()


def test_proxy_settings_from_the_environment(make_app, env):
    env.setenv("PROXY_FIX_X_PROTO", "1")
    app = make_app()
    assert app.config["PROXY_FIX_X_PROTO"] == 1 and app.config["SESSION_COOKIE_SECURE"] is True
    response = app.test_client().get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers


def test_the_session_cookie_is_not_secure_by_default_and_can_be_forced(make_app, env):
    assert make_app().config["SESSION_COOKIE_SECURE"] is False
    env.setenv("FLASK_SESSION_COOKIE_SECURE", "true")
    assert make_app().config["SESSION_COOKIE_SECURE"] is True


def test_log_level_from_the_environment(make_app, env):
    env.setenv("LOG_LEVEL", "warning")
    assert make_app().logger.level == 30


def test_production_needs_a_real_secret_key(make_app, env):
    env.setenv("APP_ENV", "production")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        make_app()
    env.setenv("SECRET_KEY", "a-real-secret-from-the-environment")
    assert make_app().config["SECRET_KEY"] == "a-real-secret-from-the-environment"


@pytest.mark.parametrize("given, used", [
    ("postgres://u:p@db.example/app", "postgresql+psycopg://u:p@db.example/app"),
    ("postgresql://u:p@db.example/app", "postgresql+psycopg://u:p@db.example/app"),
])
def test_postgres_urls_use_psycopg_3(env, given, used):
    env.setenv("DATABASE_URL", given)
    app = create_app(Config)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == used


def test_a_redis_storage_uri_reaches_the_limiter(make_app, env):
    """RATELIMIT_STORAGE_URI=redis://… shares the limit between instances (docs/operations.md). No Redis runs here:
    without the `redis` client the app refuses to start (saying so), never silently limiting per process; with it,
    an unreachable Redis falls back to an in-memory limit (RATELIMIT_IN_MEMORY_FALLBACK_ENABLED), never a 500."""
    env.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:1/0")
    try:
        import redis  # noqa: F401, PLC0415
    except ImportError:
        with pytest.raises(ConfigurationError, match="redis"):
            make_app()
        return
    app = make_app()
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:1/0"
    statuses = [r.status_code for r in posts(app, 31)]
    assert set(statuses[:30]) == {200} and statuses[30] == 429


def test_database_timeouts_reach_the_engine(make_app, env):
    """PostgreSQL gets connect, statement, lock and idle-transaction timeouts; SQLite a short busy timeout."""
    from server.config import engine_options  # noqa: PLC0415

    env.setenv("DATABASE_TIMEOUT", "2.5")
    app = make_app()
    assert app.config["DATABASE_TIMEOUT"] == 2.5
    pg = engine_options("postgresql+psycopg://u:p@db/app", 2.5)
    assert pg["connect_args"]["connect_timeout"] == 3 and pg["pool_timeout"] == 2.5
    assert pg["connect_args"]["options"].split() == [
        "-c", "statement_timeout=2500", "-c", "lock_timeout=1250", "-c", "idle_in_transaction_session_timeout=12500"]
    assert engine_options("sqlite:///x.db", 2.5)["connect_args"] == {"timeout": 0.1}


def test_trusted_hosts_from_the_environment(make_app, env):
    """In production the Host header is checked: a forged one gets 400, never an absolute URL built from it."""
    env.setenv("TRUSTED_HOSTS", "tecchan.example,localhost")
    client = make_app().test_client()
    assert client.get("/", headers={"Host": "tecchan.example"}).headers["Location"].endswith("/vi/")
    forged = client.get("/", headers={"Host": "evil.example"})
    assert forged.status_code == 400 and "evil.example" not in forged.get_data(as_text=True)
    assert "Location" not in forged.headers
