"""The one msgraph-sdk GraphServiceClient, and the few Graph calls the ingestion needs.

The client is built once at start-up. Its base URL comes from the settings and is set on the
request adapter (an httpx base_url would gain a trailing slash and break every path), so
tests run the real SDK, with its retry middleware, against a local fake Graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from kiota_abstractions.api_error import APIError
from kiota_abstractions.base_request_configuration import RequestConfiguration
from kiota_authentication_azure.azure_identity_authentication_provider import (
    AzureIdentityAuthenticationProvider,
)
from msgraph.generated.models.chat_message import ChatMessage
from msgraph.generated.models.chat_message_policy_violation import ChatMessagePolicyViolation
from msgraph.generated.models.chat_message_policy_violation_dlp_action_types import (
    ChatMessagePolicyViolationDlpActionTypes,
)
from msgraph.generated.models.chat_message_policy_violation_policy_tip import (
    ChatMessagePolicyViolationPolicyTip,
)
from msgraph.generated.models.subscription import Subscription
from msgraph.generated.teams.item.channels.item.messages.delta.delta_request_builder import (
    DeltaRequestBuilder,
)
from msgraph.generated.users.item.chats.get_all_messages.get_all_messages_request_builder import (
    GetAllMessagesRequestBuilder,
)
from msgraph.graph_request_adapter import GraphRequestAdapter
from msgraph.graph_service_client import GraphServiceClient
from msgraph_core import GraphClientFactory

from backend.app.adapters.graph_crypto import EncryptionCertificate
from backend.app.metrics import GRAPH_REQUESTS, GRAPH_THROTTLED

_CHANNEL = re.compile(r"teams\('([^']+)'\)/channels\('([^']+)'\)/messages\('([^']+)'\)")
_REPLY = re.compile(r"/replies\('([^']+)'\)")
_CHAT = re.compile(r"chats\('([^']+)'\)/messages\('([^']+)'\)")
# The export APIs' payment model: A is the one for security and compliance apps
# (protected API; not metered since 2025-08, still sent until a tenant shows otherwise).
EXPORT_PAYMENT_MODEL = "A"


class GraphError(Exception):
    """Graph answered with an error (after the SDK's own retries)."""

    def __init__(self, status: int | None, message: str) -> None:
        super().__init__(message)
        self.status = status


class MeteredTransport(httpx.AsyncBaseTransport):
    """Counts every attempt, retries included, so throttling shows in the metrics."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        GRAPH_REQUESTS.labels(method=request.method, status=str(response.status_code)).inc()
        if response.status_code in (429, 503, 504):
            GRAPH_THROTTLED.labels(status=str(response.status_code)).inc()
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def build_graph_client(
    credential: Any, *, base_url: str, timeout: float = 30.0
) -> tuple[GraphServiceClient, httpx.AsyncClient]:
    """The SDK client over our own httpx client (default middleware: retries, redirects)."""
    host = urlsplit(base_url).hostname or "graph.microsoft.com"
    auth = AzureIdentityAuthenticationProvider(credential, allowed_hosts=[host])
    http = httpx.AsyncClient(
        transport=MeteredTransport(httpx.AsyncHTTPTransport()), timeout=timeout
    )
    http = GraphClientFactory.create_with_default_middleware(client=http)
    adapter = GraphRequestAdapter(auth, client=http)
    adapter.base_url = base_url.rstrip("/")
    return GraphServiceClient(request_adapter=adapter), http


@dataclass(frozen=True)
class DeltaPage:
    """One page of messages: a channel's delta, or a user's chat export (no delta link)."""

    messages: list[ChatMessage]
    next_link: str | None
    delta_link: str | None


def _error(exc: APIError) -> GraphError:
    return GraphError(exc.response_status_code, f"graph error {exc.response_status_code}")


async def _get_page(builder: Any, url: str | None, query: Any) -> Any:
    """A page of a paged request: the first with ``query``, or the one a link names."""
    try:
        if url:
            response = await builder.with_url(url).get()
        else:
            response = await builder.get(RequestConfiguration(query_parameters=query))
    except APIError as exc:
        raise _error(exc) from exc
    if response is None:
        raise GraphError(None, "graph returned no page")
    return response


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class GraphGateway:
    """Subscriptions, delta, chat export, message fetch and policy-violation marking (the SDK)."""

    def __init__(self, client: GraphServiceClient, http: httpx.AsyncClient) -> None:
        self.client = client
        self._http = http

    async def close(self) -> None:
        await self._http.aclose()

    async def create_subscription(
        self,
        *,
        resource: str,
        change_type: str,
        notification_url: str,
        lifecycle_url: str,
        expires_at: datetime,
        client_state: str,
        certificate: EncryptionCertificate | None,
    ) -> Subscription:
        body = Subscription(
            change_type=change_type,
            notification_url=notification_url,
            lifecycle_notification_url=lifecycle_url,
            resource=resource,
            expiration_date_time=expires_at,
            client_state=client_state,
            include_resource_data=certificate is not None,
        )
        if certificate is not None:
            body.encryption_certificate = certificate.certificate_b64
            body.encryption_certificate_id = certificate.cert_id
        try:
            created = await self.client.subscriptions.post(body)
        except APIError as exc:
            raise _error(exc) from exc
        if created is None or not created.id:
            raise GraphError(None, "graph returned no subscription")
        return created

    async def renew_subscription(
        self,
        subscription_id: str,
        *,
        expires_at: datetime,
        certificate: EncryptionCertificate | None,
    ) -> Subscription | None:
        body = Subscription(expiration_date_time=expires_at)
        if certificate is not None:
            # A renewal is also how a rotated certificate reaches Graph.
            body.encryption_certificate = certificate.certificate_b64
            body.encryption_certificate_id = certificate.cert_id
        try:
            return await self.client.subscriptions.by_subscription_id(subscription_id).patch(body)
        except APIError as exc:
            raise _error(exc) from exc

    async def reauthorize_subscription(self, subscription_id: str) -> None:
        try:
            await self.client.subscriptions.by_subscription_id(subscription_id).reauthorize.post()
        except APIError as exc:
            raise _error(exc) from exc

    async def delete_subscription(self, subscription_id: str) -> None:
        try:
            await self.client.subscriptions.by_subscription_id(subscription_id).delete()
        except APIError as exc:
            if exc.response_status_code != 404:
                raise _error(exc) from exc

    async def channel_delta(
        self,
        *,
        team_id: str,
        channel_id: str,
        url: str | None,
        since: datetime | None,
        page_size: int,
    ) -> DeltaPage:
        """One page of a channel's delta: from ``url`` (next or delta link) or a first sync."""
        messages = self.client.teams.by_team_id(team_id).channels.by_channel_id(channel_id)
        query = DeltaRequestBuilder.DeltaRequestBuilderGetQueryParameters(
            top=min(page_size, 50), expand=["replies"]
        )
        if since is not None:
            query.filter = f"lastModifiedDateTime gt {_stamp(since)}"
        response = await _get_page(messages.messages.delta, url, query)
        return DeltaPage(
            messages=list(response.value or []),
            next_link=response.odata_next_link,
            delta_link=response.odata_delta_link,
        )

    async def user_chat_messages(
        self,
        *,
        user_id: str,
        url: str | None,
        since: datetime,
        until: datetime,
        page_size: int,
    ) -> DeltaPage:
        """One page of a user's chat messages modified within (since, until), or from ``url``."""
        builder = self.client.users.by_user_id(user_id).chats.get_all_messages
        window = " and ".join(
            f"lastModifiedDateTime {op} {_stamp(moment)}"
            for op, moment in (("gt", since), ("lt", until))
        )
        query = GetAllMessagesRequestBuilder.GetAllMessagesRequestBuilderGetQueryParameters(
            top=min(page_size, 50), filter=window, model=EXPORT_PAYMENT_MODEL
        )
        response = await _get_page(builder, url, query)
        return DeltaPage(
            messages=list(response.value or []), next_link=response.odata_next_link, delta_link=None
        )

    def _message_builder(self, resource: str) -> Any:
        channel, chat = _CHANNEL.search(resource), _CHAT.search(resource)
        if channel:
            team_id, channel_id, message_id = channel.groups()
            builder = (
                self.client.teams.by_team_id(team_id)
                .channels.by_channel_id(channel_id)
                .messages.by_chat_message_id(message_id)
            )
            reply = _REPLY.search(resource)
            return builder.replies.by_chat_message_id1(reply.group(1)) if reply else builder
        if chat:
            chat_id, message_id = chat.groups()
            return self.client.chats.by_chat_id(chat_id).messages.by_chat_message_id(message_id)
        raise GraphError(None, "unsupported resource path")

    async def get_message(self, resource: str) -> ChatMessage | None:
        """Fetch the message a basic notification points to; None once it is gone (404)."""
        try:
            message: ChatMessage | None = await self._message_builder(resource).get()
        except APIError as exc:
            if exc.response_status_code == 404:
                return None
            raise _error(exc) from exc
        return message

    async def mark_policy_violation(
        self, resource: str, *, tip: str, conditions: list[str]
    ) -> None:
        """Hide the message from everyone but the sender: Teams' DLP ``policyViolation``."""
        violation = ChatMessagePolicyViolation(
            dlp_action=ChatMessagePolicyViolationDlpActionTypes.BlockAccess,
            policy_tip=ChatMessagePolicyViolationPolicyTip(
                general_text=tip, matched_condition_descriptions=conditions
            ),
        )
        try:
            await self._message_builder(resource).patch(ChatMessage(policy_violation=violation))
        except APIError as exc:
            raise _error(exc) from exc
