"""gunicorn settings, from the environment where given (docs/operations.md describes each)."""
import multiprocessing
import os


def _workers() -> int:
    """WEB_CONCURRENCY when set (as Heroku-style hosts set it), else 2 × CPUs + 1, gunicorn's own advice."""
    given = os.environ.get("WEB_CONCURRENCY", "").strip()
    if given:
        if not given.isdigit() or int(given) < 1:
            raise RuntimeError(f"WEB_CONCURRENCY must be a whole number of at least 1, not {given!r}")
        return int(given)
    return multiprocessing.cpu_count() * 2 + 1


bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = _workers()
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# SIGTERM: stop accepting, let each worker finish the requests it has for up to this many seconds, then exit 0.
graceful_timeout = int(os.environ.get("GRACEFUL_TIMEOUT", "20"))
timeout = 30
keepalive = 5
accesslog = "-" if os.environ.get("ACCESS_LOG", "").lower() in ("1", "true") else None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Optional HTTPS served by gunicorn itself, e.g. to install the app on a phone over the LAN (a service worker needs
# a secure context): both CERTFILE and KEYFILE set → https. Behind a TLS-terminating proxy, leave both unset.
certfile = os.environ.get("CERTFILE") or None
keyfile = os.environ.get("KEYFILE") or None
if bool(certfile) != bool(keyfile):
    raise RuntimeError("set both CERTFILE and KEYFILE (HTTPS), or neither (HTTP)")
for _path in (certfile, keyfile):
    if _path and not os.path.isfile(_path):
        raise RuntimeError(f"{_path} does not exist (CERTFILE / KEYFILE)")
