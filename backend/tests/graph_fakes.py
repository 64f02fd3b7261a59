"""A fake Microsoft Graph (threaded HTTP server), a fake Entra token endpoint for MSAL, and
certificate, encryption and validation-token helpers that behave like Graph's."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.padding import PKCS7
from cryptography.x509.oid import NameOID

from backend.tests import graph_payloads

GRAPH_PUBLISHER_APP_ID = "0bf30f3b-4a52-48df-9a82-234910c4a086"
TENANT_ID = "72f988bf-0000-0000-0000-000000000000"
CLIENT_ID = "11111111-2222-3333-4444-555555555555"
CLIENT_STATE = "s3cret-client-state-for-tests"
# Graph's documented payloads, vendored from the protocol reference.


# --- certificates and Graph-like encryption ------------------------------------------------


@dataclass
class GraphCert:
    cert_id: str
    key: rsa.RSAPrivateKey
    cert_path: Path
    key_path: Path


def make_certificate(directory: Path, cert_id: str) -> GraphCert:
    """A self-signed RSA-2048 certificate, as Graph accepts for rich notifications."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"novacrm-{cert_id}")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / f"{cert_id}.crt", directory / f"{cert_id}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return GraphCert(cert_id=cert_id, key=key, cert_path=cert_path, key_path=key_path)


def encrypt_like_graph(
    plaintext: bytes, public_key: rsa.RSAPublicKey, cert_id: str
) -> dict[str, str]:
    """encryptedContent as Graph builds it: OAEP-SHA1-wrapped AES-256 key, CBC, HMAC-SHA256."""
    key = os.urandom(32)
    padder = PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    data = encryptor.update(padded) + encryptor.finalize()
    wrapped = public_key.encrypt(
        key,
        padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None),  # noqa: S303
    )
    return {
        "data": base64.b64encode(data).decode(),
        "dataSignature": base64.b64encode(hmac.new(key, data, hashlib.sha256).digest()).decode(),
        "dataKey": base64.b64encode(wrapped).decode(),
        "encryptionCertificateId": cert_id,
        "encryptionCertificateThumbprint": "00" * 20,
    }


def chat_message(
    *,
    message_id: str,
    text: str,
    chat_id: str | None = "19:abc_def@unq.gbl.spaces",
    team_id: str | None = None,
    channel_id: str | None = None,
    author_id: str = "6a1f0000-0000-0000-0000-00000000d0d0",
    edited: str | None = None,
    modified: str | None = None,
) -> dict[str, Any]:
    """The documented chatMessage shape, with this test's text, ids and author."""
    message: dict[str, Any] = graph_payloads.chat_message()
    message.update(id=message_id, etag=message_id, lastEditedDateTime=edited)
    if modified is not None:
        message.update(createdDateTime=modified, lastModifiedDateTime=modified)
    message["body"] = {"contentType": "html", "content": f"<p>{text}</p>"}
    message["from"]["user"]["id"] = author_id
    message["mentions"] = []
    if channel_id:
        message["chatId"] = None
        message["channelIdentity"] = {"teamId": team_id, "channelId": channel_id}
    else:
        message["chatId"] = chat_id
    return message


def rich_item(
    message: dict[str, Any], cert: GraphCert, *, client_state: str = CLIENT_STATE
) -> dict[str, Any]:
    """One rich change notification carrying ``message`` encrypted for ``cert``."""
    chat = message.get("chatId")
    if chat:
        resource = f"chats('{chat}')/messages('{message['id']}')"
    else:
        ident = message["channelIdentity"]
        channel = f"teams('{ident['teamId']}')/channels('{ident['channelId']}')"
        resource = f"{channel}/messages('{message['id']}')"
    return {
        "subscriptionId": "7f105c7d-2dc5-4530-97cd-4e7ae6534c07",
        "changeType": "created",
        "clientState": client_state,
        "tenantId": TENANT_ID,
        "subscriptionExpirationDateTime": "2026-11-02T11:00:00Z",
        "resource": resource,
        "resourceData": {"id": message["id"], "@odata.type": "#Microsoft.Graph.chatMessage"},
        "encryptedContent": encrypt_like_graph(
            json.dumps(message).encode(), cert.key.public_key(), cert.cert_id
        ),
    }


# --- validation tokens ------------------------------------------------------------------------


@dataclass
class TokenIssuer:
    """Signs validationTokens like Entra ID and serves the matching JWKS."""

    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    kid: str = "test-kid-1"

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update(kid=self.kid, use="sig", alg="RS256")
        return {"keys": [jwk]}

    def token(self, **overrides: Any) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": f"https://sts.windows.net/{TENANT_ID}/",
            "aud": CLIENT_ID,
            "appid": GRAPH_PUBLISHER_APP_ID,
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
        }
        key = overrides.pop("signing_key", self.key)
        claims.update(overrides)
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})


# --- MSAL's transport to a fake Entra ID ------------------------------------------------------


class _MsalResponse:
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status_code = status
        self.text = json.dumps(body)
        self.headers = {"content-type": "application/json"}

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise RuntimeError(f"HTTP {self.status_code}")


class FakeEntraHttp:
    """MSAL's ``http_client``: tenant discovery and the client-credentials token POST."""

    def __init__(self, token: str = "fake-graph-token") -> None:
        self.token = token
        self.token_requests: list[tuple[str, dict[str, Any]]] = []

    def get(self, url: str, **_kwargs: Any) -> _MsalResponse:
        base = url.split("/v2.0/.well-known")[0]
        return _MsalResponse(
            200,
            {
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "issuer": f"{base}/v2.0",
                "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
            },
        )

    def post(self, url: str, data: Any = None, **_kwargs: Any) -> _MsalResponse:
        self.token_requests.append((url, dict(data or {})))
        return _MsalResponse(
            200, {"access_token": self.token, "token_type": "Bearer", "expires_in": 3600}
        )

    def close(self) -> None:
        return None


# --- the fake Graph -----------------------------------------------------------------------


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _within(moment: datetime, bounds: list[tuple[str, str]]) -> bool:
    """``lastModifiedDateTime gt A and lastModifiedDateTime lt B``, strictly, as Graph reads it."""
    for operator, value in bounds:
        bound = _moment(value)
        if (operator == "gt" and moment <= bound) or (operator == "lt" and moment >= bound):
            return False
    return True


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    body: dict[str, Any] | None
    authorization: str | None


class FakeGraph:
    """Serves the documented JSON shapes under /v1.0 and records every request."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.subscriptions: dict[str, dict[str, Any]] = {}
        self.messages: dict[str, dict[str, Any]] = {}  # resource path -> chatMessage
        self.delta_pages: dict[str, list[list[dict[str, Any]]]] = {}  # channel -> pages
        self.chat_members: dict[str, set[str]] = {}  # chat id -> user ids
        self.chat_messages: list[dict[str, Any]] = []  # what the chat export APIs serve
        self.failures: list[tuple[str, str, int, dict[str, str]]] = []  # method, path part
        self.jwks: dict[str, Any] = {"keys": []}
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1.0"

    def start(self) -> FakeGraph:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fail(
        self,
        method: str,
        path_part: str,
        status: int,
        times: int = 1,
        after: int = 0,
        **headers: str,
    ) -> None:
        """Answer ``times`` matching requests with ``status`` (e.g. 429 + Retry-After), once
        ``after`` of them went through."""
        with self.lock:
            self.failures.extend([(method, path_part, 0, {})] * after)  # 0: let it through
            self.failures.extend([(method, path_part, status, headers)] * times)

    def calls(self, method: str, path_part: str = "") -> list[Recorded]:
        return [r for r in self.requests if r.method == method and path_part in r.path]

    def _take_failure(self, method: str, path: str) -> tuple[int, dict[str, str]] | None:
        with self.lock:
            for i, (m, part, status, headers) in enumerate(self.failures):
                if m == method and part in path:
                    del self.failures[i]
                    return status, headers
        return None

    def handle(
        self, method: str, path: str, query: dict[str, list[str]], body: Any
    ) -> tuple[int, Any]:
        if path == "/keys":
            return 200, self.jwks
        path = path.removeprefix("/v1.0")
        if path == "/subscriptions" and method == "POST":
            sub = dict(body, id=str(uuid.uuid4()))
            sub.pop("clientState", None)
            self.subscriptions[sub["id"]] = sub
            return 201, sub
        if path.startswith("/subscriptions/"):
            return self._subscription(method, path.split("/")[2:], body)
        if path.endswith(("/messages/delta", "/messages/delta()")):
            return self._delta(path, query)
        if path.removesuffix("()").endswith("/chats/getAllMessages"):
            return self._user_chat_messages(path, query)
        key = path.lstrip("/")
        if key in self.messages:
            if method == "GET":
                return 200, self.messages[key]
            if method == "PATCH":
                return 204, None
        return 404, {"error": {"code": "NotFound", "message": "no such resource"}}

    def _subscription(self, method: str, parts: list[str], body: Any) -> tuple[int, Any]:
        sub = self.subscriptions.get(parts[0])
        if sub is None:
            return 404, {"error": {"code": "ResourceNotFound", "message": "gone"}}
        if method == "PATCH":
            sub.update(body)
            return 200, sub
        if method == "DELETE":
            del self.subscriptions[parts[0]]
            return 204, None
        if len(parts) > 1 and parts[1] == "reauthorize":
            return 204, None
        return 200, sub

    def put_message(self, message: dict[str, Any]) -> str:
        """Store a chatMessage where the SDK will GET it; return its resource path."""
        if message.get("chatId"):
            key = f"chats/{message['chatId']}/messages/{message['id']}"
        else:
            ident = message["channelIdentity"]
            key = f"teams/{ident['teamId']}/channels/{ident['channelId']}/messages/{message['id']}"
        self.messages[key] = message
        return key

    def set_delta(self, team_id: str, channel_id: str, pages: list[list[dict[str, Any]]]) -> None:
        self.delta_pages[f"{team_id}/{channel_id}"] = pages

    def _delta(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        parts = path.strip("/").split("/")  # teams/T/channels/C/messages/delta
        pages = self.delta_pages.get(f"{parts[1]}/{parts[3]}", [[]])
        index = int(query.get("page", ["0"])[0])
        link = f"{self.base_url}{path}"
        body: dict[str, Any] = {"value": pages[index] if index < len(pages) else []}
        if index + 1 < len(pages):
            body["@odata.nextLink"] = f"{link}?page={index + 1}"
        else:
            body["@odata.deltaLink"] = f"{link}?page={len(pages)}&deltatoken=final"
        return 200, body

    def add_chat(self, chat_id: str, members: list[str], messages: list[dict[str, Any]]) -> None:
        """A chat with these members; its messages show in each member's export."""
        self.chat_members.setdefault(chat_id, set()).update(members)
        for message in messages:
            self.chat_messages.append(dict(message, chatId=chat_id))

    def _user_chat_messages(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        """GET /users/{id}/chats/getAllMessages: $filter on lastModifiedDateTime (gt, lt),
        $top at most 50, paged by @odata.nextLink ($skiptoken), in modification order."""
        user_id = path.strip("/").split("/")[1]
        if not any(user_id in members for members in self.chat_members.values()):
            return 404, {"error": {"code": "Request_ResourceNotFound", "message": "no user"}}
        top = int(query.get("$top", ["20"])[0])
        if top > 50:
            return 400, {"error": {"code": "BadRequest", "message": "$top is at most 50"}}
        bounds = re.findall(r"lastModifiedDateTime (gt|lt) (\S+)", query.get("$filter", [""])[0])
        chats = {chat for chat, members in self.chat_members.items() if user_id in members}
        found = sorted(
            (
                m
                for m in self.chat_messages
                if m["chatId"] in chats and _within(_moment(m["lastModifiedDateTime"]), bounds)
            ),
            key=lambda m: _moment(m["lastModifiedDateTime"]),
        )
        start = int(query.get("$skiptoken", ["0"])[0])
        body: dict[str, Any] = {"value": found[start : start + top]}
        if start + top < len(found):
            params = {k: v[0] for k, v in query.items() if k != "$skiptoken"}
            params["$skiptoken"] = str(start + top)
            body["@odata.nextLink"] = f"{self.base_url}{path}?{urlencode(params, quote_via=quote)}"
        return 200, body

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        graph = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return None

            def _serve(self) -> None:
                parts = urlsplit(self.path)
                path = unquote(parts.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                graph.requests.append(
                    Recorded(
                        self.command,
                        path,
                        parse_qs(parts.query),
                        body,
                        self.headers.get("Authorization"),
                    )
                )
                failure = graph._take_failure(self.command, path)
                if failure is not None and failure[0]:
                    status, headers = failure
                    payload: Any = {"error": {"code": "TooManyRequests", "message": "slow down"}}
                else:
                    headers = {}
                    status, payload = graph.handle(self.command, path, parse_qs(parts.query), body)
                data = json.dumps(payload).encode() if payload is not None else b""
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name.replace("_", "-"), value)
                if data:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_DELETE = _serve  # noqa: N815

        return Handler
