"""gunicorn settings from the environment (docs/operations.md describes each and why gevent)."""
import multiprocessing
import os

from environs import Env
from marshmallow.validate import OneOf, Range

env = Env()

# gevent: a slow or idle client (headers a line every few seconds, a body trickling in, a TLS handshake never
# finished) holds one greenlet, not one of a handful of worker processes, so it cannot starve the others.
# psycopg 3 cooperates with gevent by itself; SQLite waits are kept short (server/config.py).
worker_class = env.str("WORKER_CLASS", "gevent", validate=OneOf(("gevent", "sync", "gthread")))
worker_connections = env.int("WORKER_CONNECTIONS", 1000, validate=Range(min=1))
# WEB_CONCURRENCY (as Heroku-style hosts set it; empty counts as unset), else 2 × CPUs + 1, gunicorn's own advice.
if os.environ.get("WEB_CONCURRENCY", "").strip():
    workers = env.int("WEB_CONCURRENCY", validate=Range(min=1))
else:
    workers = multiprocessing.cpu_count() * 2 + 1
threads = env.int("GUNICORN_THREADS", 1, validate=Range(min=1))  # sync/gthread only

# Behind a proxy that sets X-Forwarded-For (PROXY_FIX_X_FOR > 0) the app trusts that header for the rate limit:
# reachable directly, anyone could send a new address with each request. So then bind the loopback unless told.
_proxied = (env.int("FLASK_PROXY_FIX_X_FOR", None) or env.int("PROXY_FIX_X_FOR", 0)) > 0
bind = f"{env.str('HOST', '127.0.0.1' if _proxied else '0.0.0.0')}:{env.int('PORT', 8000)}"

# SIGTERM: stop accepting, let each worker finish the requests it has for up to this many seconds, then exit 0.
graceful_timeout = env.int("GRACEFUL_TIMEOUT", 20, validate=Range(min=0))
timeout = 30
keepalive = 5
accesslog = "-" if env.bool("ACCESS_LOG", False) else None
errorlog = "-"
forwarded_allow_ips = env.str("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Optional HTTPS served by gunicorn itself, e.g. to install the app on a phone over the LAN (a service worker needs
# a secure context): both CERTFILE and KEYFILE set → https. Behind a TLS-terminating proxy, leave both unset.
certfile = env.str("CERTFILE", "") or None
keyfile = env.str("KEYFILE", "") or None
if bool(certfile) != bool(keyfile):
    raise RuntimeError("set both CERTFILE and KEYFILE (HTTPS), or neither (HTTP)")
for _path in (certfile, keyfile):
    if _path and not os.path.isfile(_path):
        raise RuntimeError(f"{_path} does not exist (CERTFILE / KEYFILE)")
