from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from procta.auth.models import TwoFactorChallenge
from procta.db import utcnow
from tests.factories import sign_up


async def enable_2fa(account: Any, outbox: Any) -> None:
    assert (await account.browser.post("/api/v1/auth/two-factor/enable")).status_code == 202
    code = outbox.code_for(account.email)
    me = await account.browser.post("/api/v1/auth/two-factor/enable/confirm", json={"code": code})
    assert me.status_code == 200, me.text
    assert me.json()["user"]["two_factor_enabled"] is True


async def start_login(browser: Any, account: Any) -> str:
    r = await browser.post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    body = r.json()
    assert body["status"] == "two_factor_required"
    assert body["me"] is None
    assert "@" in body["email_hint"] and account.email not in body["email_hint"]
    return str(body["challenge_token"])


async def test_sign_in_with_emailed_code(new_browser: Any, outbox: Any) -> None:
    account = await sign_up(new_browser())
    await enable_2fa(account, outbox)
    browser = new_browser()
    token = await start_login(browser, account)
    assert (await browser.get("/api/v1/auth/me")).status_code == 401  # no session yet
    code = outbox.code_for(account.email)
    ok = await browser.post(
        "/api/v1/auth/login/two-factor", json={"challenge_token": token, "code": code}
    )
    assert ok.status_code == 200 and ok.json()["status"] == "ok"
    assert (await browser.get("/api/v1/auth/me")).status_code == 200
    reuse = await new_browser().post(
        "/api/v1/auth/login/two-factor", json={"challenge_token": token, "code": code}
    )
    assert reuse.status_code == 400
    assert reuse.json()["error"]["code"] == "challenge_invalid"


async def test_five_wrong_codes_end_the_challenge(new_browser: Any, outbox: Any) -> None:
    account = await sign_up(new_browser())
    await enable_2fa(account, outbox)
    browser = new_browser()
    token = await start_login(browser, account)
    right = outbox.code_for(account.email)
    wrong = "000000" if right != "000000" else "111111"
    for left in (4, 3, 2, 1, 0):
        r = await browser.post(
            "/api/v1/auth/login/two-factor", json={"challenge_token": token, "code": wrong}
        )
        assert r.status_code == 400
        assert r.json()["error"]["code"] == "invalid_code"
        assert (f"{left} tr" in r.json()["error"]["message"]) or left == 0
    r = await browser.post(
        "/api/v1/auth/login/two-factor", json={"challenge_token": token, "code": right}
    )
    assert r.status_code == 429
    assert r.json()["error"]["code"] in ("too_many_attempts", "rate_limited")
    assert (await browser.get("/api/v1/auth/me")).status_code == 401
    # Wrong codes count as failed sign-ins: a fresh challenge cannot restart the guessing.
    again = await new_browser(ip="10.0.0.99").post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    assert again.status_code == 429
    assert again.json()["error"]["code"] == "rate_limited"


async def test_code_expires_after_ten_minutes(new_browser: Any, outbox: Any, db: Any) -> None:
    account = await sign_up(new_browser())
    await enable_2fa(account, outbox)
    browser = new_browser()
    token = await start_login(browser, account)
    challenge = (await db.execute(select(TwoFactorChallenge))).scalars().all()[-1]
    lifetime = challenge.expires_at - challenge.created_at
    assert timedelta(minutes=9, seconds=59) < lifetime <= timedelta(minutes=10, seconds=1)
    await db.execute(
        update(TwoFactorChallenge)
        .where(TwoFactorChallenge.purpose == "login")
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    await db.flush()
    r = await browser.post(
        "/api/v1/auth/login/two-factor",
        json={"challenge_token": token, "code": outbox.code_for(account.email)},
    )
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "challenge_expired"


async def test_malformed_code_is_a_validation_error(new_browser: Any, outbox: Any) -> None:
    account = await sign_up(new_browser())
    await enable_2fa(account, outbox)
    browser = new_browser()
    token = await start_login(browser, account)
    r = await browser.post(
        "/api/v1/auth/login/two-factor", json={"challenge_token": token, "code": "12ab"}
    )
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "validation_error"


async def test_enable_needs_the_right_code_and_disable_needs_the_password(
    browser: Any, outbox: Any
) -> None:
    account = await sign_up(browser)
    await browser.post("/api/v1/auth/two-factor/enable")
    bad = await browser.post("/api/v1/auth/two-factor/enable/confirm", json={"code": "999999"})
    if outbox.code_for(account.email) != "999999":
        assert bad.status_code == 400
        me = (await browser.get("/api/v1/auth/me")).json()
        assert me["user"]["two_factor_enabled"] is False
    await enable_2fa(account, outbox)
    wrong = await browser.post("/api/v1/auth/two-factor/disable", json={"password": "nope-nope-1"})
    assert wrong.status_code == 400
    off = await browser.post("/api/v1/auth/two-factor/disable", json={"password": account.password})
    assert off.json()["user"]["two_factor_enabled"] is False
    actions = [e["action"] for e in (await browser.get("/api/v1/auth/audit-log")).json()]
    assert "auth.two_factor_enabled" in actions and "auth.two_factor_disabled" in actions
