"""Plain factory functions that act through the HTTP API, as a user would."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery-42"


@dataclass
class Account:
    browser: Any
    email: str
    password: str
    user_id: str
    org_id: str | None


async def sign_up(browser: Any, org_name: str | None = None, **overrides: str) -> Account:
    n = next(_seq)
    body = {
        "org_name": org_name or f"School {n}",
        "name": f"Teacher {n}",
        "email": f"teacher{n}@school{n}.example",
        "password": PASSWORD,
        **overrides,
    }
    response = await browser.post("/api/v1/auth/signup", json=body)
    assert response.status_code == 201, response.text
    me = response.json()
    return Account(
        browser, body["email"], body["password"], me["user"]["id"], me["current_org"]["id"]
    )


async def invite_and_join(
    admin: Account, browser: Any, outbox: Any, role: str = "teacher", name: str = "New Teacher"
) -> Account:
    n = next(_seq)
    email = f"invitee{n}@school.example"
    response = await admin.browser.post(
        "/api/v1/orgs/current/invites", json={"email": email, "role": role}
    )
    assert response.status_code == 201, response.text
    token = outbox.link_for(email, "/invite/")
    joined = await browser.post(
        f"/api/v1/invites/{token}/accept", json={"name": name, "password": PASSWORD}
    )
    assert joined.status_code == 200, joined.text
    me = joined.json()
    return Account(browser, email, PASSWORD, me["user"]["id"], me["current_org"]["id"])
