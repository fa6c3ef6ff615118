"""The shipped nginx configuration (deploy/nginx/te-chan.conf), served by a real nginx (Debian's package) as a child
process in front of the real gunicorn: buffering, forwarded addresses the app can trust, HTTPS seen as such, and
nginx's own error pages with the security headers. Ports, paths and the host name are replaced; nothing else."""
import grp
import gzip
import json
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import time

import pytest

from server.triage.engine import evaluate
from tests.conftest import ROOT
from tests.servers import free_port, self_signed

SITE = ROOT / "deploy" / "nginx" / "te-chan.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "te-chan.example"


@pytest.fixture
def nginx(tmp_path):
    """start(app_port) → (http_port, https_port): nginx with the shipped site, run by the test, not as a daemon."""
    assert os.path.exists(NGINX), "nginx is needed: apt-get install nginx-light (make test installs it as root)"
    started = []

    def start(app_port: int) -> tuple[int, int]:
        http, https = free_port(), free_port()
        cert, key = self_signed(tmp_path)
        site = SITE.read_text()
        for old, new in (("listen 80;", f"listen 127.0.0.1:{http};"), ("listen 443 ", f"listen 127.0.0.1:{https} "),
                         ("127.0.0.1:8000", f"127.0.0.1:{app_port}"), ("/srv/te-chan", str(ROOT)),
                         ("/etc/ssl/te-chan/fullchain.pem", cert), ("/etc/ssl/te-chan/privkey.pem", key)):
            assert old in site, old
            site = site.replace(old, new)
        (tmp_path / "site.conf").write_text(site)
        user = ""
        if os.geteuid() == 0:  # workers drop to this user: the one who can read the repository
            user = f"user {pwd.getpwuid(os.getuid()).pw_name} {grp.getgrgid(os.getgid()).gr_name};"
        temp = " ".join(f"{name}_temp_path {tmp_path / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                              "scgi"))
        (tmp_path / "nginx.conf").write_text(
            f"{user} daemon off; worker_processes 1; pid {tmp_path / 'nginx.pid'}; error_log {tmp_path / 'error.log'};"
            f" events {{ worker_connections 512; }}"
            f" http {{ access_log off; {temp} include {tmp_path / 'site.conf'}; }}\n")
        proc = subprocess.Popen([NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
                                 "-c", str(tmp_path / "nginx.conf")],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        started.append(proc)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", https), timeout=1).close()
                return http, https
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read().decode()
                time.sleep(0.1)

    yield start
    for proc in started:
        proc.terminate()
        proc.wait(10)


def fetch(port: int, raw: bytes, tls: bool = True) -> tuple[int, dict, bytes]:
    conn = socket.create_connection(("127.0.0.1", port), timeout=10)
    if tls:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # the test's own certificate
        conn = context.wrap_socket(conn, server_hostname=HOST)
    with conn:
        conn.sendall(raw)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, list[str]] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return int(lines[0].split()[1]), headers, body


def get(port: int, path: str, tls: bool = True, **extra: str):
    more = "".join(f"{k.replace('_', '-')}: {v}\r\n" for k, v in extra.items())
    return fetch(port, f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n{more}\r\n".encode(), tls)


def post_triage(port: int, **extra: str):
    body = json.dumps({"answers": {"onset": "sudden"}}).encode()
    more = "".join(f"{k.replace('_', '-')}: {v}\r\n" for k, v in extra.items()).encode()
    return fetch(port, b"POST /api/v1/triage HTTP/1.1\r\nHost: " + HOST.encode() + b"\r\nConnection: close\r\n"
                 b"Content-Type: application/json\r\nContent-Length: %d\r\n%s\r\n%s" % (len(body), more, body))


def test_the_shipped_nginx_config_in_front_of_gunicorn(start_gunicorn, nginx):
    app = start_gunicorn(PROXY_FIX_X_FOR="1", PROXY_FIX_X_PROTO="1", TRUSTED_HOSTS=HOST, RATELIMIT_ENABLED="true",
                         TRIAGE_RATE_LIMIT="3 per minute", HOST="127.0.0.1",
                         GRACEFUL_TIMEOUT="2",  # nginx keeps its connections to the app open: stopping waits this long
                         check=lambda p: socket.create_connection(("127.0.0.1", p), timeout=1).close() is None)
    http, https = nginx(app.port)

    status, headers, _ = get(http, "/vi/", tls=False)
    assert status == 301 and headers["location"] == [f"https://{HOST}/vi/"]

    status, headers, body = get(https, "/vi/")
    assert status == 200 and b'lang="vi"' in body
    assert len(headers["content-security-policy"]) == 1  # the app's, not doubled by nginx
    assert headers["strict-transport-security"] == ["max-age=31536000; includeSubDomains"]  # the app saw https
    assert "secure" in headers["set-cookie"][0].lower()
    assert re_id(headers["x-request-id"][0])  # nginx's request id reaches the app's logs

    # The forwarded address is nginx's view of the client: forging X-Forwarded-For escapes no limit.
    # A result is made per request and sent as it is: nginx compresses it (in C) for a client that accepts gzip.
    responses = [post_triage(https, X_Forwarded_For=f"203.0.113.{i}", Accept_Encoding="gzip") for i in range(4)]
    assert [status for status, _, _ in responses] == [200, 200, 200, 429]
    status, headers, body = responses[0]
    assert headers["content-encoding"] == ["gzip"] and "accept-encoding" in headers["vary"][0].lower()
    assert json.loads(gzip.decompress(dechunk(body)))["level"] == evaluate({"onset": "sudden"}).level

    # A Host the app does not trust: refused, never echoed.
    status, _, body = fetch(https, b"GET /vi/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
    assert status == 400 and b"evil.example" not in body

    # nginx's own answers: a body too large, then the app down. A page in both languages with the security headers.
    too_big = b"POST /api/v1/triage HTTP/1.1\r\nHost: te-chan.example\r\nContent-Type: application/json\r\n" \
              b"Connection: close\r\nContent-Length: 200000\r\n\r\n"  # refused on its headers alone
    app.terminate()
    app.wait(30)
    for status, headers, body in (fetch(https, too_big), get(https, "/vi/")):
        assert status in (413, 502), status
        assert "Không thể trả lời" in body.decode() and "cannot be answered" in body.decode()
        assert b'href="tel:115"' in body
        for name in ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy",
                     "cross-origin-resource-policy", "strict-transport-security"):
            assert name in headers, (status, name)
        assert headers["cache-control"] == ["no-store"] and "nginx/" not in str(headers.get("server"))


def dechunk(body: bytes) -> bytes:
    """An HTTP/1.1 chunked body's data (nginx streams what it compresses)."""
    out = b""
    while body:
        size, _, body = body.partition(b"\r\n")
        n = int(size, 16)
        if n == 0:
            return out
        out, body = out + body[:n], body[n + 2:]
    return out


def re_id(value: str) -> bool:
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)
