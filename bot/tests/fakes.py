"""A local Bot Framework cloud for tests: OpenID metadata + JWKS, Entra token endpoint, connector.

It runs in its own thread because the SDK fetches metadata with blocking `requests`.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://api.botframework.com"
APP_ID = "00000000-1111-2222-3333-444444444444"
TENANT_ID = "72f988bf-0000-0000-0000-000000000000"


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@dataclass
class Recorded:
    method: str
    path: str
    authorization: str | None
    body: dict[str, Any]
    at: float = field(default_factory=time.time)


class FakeCloud:
    """Serves /openid, /keys, /aad/... and /connector/v3/... on 127.0.0.1."""

    def __init__(self, key: Any = None, port: int = 0) -> None:
        self.key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        self.endorsements = ["msteams"]
        self.requests: list[Recorded] = []
        self.token_requests: list[dict[str, Any]] = []
        self.scripted: deque[tuple[int, dict[str, str]]] = deque()
        self.lock = threading.Lock()
        self.events: dict[str, threading.Event] = {}
        cloud = self

        class Handler(BaseHTTPRequestHandler):
            # Keep-alive, as the real Bot Connector: every answer carries a Content-Length.
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm and
            # the client's delayed ACK hold every body back ~40 ms on a kept-alive connection.
            disable_nagle_algorithm = True

            def log_message(self, *_args: Any) -> None:
                return

            def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self) -> None:
                cloud.handle(self, "GET")

            def do_POST(self) -> None:
                cloud.handle(self, "POST")

            def do_PUT(self) -> None:
                cloud.handle(self, "PUT")

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- lifecycle
    def start(self) -> FakeCloud:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    @property
    def metadata_url(self) -> str:
        return f"{self.base}/openid"

    @property
    def service_url(self) -> str:
        return f"{self.base}/connector/"

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.token_requests.clear()
            self.scripted.clear()

    # -- tokens
    def jwks(self) -> dict[str, Any]:
        numbers = self.key.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "kid": self.kid,
                    "alg": "RS256",
                    "n": _b64(numbers.n),
                    "e": _b64(numbers.e),
                    "endorsements": self.endorsements,
                }
            ]
        }

    def token(self, *, key: Any = None, kid: str | None = None, **overrides: Any) -> str:
        """A Bot Framework channel token; any claim can be overridden (None removes it)."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "aud": APP_ID,
            "serviceurl": self.service_url,
            "nbf": now - 60,
            "exp": now + 3600,
        }
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(
            claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid}
        )

    # -- connector
    def script(self, status: int, headers: dict[str, str] | None = None) -> None:
        """The next connector call answers with this status."""
        self.scripted.append((status, headers or {}))

    def connector_calls(self, method: str | None = None) -> list[Recorded]:
        with self.lock:
            return [r for r in self.requests if method is None or r.method == method]

    def wait_for(
        self, count: int, method: str | None = None, timeout: float = 5.0
    ) -> list[Recorded]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.connector_calls(method)
            if len(calls) >= count:
                return calls
            time.sleep(0.01)
        return self.connector_calls(method)

    def handle(self, handler: Any, method: str) -> None:
        path = urlsplit(handler.path).path
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        if path == "/_calls":  # for a load generator in another process
            with self.lock:
                calls = [{"method": r.method, "path": r.path, "at": r.at} for r in self.requests]
            handler._json(200, calls)
        elif path == "/_reset":
            self.reset()
            handler._json(200, {})
        elif path == "/openid":
            handler._json(200, {"issuer": ISSUER, "jwks_uri": f"{self.base}/keys"})
        elif path == "/keys":
            handler._json(200, self.jwks())
        elif path.startswith("/aad/"):
            self._aad(handler, path, raw)
        elif path.startswith("/connector/"):
            self._connector(handler, method, unquote(path.removeprefix("/connector")), raw)
        else:
            handler._json(404, {})

    def _aad(self, handler: Any, path: str, raw: bytes) -> None:
        tenant = path.split("/")[2]
        authority = f"https://login.microsoftonline.com/{tenant}"
        if path.endswith("openid-configuration"):
            handler._json(
                200,
                {
                    "token_endpoint": f"{authority}/oauth2/v2.0/token",
                    "authorization_endpoint": f"{authority}/oauth2/v2.0/authorize",
                    "issuer": f"https://login.microsoftonline.com/{tenant}/v2.0",
                },
            )
            return
        form = dict(p.split("=", 1) for p in raw.decode().split("&") if "=" in p)
        with self.lock:
            self.token_requests.append({"path": path, **{k: unquote(v) for k, v in form.items()}})
        handler._json(
            200, {"access_token": "fake-bf-token", "token_type": "Bearer", "expires_in": 3600}
        )

    def _connector(self, handler: Any, method: str, path: str, raw: bytes) -> None:
        body = json.loads(raw) if raw else {}
        with self.lock:
            self.requests.append(Recorded(method, path, handler.headers.get("Authorization"), body))
            scripted = self.scripted.popleft() if self.scripted else None
        if scripted is not None and scripted[0] >= 400:
            handler._json(scripted[0], {"error": {"code": "scripted"}}, scripted[1])
            return
        if method == "POST" and path.rstrip("/") == "/v3/conversations":
            handler._json(201, {"id": f"a:new-{uuid.uuid4().hex[:8]}", "activityId": "1"})
            return
        handler._json(200, {"id": f"act-{uuid.uuid4().hex[:10]}"})


class FakeEntraHttpClient:
    """MSAL's http_client: sends login.microsoftonline.com requests to the fake cloud."""

    def __init__(self, cloud: FakeCloud | str) -> None:
        self.prefix = "https://login.microsoftonline.com"
        self.target = f"{cloud if isinstance(cloud, str) else cloud.base}/aad"
        self.session = requests.Session()

    def _rewrite(self, url: str) -> str:
        return self.target + url.removeprefix(self.prefix) if url.startswith(self.prefix) else url

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.session.get(self._rewrite(url), timeout=5, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.session.post(self._rewrite(url), timeout=5, **kwargs)

    def close(self) -> None:
        self.session.close()


def serve(key_file: str, port: int) -> None:
    """Run the fake cloud in its own process (benchmarks): `python -m bot.tests.fakes KEY PORT`."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    with open(key_file, "rb") as handle:
        key = load_pem_private_key(handle.read(), password=None)
    cloud = FakeCloud(key=key, port=port)
    cloud.server.serve_forever()


if __name__ == "__main__":
    import sys

    serve(sys.argv[1], int(sys.argv[2]))
