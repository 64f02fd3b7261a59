"""Helpers shared by the CRM tests: create records over the API and read them back."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

# A made-up, well-formed AWS key pair (AWS's documented example is skipped by detectors).
AWS_ACCESS_KEY_ID = "AKIA4QX7ZP2LMNJRT3VW"
AWS_SECRET_ACCESS_KEY = "h7Rk2pQ9xVb4Lm8Nw3Zt6Yc1Fs5Jd0Ga+Ue/KoPi"


async def create(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], **body: Any
) -> dict[str, Any]:
    response = await client.post(f"/api/v1/{path}", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def company(
    client: httpx.AsyncClient, headers: dict[str, str], **body: Any
) -> dict[str, Any]:
    body.setdefault("name", f"Company {uuid.uuid4().hex[:6]}")
    return await create(client, "companies", headers, **body)


async def contact(
    client: httpx.AsyncClient, headers: dict[str, str], **body: Any
) -> dict[str, Any]:
    body.setdefault("first_name", "Ada")
    body.setdefault("last_name", f"Lovelace-{uuid.uuid4().hex[:4]}")
    return await create(client, "contacts", headers, **body)


async def deal(client: httpx.AsyncClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("title", f"Deal {uuid.uuid4().hex[:6]}")
    body.setdefault("amount", "1000.00")
    body.setdefault("currency", "EUR")
    return await create(client, "deals", headers, **body)


async def note(client: httpx.AsyncClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("type", "note")
    body.setdefault("body", "Spoke about the renewal.")
    return await create(client, "activities", headers, **body)


async def all_pages(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], **params: Any
) -> list[dict[str, Any]]:
    """Follow next_cursor to the end of a list."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = dict(params) | ({"cursor": cursor} if cursor else {})
        response = await client.get(f"/api/v1/{path}", params=query, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
