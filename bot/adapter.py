"""The one module that imports the Bot Framework SDK (ADR-0005): hosting, auth and outbound calls.

Everything else in bot/ sees plain dicts and the small ports in bot/ports.py, so replacing
botbuilder with the Teams SDK is a change to this file only.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from botbuilder.core import BotAdapter, CloudAdapterBase, InvokeResponse, TurnContext
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    ChannelAccount,
    ConversationParameters,
    ConversationReference,
)
from botframework.connector import ConnectorClient
from botframework.connector.auth import (
    AuthenticationConfiguration,
    BotFrameworkAuthentication,
    BotFrameworkAuthenticationFactory,
    ClaimsIdentity,
    MicrosoftAppCredentials,
    PasswordServiceClientCredentialFactory,
)
from botframework.connector.auth.authenticate_request_result import AuthenticateRequestResult
from botframework.connector.auth.connector_factory import ConnectorFactory
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor
from msal import ConfidentialClientApplication
from msrest.exceptions import ClientRequestError, HttpOperationError
from msrest.pipeline import Request, Response
from msrest.pipeline.async_abc import AsyncHTTPPolicy, AsyncHTTPSender, AsyncPipeline
from msrest.pipeline.universal import RawDeserializer
from msrest.serialization import Model
from msrest.universal_http import ClientRequest
from msrest.universal_http.async_abc import AsyncClientResponse

from bot.pacing import ConversationPacer, OutboundFailed, retry_after_seconds
from bot.ports import BotLogic, InvokeReply

log = logging.getLogger("nova.bot.adapter")


@dataclass(frozen=True)
class AdapterConfig:
    app_id: str
    app_password: str
    tenant_id: str | None
    allow_anonymous: bool
    openid_metadata_url: str
    token_issuer: str
    login_url: str
    oauth_scope: str
    max_429_retries: int = 3
    max_retry_after_seconds: float = 30.0
    msal_http_client: Any = None  # tests point MSAL at a local fake Entra


class AuthenticationRefused(Exception):
    """The request's Bot Framework token did not validate: the answer is 401."""


class CachingCredentialFactory(PasswordServiceClientCredentialFactory):  # type: ignore[misc]
    """One credentials object (and so one MSAL token cache) per app and scope, for every turn."""

    def __init__(self, config: AdapterConfig) -> None:
        super().__init__(config.app_id or None, config.app_password, config.tenant_id)
        self._allow_anonymous = config.allow_anonymous
        self._http_client = config.msal_http_client
        self._cache: dict[tuple[str, str, str], Any] = {}

    def use_http_client(self, http_client: Any) -> None:
        """Send MSAL's token requests through this client (tests: a local fake Entra)."""
        self._http_client = http_client
        self._cache.clear()

    async def is_authentication_disabled(self) -> bool:
        # Anonymous only for the local Playground, and only when explicitly allowed.
        return not self.app_id and self._allow_anonymous

    async def create_credentials(
        self, app_id: str, oauth_scope: str, login_endpoint: str, validate_authority: bool
    ) -> Any:
        if await self.is_authentication_disabled():
            return MicrosoftAppCredentials.empty()
        key = (app_id, oauth_scope or "", login_endpoint or "")
        credentials = self._cache.get(key)
        if credentials is None:
            credentials = await super().create_credentials(
                app_id, oauth_scope, login_endpoint, validate_authority
            )
            credentials.app = ConfidentialClientApplication(
                client_id=app_id,
                client_credential=self.password,
                authority=credentials.oauth_endpoint,
                http_client=self._http_client,
                instance_discovery=self._http_client is None,
            )
            self._cache[key] = credentials
        return credentials


class _HttpxResponse(AsyncClientResponse):
    """An httpx response in the shape msrest's deserializers read."""

    def __init__(self, request: ClientRequest, response: httpx.Response) -> None:
        super().__init__(request, response)
        self.status_code = response.status_code
        self.headers = response.headers
        self.reason = response.reason_phrase
        self._body = response.content

    def body(self) -> bytes:
        return self._body


class _HttpxSender(AsyncHTTPSender[ClientRequest, _HttpxResponse]):
    """msrest's transport on the event loop (one shared httpx client, keep-alive).

    The SDK's default sends each call with ``requests`` on a worker thread: a thread hop and a
    second HTTP stack per message, a large share of a turn's CPU.
    """

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def __aenter__(self) -> _HttpxSender:
        return self

    async def __aexit__(self, *exc_details: object) -> None:
        return None

    async def send(
        self, request: Request[ClientRequest], **config: Any
    ) -> Response[ClientRequest, _HttpxResponse]:
        outgoing: ClientRequest = request.http_request
        try:
            answer = await self._http.request(
                outgoing.method, outgoing.url, headers=outgoing.headers, content=outgoing.data
            )
        except httpx.HTTPError as exc:
            raise ClientRequestError(f"{type(exc).__name__} calling the Bot Connector") from exc
        return Response(request, _HttpxResponse(outgoing, answer))


class _BearerPolicy(AsyncHTTPPolicy[ClientRequest, Any]):
    """Adds the bot's outbound token, as the SDK's credentials do for a requests session."""

    def __init__(self, credentials: Any) -> None:
        super().__init__()
        self._credentials = credentials

    async def send(
        self, request: Request[ClientRequest], **kwargs: Any
    ) -> Response[ClientRequest, Any]:
        if self._credentials is not None and self._credentials.microsoft_app_id:
            # MSAL answers from its cache; it calls Entra only when the token nears expiry.
            token = self._credentials.get_access_token()
            request.http_request.headers["Authorization"] = f"Bearer {token}"
        assert self.next is not None  # the pipeline always ends with the sender
        return await self.next.send(request, **kwargs)


def _on_event_loop(client: ConnectorClient, http: httpx.AsyncClient) -> None:
    """Replace a connector client's transport; requests, retries and threads go away."""
    config = client.config
    config.pipeline = AsyncPipeline(
        [
            config.user_agent_policy,
            _BearerPolicy(config.credentials),
            RawDeserializer(),
            config.http_logger_policy,
        ],
        _HttpxSender(http),
    )


class _NoRetryConnectorFactory(ConnectorFactory):  # type: ignore[misc]
    """Connector clients on our transport, one per service URL and audience.

    The transport never retries: msrest's default retries POSTs on 5xx, and a message POST must
    never be retried blindly (429 is retried by ``paced``, after Retry-After). Reusing the
    client keeps its HTTP connections alive instead of opening one per turn.
    """

    def __init__(
        self, inner: ConnectorFactory, clients: dict[tuple[str, str], Any], http: httpx.AsyncClient
    ) -> None:
        self._inner = inner
        self._clients = clients
        self._http = http

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        key = (service_url, audience or "")
        client = self._clients.get(key)
        if client is None:
            client = await self._inner.create(service_url, audience)
            _on_event_loop(client, self._http)
            if len(self._clients) > 1000:  # service URLs are few; never grow without bound
                self._clients.clear()
            self._clients[key] = client
        return client


class _NoRetryAuthentication(BotFrameworkAuthentication):  # type: ignore[misc]
    """The SDK's authentication, with shared connector clients and user token clients."""

    def __init__(self, inner: BotFrameworkAuthentication) -> None:
        self._inner = inner
        self._clients: dict[tuple[str, str], Any] = {}
        self._token_clients: dict[str, Any] = {}
        self.http = httpx.AsyncClient(timeout=httpx.Timeout(30.0, connect=5.0))

    async def authenticate_request(
        self, activity: Activity, auth_header: str | None
    ) -> AuthenticateRequestResult:
        result = await self._inner.authenticate_request(activity, auth_header)
        if result.connector_factory is not None:
            result.connector_factory = _NoRetryConnectorFactory(
                result.connector_factory, self._clients, self.http
            )
        return result

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        return _NoRetryConnectorFactory(
            self._inner.create_connector_factory(claims_identity), self._clients, self.http
        )

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> Any:
        # Built per turn by the SDK though it only depends on the app id; built once here.
        app_id = str(claims_identity.claims.get("appid") or claims_identity.claims.get("aud") or "")
        client = self._token_clients.get(app_id)
        if client is None:
            client = await self._inner.create_user_token_client(claims_identity)
            self._token_clients[app_id] = client
        return client

    def get_originating_audience(self) -> str:
        return str(self._inner.get_originating_audience())

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        return await self._inner.authenticate_channel_request(auth_header)

    async def authenticate_streaming_request(self, auth_header: str, channel_id_header: str) -> Any:
        return await self._inner.authenticate_streaming_request(auth_header, channel_id_header)

    def create_bot_framework_client(self) -> Any:
        return self._inner.create_bot_framework_client()


def forget_metadata() -> None:
    """Drop the SDK's process-wide OpenID metadata cache (tests switch key sets)."""
    JwtTokenExtractor.metadataCache.clear()


def build_authentication(
    config: AdapterConfig, factory: CachingCredentialFactory
) -> _NoRetryAuthentication:
    """The parameterized SDK path, driven by settings so every Microsoft URL can be replaced."""
    login = f"{config.login_url.rstrip('/')}/{config.tenant_id or 'botframework.com'}"
    inner = BotFrameworkAuthenticationFactory.create(
        to_channel_from_bot_login_url=login,
        to_channel_from_bot_oauth_scope=config.oauth_scope,
        to_bot_from_channel_token_issuer=config.token_issuer,
        to_bot_from_channel_open_id_metadata_url=config.openid_metadata_url,
        to_bot_from_emulator_open_id_metadata_url=config.openid_metadata_url,
        caller_id="urn:botframework:azure",
        credential_factory=factory,
        auth_configuration=AuthenticationConfiguration(),
    )
    return _NoRetryAuthentication(inner)


class _SdkTurn:
    """The Turn port over a TurnContext: plain dicts in and out."""

    def __init__(self, adapter: NovaCloudAdapter, context: TurnContext, raw: dict[str, Any]):
        self._adapter = adapter
        self._context = context
        self.activity = raw

    async def send(self, activity: dict[str, Any]) -> str | None:
        outgoing = Activity().deserialize(activity)
        conversation_id = self._context.activity.conversation.id
        return await self._adapter.paced(
            conversation_id, lambda: self._context.send_activity(outgoing)
        )

    async def update(self, activity_id: str, activity: dict[str, Any]) -> None:
        outgoing = Activity().deserialize(activity)
        outgoing.id = activity_id
        outgoing.conversation = self._context.activity.conversation
        await self._adapter.paced(
            self._context.activity.conversation.id,
            lambda: self._context.update_activity(outgoing),
        )


class NovaCloudAdapter(CloudAdapterBase):  # type: ignore[misc]
    """Hosts the bot in FastAPI: authenticate first (401 on any failure), then run the turn."""

    def __init__(self, config: AdapterConfig, logic: BotLogic) -> None:
        self.credentials = CachingCredentialFactory(config)
        self._authentication = build_authentication(config, self.credentials)
        super().__init__(self._authentication)
        self.config = config
        self.logic = logic
        self.pacer = ConversationPacer()
        self.on_turn_error = self._on_error

    async def _on_error(self, context: TurnContext, error: Exception) -> None:
        log.exception("unhandled bot error", exc_info=error)
        raise error

    async def close(self) -> None:
        """Close the outbound HTTP connections."""
        await self._authentication.http.aclose()

    async def warm_up(self) -> None:
        """Fetch the OpenID metadata and signing keys now, off the event loop."""
        metadata = JwtTokenExtractor.get_open_id_metadata(self.config.openid_metadata_url)
        await asyncio.to_thread(lambda: asyncio.run(metadata._refresh()))

    async def authenticate(self, body: dict[str, Any], auth_header: str | None) -> Any:
        """Validate the request's token against the activity; AuthenticationRefused on failure."""
        activity = Activity().deserialize(body)
        if not activity.type:
            raise ValueError("the activity has no type")
        try:
            # The SDK does blocking key fetches inside; keys are warmed at start-up.
            result = await self.bot_framework_authentication.authenticate_request(
                activity, auth_header or None
            )
        except Exception as exc:
            # The SDK raises PermissionError, jwt errors, IndexError, AttributeError...
            raise AuthenticationRefused(type(exc).__name__) from exc
        return activity, result

    async def run_turn(self, activity: Any, auth: Any, raw: dict[str, Any]) -> InvokeReply | None:
        """Run one authenticated turn; an invoke's reply becomes the HTTP response body."""

        async def logic(context: TurnContext) -> None:
            reply = await self.logic(_SdkTurn(self, context, raw))
            if reply is not None:
                context.turn_state[BotAdapter._INVOKE_RESPONSE_KEY] = Activity(
                    type=ActivityTypes.invoke_response,
                    value=InvokeResponse(status=reply.status, body=reply.body),
                )

        response = await self.process_activity(auth, activity, logic)
        if response is None:
            return None
        body = response.body
        if isinstance(body, Model):
            body = body.serialize()  # type: ignore[no-untyped-call]
        return InvokeReply(status=response.status, body=body)

    async def paced(self, conversation_id: str, call: Callable[[], Awaitable[Any]]) -> str | None:
        """Send at Teams' pace for this conversation; retry 429 only, after Retry-After."""
        attempt = 0
        while True:
            await self.pacer.acquire(conversation_id)
            try:
                result = await call()
            except HttpOperationError as exc:
                status = exc.response.status_code if exc.response is not None else 0
                if status == 429 and attempt < self.config.max_429_retries:
                    attempt += 1
                    delay = retry_after_seconds(exc.response.headers.get("Retry-After"), attempt)
                    await asyncio.sleep(min(delay, self.config.max_retry_after_seconds))
                    continue
                raise OutboundFailed(status, conversation_id) from exc
            except ClientRequestError as exc:  # no answer at all: refused, reset, timed out
                raise OutboundFailed(0, conversation_id) from exc
            return getattr(result, "id", None) if result is not None else None

    async def post(self, reference: dict[str, Any], activity: dict[str, Any]) -> str | None:
        """Post a new message into a stored conversation (proactive)."""
        posted: list[str | None] = []

        async def callback(context: TurnContext) -> None:
            context.activity.id = None  # a new message in the conversation, not a reply
            outgoing = Activity().deserialize(activity)
            posted.append(
                await self.paced(
                    context.activity.conversation.id, lambda: context.send_activity(outgoing)
                )
            )

        await self.continue_conversation(
            ConversationReference().deserialize(reference), callback, bot_app_id=self._app_id
        )
        return posted[0] if posted else None

    async def update(
        self, reference: dict[str, Any], activity_id: str, activity: dict[str, Any]
    ) -> None:
        """Replace a message the bot posted earlier (alert cards)."""

        async def callback(context: TurnContext) -> None:
            outgoing = Activity().deserialize(activity)
            outgoing.id = activity_id
            outgoing.conversation = context.activity.conversation
            await self.paced(
                context.activity.conversation.id, lambda: context.update_activity(outgoing)
            )

        await self.continue_conversation(
            ConversationReference().deserialize(reference), callback, bot_app_id=self._app_id
        )

    async def create_personal(
        self, reference: dict[str, Any], user_id: str, activity: dict[str, Any]
    ) -> tuple[dict[str, Any], str | None]:
        """Open (or reuse) the 1:1 chat with a user and post into it."""
        base = ConversationReference().deserialize(reference)
        parameters = ConversationParameters(
            is_group=False,
            bot=base.bot,
            members=[ChannelAccount(id=user_id)],
            tenant_id=base.conversation.tenant_id if base.conversation else None,
            channel_data={"tenant": {"id": base.conversation.tenant_id}}
            if base.conversation
            else None,
        )
        result: list[tuple[dict[str, Any], str | None]] = []

        async def callback(context: TurnContext) -> None:
            context.activity.id = None
            outgoing = Activity().deserialize(activity)
            new_reference = TurnContext.get_conversation_reference(context.activity)
            sent = await self.paced(
                context.activity.conversation.id, lambda: context.send_activity(outgoing)
            )
            result.append((new_reference.serialize(), sent))

        await self.create_conversation(
            self._app_id, callback, parameters, base.channel_id or "msteams", base.service_url
        )
        return result[0]

    @property
    def _app_id(self) -> str:
        return self.config.app_id
