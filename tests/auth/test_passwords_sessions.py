from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from procta.auth.models import PasswordReset
from procta.db import utcnow
from tests.factories import sign_up

NEW_PASSWORD = "a-brand-new-passphrase-7"


async def test_forgot_password_link_resets_once_and_revokes_sessions(
    new_browser: Any, outbox: Any
) -> None:
    account = await sign_up(new_browser())
    other_device = new_browser()
    await other_device.post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    anon = new_browser()
    r = await anon.post("/api/v1/auth/password/forgot", json={"email": account.email})
    assert r.status_code == 202
    token = outbox.link_for(account.email, "/reset-password?token=")
    done = await anon.post(
        "/api/v1/auth/password/reset", json={"token": token, "password": NEW_PASSWORD}
    )
    assert done.status_code == 204
    for browser in (account.browser, other_device):
        assert (await browser.get("/api/v1/auth/me")).status_code == 401
    again = await anon.post(
        "/api/v1/auth/password/reset", json={"token": token, "password": "yet-another-pass-9"}
    )
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "invalid_token"
    old = await anon.post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    assert old.status_code == 400
    new = await anon.post(
        "/api/v1/auth/login", json={"email": account.email, "password": NEW_PASSWORD}
    )
    assert new.json()["status"] == "ok"


async def test_unknown_email_gets_the_same_answer_and_no_mail(browser: Any, outbox: Any) -> None:
    r = await browser.post("/api/v1/auth/password/forgot", json={"email": "ghost@nowhere.example"})
    assert r.status_code == 202
    assert outbox.to("ghost@nowhere.example") == []


async def test_reset_link_expires_after_an_hour(new_browser: Any, outbox: Any, db: Any) -> None:
    account = await sign_up(new_browser())
    anon = new_browser()
    await anon.post("/api/v1/auth/password/forgot", json={"email": account.email})
    token = outbox.link_for(account.email, "/reset-password?token=")
    await db.execute(update(PasswordReset).values(expires_at=utcnow() - timedelta(seconds=1)))
    await db.flush()
    r = await anon.post(
        "/api/v1/auth/password/reset", json={"token": token, "password": NEW_PASSWORD}
    )
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "token_expired"
    assert (await account.browser.get("/api/v1/auth/me")).status_code == 200


async def test_change_password_keeps_this_session_and_ends_others(new_browser: Any) -> None:
    account = await sign_up(new_browser())
    other = new_browser()
    await other.post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    wrong = await account.browser.post(
        "/api/v1/auth/password/change",
        json={"current_password": "not-my-password", "new_password": NEW_PASSWORD},
    )
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "invalid_password"
    weak = await account.browser.post(
        "/api/v1/auth/password/change",
        json={"current_password": account.password, "new_password": "qwertyuiop"},
    )
    assert weak.status_code == 400 and weak.json()["error"]["code"] == "weak_password"
    ok = await account.browser.post(
        "/api/v1/auth/password/change",
        json={"current_password": account.password, "new_password": NEW_PASSWORD},
    )
    assert ok.status_code == 204
    assert (await account.browser.get("/api/v1/auth/me")).status_code == 200
    assert (await other.get("/api/v1/auth/me")).status_code == 401
    actions = [e["action"] for e in (await account.browser.get("/api/v1/auth/audit-log")).json()]
    assert "auth.password_changed" in actions


async def test_active_sessions_list_and_revoke(new_browser: Any) -> None:
    account = await sign_up(new_browser())
    phone = new_browser(ip="192.0.2.7")
    await phone.post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    laptop = new_browser(ip="192.0.2.8")
    await laptop.post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    sessions = (await account.browser.get("/api/v1/auth/sessions")).json()
    assert len(sessions) == 3
    assert sum(s["current"] for s in sessions) == 1
    assert {s["ip"] for s in sessions} >= {"192.0.2.7", "192.0.2.8"}
    assert all(s["device"] == "Chrome on Linux" for s in sessions)
    phone_session = next(s for s in sessions if s["ip"] == "192.0.2.7")
    r = await account.browser.delete(f"/api/v1/auth/sessions/{phone_session['id']}")
    assert r.status_code == 204
    assert (await phone.get("/api/v1/auth/me")).status_code == 401
    assert (await laptop.get("/api/v1/auth/me")).status_code == 200
    again = await account.browser.delete(f"/api/v1/auth/sessions/{phone_session['id']}")
    assert again.status_code == 404
    others = await account.browser.post("/api/v1/auth/sessions/revoke-others")
    assert others.json() == {"revoked": 1}
    assert (await laptop.get("/api/v1/auth/me")).status_code == 401
    assert (await account.browser.get("/api/v1/auth/me")).status_code == 200


async def test_audit_log_records_sign_ins(new_browser: Any) -> None:
    account = await sign_up(new_browser())
    await new_browser(ip="198.51.100.4").post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    log = (await account.browser.get("/api/v1/auth/audit-log")).json()
    logins = [e for e in log if e["action"] == "auth.login"]
    assert any(e["ip"] == "198.51.100.4" for e in logins)
