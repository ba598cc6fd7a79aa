from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from procta.auth.models import User
from procta.orgs.models import Organization
from tests.factories import PASSWORD, sign_up


async def test_signup_creates_org_owner_and_trial(browser: Any) -> None:
    account = await sign_up(browser, org_name="Riverside High")
    me = (await browser.get("/api/v1/auth/me")).json()
    assert me["current_org"]["name"] == "Riverside High"
    assert me["current_org"]["slug"] == "riverside-high"
    assert me["current_org"]["role"] == "owner"
    org = (await browser.get("/api/v1/orgs/current")).json()
    assert org["plan"] == "trial" and org["status"] == "trialing"
    assert account.org_id == org["id"]


async def test_slug_is_unique(new_browser: Any) -> None:
    await sign_up(new_browser(), org_name="Same Name")
    second = await sign_up(new_browser(), org_name="Same Name")
    org = (await second.browser.get("/api/v1/orgs/current")).json()
    assert org["slug"] == "same-name-2"


async def test_session_cookie_flags(browser: Any) -> None:
    response = await browser.post(
        "/api/v1/auth/signup",
        json={
            "org_name": "Flags",
            "name": "Ann",
            "email": "ann@flags.example",
            "password": PASSWORD,
        },
    )
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("procta_session="))
    csrf = next(c for c in cookies if c.startswith("procta_csrf="))
    assert "HttpOnly" in session and "samesite=lax" in session.lower()
    assert "HttpOnly" not in csrf


async def test_weak_passwords_are_refused_and_nothing_is_written(browser: Any, db: Any) -> None:
    for password, reason in (
        ("short", "at least 10"),
        ("password123", "too common"),
        ("1234567890", "too common"),
        ("aaaaaaaaaaaa", "too common"),
        ("lee.mcgrath-secret", "must not contain"),
    ):
        response = await browser.post(
            "/api/v1/auth/signup",
            json={
                "org_name": "Weak",
                "name": "Lee McGrath",
                "email": "lee.mcgrath@x.example",
                "password": password,
            },
        )
        assert response.status_code == 400, password
        assert response.json()["error"]["code"] == "weak_password"
        assert reason in response.json()["error"]["message"]
    assert (await db.execute(select(func.count()).select_from(User))).scalar() == 0
    assert (await db.execute(select(func.count()).select_from(Organization))).scalar() == 0


async def test_duplicate_email_is_refused(new_browser: Any) -> None:
    first = await sign_up(new_browser())
    response = await new_browser().post(
        "/api/v1/auth/signup",
        json={"org_name": "Other", "name": "X", "email": first.email.upper(), "password": PASSWORD},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "email_taken"


async def test_sign_in_and_out(new_browser: Any) -> None:
    account = await sign_up(new_browser())
    browser = new_browser()
    wrong = await browser.post(
        "/api/v1/auth/login", json={"email": account.email, "password": "not-the-password"}
    )
    assert wrong.status_code == 400
    assert wrong.json()["error"]["code"] == "invalid_credentials"
    ok = await browser.post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    assert ok.json()["status"] == "ok"
    assert (await browser.get("/api/v1/auth/me")).status_code == 200
    assert (await browser.post("/api/v1/auth/logout")).status_code == 204
    after = await browser.get("/api/v1/auth/me")
    assert after.status_code == 401
    assert after.json()["error"]["code"] == "not_authenticated"


async def test_logged_out_session_token_stays_dead(new_browser: Any) -> None:
    account = await sign_up(new_browser())
    token = account.browser.cookies.get("procta_session")
    await account.browser.post("/api/v1/auth/logout")
    replay = new_browser()
    replay.cookies.set("procta_session", token)
    assert (await replay.get("/api/v1/auth/me")).status_code == 401


async def test_writes_need_the_csrf_token(browser: Any) -> None:
    await sign_up(browser)
    response = await browser.post("/api/v1/auth/logout", headers={"X-CSRF-Token": "forged"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    assert (await browser.get("/api/v1/auth/me")).status_code == 200


async def test_login_rate_limit_per_account(new_browser: Any) -> None:
    account = await sign_up(new_browser())
    attacker = new_browser(ip="10.9.9.9")
    for _ in range(5):
        r = await attacker.post(
            "/api/v1/auth/login", json={"email": account.email, "password": "wrong-password!"}
        )
        assert r.status_code == 400
    blocked = await new_browser(ip="10.9.9.10").post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "rate_limited"
    assert int(blocked.headers["retry-after"]) > 0


async def test_login_rate_limit_per_ip(new_browser: Any) -> None:
    browser = new_browser(ip="10.1.1.1")
    statuses = [
        (
            await browser.post(
                "/api/v1/auth/login",
                json={"email": f"nobody{i}@x.example", "password": "whatever-1"},
            )
        ).status_code
        for i in range(32)
    ]
    assert statuses[:30] == [400] * 30
    assert statuses[30:] == [429, 429]


async def test_failed_login_is_audited(new_browser: Any) -> None:
    account = await sign_up(new_browser())
    await new_browser().post(
        "/api/v1/auth/login", json={"email": account.email, "password": "wrong-password!"}
    )
    log = (await account.browser.get("/api/v1/auth/audit-log")).json()
    assert "auth.login_failed" in [e["action"] for e in log]


async def test_successful_sign_ins_from_one_address_are_not_throttled(new_browser: Any) -> None:
    """A school behind one NAT address signs many teachers in at 9:00."""
    account = await sign_up(new_browser())
    school = new_browser(ip="10.2.2.2")
    for _ in range(35):
        r = await school.post(
            "/api/v1/auth/login", json={"email": account.email, "password": account.password}
        )
        assert r.status_code == 200
