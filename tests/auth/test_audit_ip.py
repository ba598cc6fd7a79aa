from __future__ import annotations

from typing import Any

from tests.factories import sign_up


async def test_org_audit_entries_carry_the_client_address(new_browser: Any) -> None:
    account = await sign_up(new_browser(ip="203.0.113.9"))
    await account.browser.post(
        "/api/v1/orgs/current/invites", json={"email": "x@audit.example", "role": "teacher"}
    )
    log = (await account.browser.get("/api/v1/orgs/current/audit-log")).json()
    invited = next(e for e in log if e["action"] == "org.member_invited")
    assert invited["ip"] == "203.0.113.9"
