"""Security headers on every response, ProxyFix when running behind a proxy, and the triage rate limit."""
from flask import Flask, abort, current_app, request
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

from server.extensions import limiter

# One count per client address for everything that works out a result: POST /api/v1/triage and the no-JavaScript
# result page (GET and POST /<lang>/result) draw on the same TRIAGE_RATE_LIMIT. Except GET /<lang>/result without a
# query: the same page for everyone, precached by the service worker, so installing the app used up the limit.
triage_limit = limiter.shared_limit(lambda: current_app.config["TRIAGE_RATE_LIMIT"], scope="triage",
                                    exempt_when=lambda: request.method == "GET" and not request.query_string)

CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def harden_cookies(response, secure: bool) -> None:
    """Every cookie the app sets gets SameSite=Lax unless it names its own, and Secure when served over HTTPS.
    The headers are rewritten only when a cookie lacks one (the pages' language cookie never does)."""
    cookies = response.headers.getlist("Set-Cookie")
    if not cookies:
        return
    hardened = [_harden(cookie, secure) for cookie in cookies]
    if hardened != cookies:
        response.headers.setlist("Set-Cookie", hardened)


def _harden(cookie: str, secure: bool) -> str:
    attributes = {part.split("=", 1)[0].strip().lower() for part in cookie.split(";")[1:]}
    if secure and "secure" not in attributes:
        cookie += "; Secure"
    if "samesite" not in attributes:
        cookie += "; SameSite=Lax"
    return cookie


def init_app(app: Flask) -> None:
    x_for, x_proto = app.config["PROXY_FIX_X_FOR"], app.config["PROXY_FIX_X_PROTO"]
    if x_for or x_proto:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=int(x_for), x_proto=int(x_proto))

    @app.errorhandler(SecurityError)
    def untrusted_host(error):
        """A Host header outside TRUSTED_HOSTS: no page can be built (its URLs would use that host), nor echo it."""
        return "Bad Request: unknown host\n", 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.before_request
    def limit_streamed_body():
        """A chunked body has no Content-Length to refuse up front, and werkzeug silently cuts it at
        MAX_CONTENT_LENGTH (the cut body may even parse): refuse it with 413 as one with a Content-Length would be."""
        limit = app.config["MAX_CONTENT_LENGTH"]
        if limit and request.content_length is None and request.environ.get("wsgi.input_terminated"):
            if len(request.get_data(cache=True)) >= limit and request.environ["wsgi.input"].read(1):
                abort(413)

    @app.after_request
    def headers(response):
        h = response.headers
        h.setdefault("Content-Security-Policy", CSP)
        h["X-Content-Type-Options"] = "nosniff"
        h["Referrer-Policy"] = "no-referrer"
        h["Permissions-Policy"] = PERMISSIONS
        h["X-Frame-Options"] = "DENY"
        h["Cross-Origin-Opener-Policy"] = "same-origin"
        h["Cross-Origin-Resource-Policy"] = "same-origin"
        if request.is_secure:
            h["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        harden_cookies(response, request.is_secure)
        return response
