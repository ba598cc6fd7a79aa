from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select

from procta.auth import tokens
from procta.orgs.models import ApiKey, Invite
from tests.factories import Account, invite_and_join, sign_up

ORG = "/api/v1/orgs/current"


@pytest.fixture
def bearer(app: Any) -> Iterator[Any]:
    """A plain HTTP client, as a script would use: no cookies, no CSRF header."""

    def make(key: str) -> AsyncClient:
        return AsyncClient(
            transport=ASGITransport(app=app),
            base_url="http://testserver",
            headers={"Authorization": f"Bearer {key}"},
        )

    yield make


async def create_key(admin: Account, name: str = "Gradebook sync") -> dict[str, Any]:
    response = await admin.browser.post(f"{ORG}/api-keys", json={"name": name})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_key_is_shown_once_and_stored_hashed(browser: Any, db: Any) -> None:
    admin = await sign_up(browser)
    created = await create_key(admin)
    key = created["key"]
    assert key.startswith("pk_") and len(key) > 30
    assert created["name"] == "Gradebook sync"
    assert created["prefix"] == key[:10]
    assert created["revoked_at"] is None and created["last_used_at"] is None

    listed = (await admin.browser.get(f"{ORG}/api-keys")).json()
    assert [k["id"] for k in listed] == [created["id"]]
    assert "key" not in listed[0]
    assert key not in (await admin.browser.get(f"{ORG}/api-keys")).text

    row = (await db.execute(select(ApiKey).where(ApiKey.id == created["id"]))).scalar_one()
    assert row.org_id == admin.org_id
    assert row.key_hash != key
    assert key not in row.key_hash
    assert row.key_hash == tokens.digest(key)
    assert row.prefix == key[:10]


async def test_bearer_key_reads_and_writes_without_csrf(
    browser: Any, bearer: Any, outbox: Any, db: Any
) -> None:
    admin = await sign_up(browser)
    key = (await create_key(admin))["key"]
    async with bearer(key) as client:
        members = await client.get(f"{ORG}/members")
        assert members.status_code == 200, members.text
        assert [m["user_id"] for m in members.json()] == [admin.user_id]
        assert (await client.get(ORG)).json()["id"] == admin.org_id

        invited = await client.post(f"{ORG}/invites", json={"email": "scripted@school.example"})
        assert invited.status_code == 201, invited.text
        assert invited.json()["invited_by"] is None
    assert "/invite/" in outbox.body(outbox.last_to("scripted@school.example"))
    row = (
        await db.execute(select(Invite).where(Invite.email == "scripted@school.example"))
    ).scalar_one()
    assert row.org_id == admin.org_id

    listed = (await admin.browser.get(f"{ORG}/api-keys")).json()
    assert listed[0]["last_used_at"] is not None
    log = (await admin.browser.get(f"{ORG}/audit-log")).json()
    invited_entry = next(e for e in log if e["action"] == "org.member_invited")
    assert invited_entry["actor_email"].startswith("api")


async def test_bad_or_revoked_keys_are_refused(browser: Any, bearer: Any) -> None:
    admin = await sign_up(browser)
    created = await create_key(admin)
    key = created["key"]
    for garbage in ("pk_not-a-real-key-at-all", "nonsense", key + "x", key[:-1]):
        async with bearer(garbage) as client:
            response = await client.get(f"{ORG}/members")
        assert response.status_code == 401, garbage
        assert response.json()["error"]["code"] == "invalid_api_key"

    async with bearer(key) as client:
        assert (await client.get(f"{ORG}/members")).status_code == 200
        revoked = await admin.browser.delete(f"{ORG}/api-keys/{created['id']}")
        assert revoked.status_code == 204
        after = await client.get(f"{ORG}/members")
        assert after.status_code == 401
        assert after.json()["error"]["code"] == "invalid_api_key"
        write = await client.post(f"{ORG}/invites", json={"email": "x@school.example"})
        assert write.status_code == 401

    listed = (await admin.browser.get(f"{ORG}/api-keys")).json()
    assert listed[0]["revoked_at"] is not None
    assert (await admin.browser.delete(f"{ORG}/api-keys/{created['id']}")).status_code == 404


async def test_an_api_key_cannot_manage_api_keys(browser: Any, bearer: Any) -> None:
    admin = await sign_up(browser)
    created = await create_key(admin)
    async with bearer(created["key"]) as client:
        make = await client.post(f"{ORG}/api-keys", json={"name": "escalate"})
        assert make.status_code == 403
        assert make.json()["error"]["code"] == "user_required"
        revoke = await client.delete(f"{ORG}/api-keys/{created['id']}")
        assert revoke.status_code == 403
        assert revoke.json()["error"]["code"] == "user_required"
    listed = (await admin.browser.get(f"{ORG}/api-keys")).json()
    assert [(k["name"], k["revoked_at"]) for k in listed] == [("Gradebook sync", None)]


async def test_a_teacher_cannot_create_keys(new_browser: Any, outbox: Any) -> None:
    admin = await sign_up(new_browser())
    teacher = await invite_and_join(admin, new_browser(), outbox)
    response = await teacher.browser.post(f"{ORG}/api-keys", json={"name": "mine"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert (await admin.browser.get(f"{ORG}/api-keys")).json() == []

    # an admin (not only the owner) may
    other_admin = await invite_and_join(admin, new_browser(), outbox, role="admin")
    assert (await create_key(other_admin, "by admin"))["name"] == "by admin"
