"""The real-browser harness.

* A real gunicorn (`wsgi:app`) against a migrated SQLite file in a temporary folder, started once for the session
  (again only when a test asks for other settings), behind the port the browser knows: a plain TCP relay on
  127.0.0.1 (`Door`: bytes pass unchanged). Tests that go offline close it for real (nothing listens on the port
  any more, every open connection is cut) and the `live` fixture opens it again, on the same port, before the next
  test. Stopping and starting gunicorn instead cost 2–5 s a test.
* Debian's Chromium (/usr/bin/chromium), headless, driven by Playwright at a phone's 360×740: one Chromium per test
  file, a fresh browser context per test (its own service workers, caches, IndexedDB and storage); the install and
  update tests have a real persistent profile (a user data folder) in a Chromium of their own.

These tests never skip: without Chromium they fail and say how to install it.
"""
import contextlib
import functools
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from tests.conftest import CASES as ALL_CASES

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORT = {"width": 360, "height": 740}
LANGS = ("vi", "en")
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-sync",
    "--disable-quic",
]
# Settings the app or gunicorn read from the environment: the harness sets its own, whatever the shell has.
SERVER_KEYS = (
    "PORT", "HOST", "WEB_CONCURRENCY", "GUNICORN_THREADS", "GRACEFUL_TIMEOUT", "GUNICORN_CMD_ARGS", "ACCESS_LOG",
    "FORWARDED_ALLOW_IPS", "DATABASE_URL", "TEST_DATABASE_URL", "SECRET_KEY", "APP_ENV", "EMERGENCY_NUMBER",
    "CLINIC_NAME", "CLINIC_PHONE", "CLINIC_ADDRESS", "RATELIMIT_ENABLED", "RATELIMIT_STORAGE_URI",
    "TRIAGE_RATE_LIMIT", "MAX_CONTENT_LENGTH", "PROXY_FIX_X_FOR", "PROXY_FIX_X_PROTO", "LOG_LEVEL",
    "CERTFILE", "KEYFILE",  # the harness speaks plain http on the loopback
    "WORKER_CLASS", "WORKER_CONNECTIONS", "TRUSTED_HOSTS", "DATABASE_TIMEOUT",
)
DEFAULT_SETTINGS = {"EMERGENCY_NUMBER": "115", "CLINIC_NAME": "ACC"}

CASES = {c["id"]: c for c in ALL_CASES}


# --------------------------------------------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _flask(*args: str, env: dict) -> None:
    done = subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


class Door:
    """127.0.0.1:<port>, relaying each connection to gunicorn's own port byte for byte. Closed, the app is offline
    for real, as with gunicorn stopped: nothing listens on the port (a connection is refused) and the connections
    already open (a browser's kept-alive ones) are cut."""

    def __init__(self, port: int, target: int):
        self.port, self.target = port, target
        self.listener: socket.socket | None = None
        self.connections: set[socket.socket] = set()
        self.lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self.listener is not None

    def open(self) -> None:
        assert self.listener is None, "already open"
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        listener, self.listener = self.listener, None
        if listener is None:
            return
        with self.lock:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() waiting on it (Linux)
            listener.close()
            for connection in self.connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)  # wakes the relays reading from it; they close it
            self.connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # closed
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target), timeout=10)
                upstream.settimeout(None)
            except OSError:  # gunicorn is down: the browser sees the connection closed
                client.close()
                continue
            with self.lock:
                if self.listener is not listener:  # closed meanwhile
                    client.close()
                    upstream.close()
                    return
                self.connections |= {client, upstream}
            done = threading.Barrier(2, action=functools.partial(self._forget, client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._relay, args=(source, sink, done), daemon=True).start()

    @staticmethod
    def _relay(source: socket.socket, sink: socket.socket, done: threading.Barrier) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)  # the other side's end of the stream, passed on (HTTP half-close)
        done.wait()

    def _forget(self, *pair: socket.socket) -> None:
        with self.lock:
            self.connections.difference_update(pair)
        for connection in pair:
            connection.close()


class LiveServer:
    """gunicorn serving wsgi:app behind a Door on 127.0.0.1:<port>; stop() makes the app really unreachable."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = _free_port()
        self.door = Door(self.port, _free_port())
        self.base = f"http://127.0.0.1:{self.port}"
        self.database_url = f"sqlite:///{workdir / 'app.db'}"
        self.log_path = workdir / "gunicorn.log"
        self.proc: subprocess.Popen | None = None
        self.settings: dict = {}
        self.sw_version = ""

    def url(self, path: str = "/") -> str:
        return self.base + path

    def env(self, settings: dict | None = None) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in SERVER_KEYS and not k.startswith("FLASK_")}
        env.update(
            FLASK_APP="wsgi", DATABASE_URL=self.database_url, RATELIMIT_ENABLED="false",
            HOST="127.0.0.1", PORT=str(self.door.target), WEB_CONCURRENCY="1", GUNICORN_THREADS="8",
            GRACEFUL_TIMEOUT="2", APP_ENV="development", SECRET_KEY="browser-tests", LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        env.update(DEFAULT_SETTINGS)
        env.update(settings or {})
        return env

    def migrate(self) -> None:
        _flask("db", "upgrade", env=self.env())

    @property
    def running(self) -> bool:
        """Reachable: gunicorn up and the door open."""
        return self._serving() and self.door.is_open

    def _serving(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, **settings: str) -> None:
        """Reachable again, with these settings (over the defaults): the door opened, in front of the gunicorn
        already running with them, or of a new one started with them."""
        assert not self.door.is_open, "already started"
        if _listening(self.port):
            raise RuntimeError(f"port {self.port} is taken by another process")
        fresh = not self._serving() or self.settings != settings
        if fresh:
            self._stop_gunicorn()
            self._start_gunicorn(settings)
        self.door.open()
        if fresh:
            # The first /sw.js builds the precache list and the version hash: done here, not in a test.
            with urllib.request.urlopen(self.url("/sw.js"), timeout=30) as response:
                match = re.search(r'"version":"([0-9a-f]+)"', response.read().decode())
            assert match, "no version in /sw.js"
            self.sw_version = match.group(1)

    def _start_gunicorn(self, settings: dict) -> None:
        with open(self.log_path, "ab") as log:
            log.write(f"\n--- start {settings}\n".encode())
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                cwd=ROOT, env=self.env(settings), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        self.settings = dict(settings)
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                code, self.proc = self.proc.returncode, None
                raise RuntimeError(f"gunicorn exited with {code}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.door.target}/api/v1/meta", timeout=10):
                    return
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    self._stop_gunicorn()
                    raise RuntimeError(f"gunicorn did not answer in 30 s:\n{self.log_tail()}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        """The app offline: the door closed (gunicorn keeps running behind it, for the next start)."""
        self.door.close()
        if _listening(self.port):
            raise RuntimeError(f"port {self.port} still answers with the door closed")

    def _stop_gunicorn(self) -> None:
        """Stop gunicorn (quick shutdown), and wait for it."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # its own process group: only what it started
                self.proc.wait(timeout=10)
        self.proc = None

    def restart(self, **settings: str) -> None:
        """A new gunicorn, with these settings: a new version of the app when they change what it serves."""
        self.shut_down()
        self.start(**settings)

    def ensure(self, **settings: str) -> None:
        """Reachable, with exactly these settings (gunicorn started again only when they differ)."""
        if not self.running or self.settings != settings:
            self.stop()
            self.start(**settings)

    def shut_down(self) -> None:
        """Offline, and gunicorn stopped too."""
        self.stop()
        self._stop_gunicorn()

    def assessments(self) -> list[dict]:
        """The consented records stored so far, read straight from the server's SQLite file (read-only)."""
        path = self.workdir / "app.db"
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            con.row_factory = sqlite3.Row
            rows = con.execute("SELECT * FROM assessment ORDER BY created_at").fetchall()
        return [{**dict(row), "answers": json.loads(row["answers"]), "offline": bool(row["offline"])} for row in rows]

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("live")
    server = LiveServer(workdir)
    server.migrate()
    server.start()
    yield server
    server.shut_down()


@pytest.fixture
def live(live_server):
    """The server, running with the default settings when the test starts (a test may stop or restart it)."""
    live_server.ensure()
    return live_server


# -------------------------------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def playwright_driver():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: the browser tests need Debian's chromium "
            "(`apt-get install chromium`; `make test` installs it when run as root).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


class PageErrors:
    """Uncaught script errors and Content-Security-Policy refusals seen in any page of a context."""

    def __init__(self):
        self.errors: list[str] = []

    def watch(self, page) -> None:
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: uncaught {error}"))
        page.on("console", lambda message: self._console(page, message))

    def _console(self, page, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(f"{page.url}: {message.text}")


def launch(driver, user_data_dir: Path, **options):
    return driver.chromium.launch_persistent_context(
        user_data_dir=str(user_data_dir), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        viewport=VIEWPORT, screen=VIEWPORT, service_workers="allow", **options,
    )


@pytest.fixture
def page_errors():
    return PageErrors()


@contextmanager
def watched(ctx, page_errors: PageErrors):
    """The context, its errors watched; closed after the test, which fails on any uncaught error or CSP refusal."""
    ctx.set_default_timeout(15_000)
    for p in ctx.pages:
        page_errors.watch(p)
    ctx.on("page", page_errors.watch)
    yield ctx
    ctx.close()
    assert not page_errors.errors, "errors in the page:\n" + "\n".join(page_errors.errors)


@pytest.fixture(scope="module")
def browser(playwright_driver):
    """One Chromium per test file (starting one costs more than most tests); each test has a context of its own."""
    started = playwright_driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield started
    started.close()


@pytest.fixture
def context(browser, page_errors):
    """A fresh browser context, as a new profile: its own service worker registrations, caches, IndexedDB, storage,
    cookies and permissions, none shared with another test's (Chromium keeps them in memory and drops them with
    the context)."""
    with watched(browser.new_context(viewport=VIEWPORT, screen=VIEWPORT, service_workers="allow"), page_errors) as ctx:
        yield ctx


@pytest.fixture
def profile_context(playwright_driver, tmp_path, page_errors):
    """A real persistent profile on disk, in a Chromium of its own: installing the app needs one (Chromium never
    installs from an off-the-record context: its installability check says "in-incognito")."""
    with watched(launch(playwright_driver, tmp_path / "profile"), page_errors) as ctx:
        yield ctx


@pytest.fixture
def page(context):
    return context.pages[0] if context.pages else context.new_page()


@pytest.fixture
def profile_page(profile_context):
    return profile_context.pages[0] if profile_context.pages else profile_context.new_page()


# --------------------------------------------------------------------------------------------------- helpers


def install_app(page, live, lang: str = "vi") -> str:
    """Open the guide, wait until the service worker has precached everything and is active, reload, and return
    the controlling worker's script URL."""
    page.goto(live.url(f"/{lang}/"))
    page.evaluate(
        """navigator.serviceWorker.ready.then((registration) => new Promise((resolve) => {
             const worker = registration.active;
             if (worker.state === "activated") return resolve();
             worker.addEventListener("statechange", () => worker.state === "activated" && resolve());
           }))"""
    )
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    return page.evaluate("navigator.serviceWorker.controller.scriptURL")


def wait_true(page, function: str, arg=None, timeout: float = 15) -> None:
    """Call this JavaScript function in the page until it gives something truthy, awaiting a Promise it returns.

    page.wait_for_function does not await a Promise (one is truthy at once), and a bare expression there is
    evaluated again on each poll, which the pages' strict CSP (no 'unsafe-eval') refuses: pass it a function."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(function, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"never true in {timeout} s: {function}")
        time.sleep(0.05)


def cached_versions(page) -> list[str]:
    return page.evaluate("caches.keys().then((names) => names.filter((n) => n.startsWith('te-chan-v-')))")


VISIBLE_QUESTIONS = """() => [...document.querySelectorAll('#checklist [data-question]')]
    .filter((item) => item.checkVisibility()).map((item) => item.dataset.question)"""


def visible_questions(page) -> list[str]:
    return page.evaluate(VISIBLE_QUESTIONS)


def answer(page, qid: str, value: str) -> None:
    """Tap the native input of this answer, as a person would: its radio button, or in a "tick any that apply" list
    its checkbox (ticked for "yes", left blank, or unticked, for anything else)."""
    box = page.locator(f'input[type=checkbox][name="{qid}"]')
    if box.count():
        box.set_checked(value == "yes")
    else:
        page.click(f'input[name="{qid}"][value="{value}"]')


# The next screen is up, or the result (the form hides at once; the result comes when worked out).
SETTLED = """() => !document.getElementById('checklist').hidden ||
  document.querySelector('#result-area:not([hidden]) > .result') !== null"""


def result_shown(page) -> bool:
    return page.locator("#result-area:not([hidden]) > .result[data-level]").count() > 0


def answer_until(page, answers: dict, stop_at: str | None = None) -> dict:
    """Go through the stepper screen by screen with "Continue", answering what `answers` has for the questions on
    each screen, until the result shows (or the screen showing question `stop_at`). The stepper asks only what can
    still change the level. Returns the answers it never asked for."""
    page.wait_for_selector("#step-next:not([disabled])")  # the stepper has started
    todo = dict(answers)
    for _ in range(100):
        if result_shown(page):
            return todo
        shown = visible_questions(page)
        if stop_at and stop_at in shown:
            return todo
        for qid in shown:
            if qid in todo:
                answer(page, qid, todo.pop(qid))
        if result_shown(page):
            return todo
        page.click("[data-action=next]")
        wait_true(page, SETTLED)
    raise AssertionError("the stepper never reached the result")


def run_checklist(page, answers: dict) -> str:
    """Answer through the stepper until the result, and return the result's data-level."""
    for qid, value in answers.items():
        assert not (value == "yes" and qid in WARNING_SIGNS), "a warning sign 'yes' shows the result at once"
    answer_until(page, answers)
    return result_level(page)


def result_level(page) -> str:
    card = page.wait_for_selector("#result-area:not([hidden]) > .result[data-level]")
    return card.get_attribute("data-level")


def start_checklist(page, live, lang: str) -> None:
    """A fresh checklist: no saved progress (localStorage) and the first screen."""
    page.goto(live.url(f"/{lang}/checklist"))
    page.evaluate("localStorage.clear()")
    page.goto(live.url(f"/{lang}/checklist"))
    page.wait_for_selector("#step-next:not([disabled])")


def _warning_signs() -> set[str]:
    rules = json.loads((ROOT / "server" / "triage" / "rules.json").read_text(encoding="utf-8"))
    return {q["id"] for q in rules["questions"] if q["warning_sign"]}


WARNING_SIGNS = _warning_signs()


@pytest.fixture(scope="session")
def reference():
    """The server's own result for some answers (in-process Flask app), to compare what the phone shows."""
    from server.app import create_app
    from server.config import TestConfig

    app = create_app(TestConfig, {"DATABASE_URL": "sqlite://", **DEFAULT_SETTINGS})
    client = app.test_client()

    def result(answers: dict, lang: str) -> dict:
        response = client.post("/api/v1/triage", json={"answers": answers, "lang": lang})
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    return result
