"""What the API answers to bad input, and that a refused request writes nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from procta.auth.models import PasswordReset, User
from procta.db import utcnow
from procta.orgs.models import Invite, Membership, Organization
from tests.factories import PASSWORD, sign_up

ORG = "/api/v1/orgs/current"
LIMIT = 1_000_000  # Settings.max_body_bytes


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    return error


async def count(db: Any, model: Any) -> int:
    return int((await db.execute(select(func.count()).select_from(model))).scalar_one())


# --- malformed and mistyped bodies ------------------------------------------------------


async def test_malformed_json_is_400(browser: Any) -> None:
    for body in (b'{"email": "a@b.example", ', b"not json at all", b'{"a": 1}}'):
        response = await browser.post(
            "/api/v1/auth/login", content=body, headers={"content-type": "application/json"}
        )
        assert_error(response, 400, "invalid_json")


async def test_wrong_types_are_422_with_details(browser: Any) -> None:
    response = await browser.post(
        "/api/v1/auth/signup",
        json={"org_name": 5, "name": ["x"], "email": "not-an-email", "password": None},
    )
    error = assert_error(response, 422, "validation_error")
    assert set(response.json()) == {"error"}
    fields = {d["field"] for d in error["details"]}
    assert {"org_name", "name", "email", "password"} <= fields
    assert all(isinstance(d["message"], str) and d["message"] for d in error["details"])
    assert error["message"].split(":")[0] in fields

    missing = await browser.post("/api/v1/auth/login", json={})
    error = assert_error(missing, 422, "validation_error")
    assert {d["field"] for d in error["details"]} == {"email", "password"}

    not_an_object = await browser.post("/api/v1/auth/login", json=["a", "b"])
    assert_error(not_an_object, 422, "validation_error")

    await sign_up(browser)
    role = await browser.patch(f"{ORG}/members/someone", json={"role": 7})
    assert {d["field"] for d in assert_error(role, 422, "validation_error")["details"]} == {"role"}


# --- body size --------------------------------------------------------------------------


async def test_body_over_the_limit_with_content_length_is_413(browser: Any, db: Any) -> None:
    padding = "x" * (LIMIT + 10)
    response = await browser.post(
        "/api/v1/auth/signup",
        json={"org_name": padding, "name": "Big", "email": "big@x.example", "password": PASSWORD},
    )
    assert int(response.request.headers["content-length"]) > LIMIT
    assert_error(response, 413, "body_too_large")
    assert await count(db, User) == 0

    # a body just under the cap is read (and then refused for what it says, not its size)
    under = await browser.post(
        "/api/v1/auth/login",
        content=b'{"email": "a@b.example", "password": "' + b"y" * (LIMIT - 100) + b'"}',
        headers={"content-type": "application/json"},
    )
    assert under.status_code == 422


async def test_body_over_the_limit_without_content_length_is_413(browser: Any, db: Any) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"org_name": "Streamed", "name": "Big", "email": "big@x.example", "password": "'
        for _ in range(12):
            yield b"z" * 100_000
        yield b'"}'

    response = await browser.post(
        "/api/v1/auth/signup", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert response.request.headers["transfer-encoding"] == "chunked"
    assert_error(response, 413, "body_too_large")
    assert await count(db, User) == 0

    async def small() -> AsyncIterator[bytes]:
        yield b'{"email": "a@b.example",'
        yield b' "password": "whatever-it-is"}'

    ok = await browser.post(
        "/api/v1/auth/login", content=small(), headers={"content-type": "application/json"}
    )
    assert_error(ok, 400, "invalid_credentials")


# --- unknown things ---------------------------------------------------------------------


async def test_unknown_ids_are_404_json(browser: Any) -> None:
    await sign_up(browser)
    for method, path, body in (
        ("PATCH", f"{ORG}/members/no-such-user", {"role": "admin"}),
        ("DELETE", f"{ORG}/members/no-such-user", None),
        ("DELETE", f"{ORG}/invites/no-such-invite", None),
        ("DELETE", f"{ORG}/api-keys/no-such-key", None),
        ("DELETE", "/api/v1/auth/sessions/no-such-session", None),
        ("POST", "/api/v1/auth/switch-org", {"org_id": "no-such-org"}),
    ):
        response = await browser.request(method, path, json=body)
        assert_error(response, 404, "not_found")
    assert_error(await browser.get("/api/v1/invites/no-such-token"), 404, "invite_invalid")


async def test_unknown_api_path_is_404_json(browser: Any) -> None:
    for path in ("/api/v1/nope", "/api/v1/orgs/current/nope", "/api/v2/health"):
        assert_error(await browser.get(path), 404, "not_found")


async def test_wrong_method_is_405_json(browser: Any) -> None:
    for method, path in (
        ("DELETE", "/api/v1/auth/me"),
        ("PUT", "/api/v1/orgs/current"),
        ("POST", "/api/v1/health"),
        ("PUT", "/api/v1/auth/login"),
    ):
        response = await browser.request(method, path)
        assert_error(response, 405, "method_not_allowed")
        assert response.headers["allow"]  # RFC 9110: a 405 says what is allowed
    allowed = (await browser.delete("/api/v1/auth/me")).headers["allow"]
    assert "GET" in allowed and "DELETE" not in allowed


# --- used and expired tokens, revoked sessions, wrong codes -----------------------------


async def reset_token(browser: Any, outbox: Any, email: str) -> str:
    response = await browser.post("/api/v1/auth/password/forgot", json={"email": email})
    assert response.status_code == 202
    token: str = outbox.link_for(email, "/reset-password?token=")
    return token


async def test_reset_token_works_once(new_browser: Any, outbox: Any) -> None:
    account = await sign_up(new_browser())
    token = await reset_token(new_browser(), outbox, account.email)
    first = await new_browser().post(
        "/api/v1/auth/password/reset", json={"token": token, "password": "a-new-secret-pass-1"}
    )
    assert first.status_code == 204, first.text
    again = await new_browser().post(
        "/api/v1/auth/password/reset", json={"token": token, "password": "a-newer-secret-pass-2"}
    )
    assert_error(again, 400, "invalid_token")
    login = await new_browser().post(
        "/api/v1/auth/login", json={"email": account.email, "password": "a-new-secret-pass-1"}
    )
    assert login.status_code == 200 and login.json()["status"] == "ok"


async def test_expired_reset_token_is_refused(new_browser: Any, outbox: Any, db: Any) -> None:
    account = await sign_up(new_browser())
    token = await reset_token(new_browser(), outbox, account.email)
    row = (
        await db.execute(select(PasswordReset).where(PasswordReset.user_id == account.user_id))
    ).scalar_one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    await db.flush()
    response = await new_browser().post(
        "/api/v1/auth/password/reset", json={"token": token, "password": "a-new-secret-pass-1"}
    )
    assert_error(response, 400, "token_expired")
    assert (await account.browser.get("/api/v1/auth/me")).status_code == 200  # not signed out
    old = await new_browser().post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    assert old.json()["status"] == "ok"


async def test_revoked_session_is_401(new_browser: Any) -> None:
    account = await sign_up(new_browser())
    laptop = new_browser()
    await laptop.post("/api/v1/auth/login", json={"email": account.email, "password": PASSWORD})
    assert (await laptop.get(ORG)).status_code == 200
    sessions = (await account.browser.get("/api/v1/auth/sessions")).json()
    (other,) = [s for s in sessions if not s["current"]]
    revoked = await account.browser.delete(f"/api/v1/auth/sessions/{other['id']}")
    assert revoked.status_code == 204

    for path in ("/api/v1/auth/me", ORG, f"{ORG}/members"):
        assert_error(await laptop.get(path), 401, "not_authenticated")
    assert_error(await laptop.post("/api/v1/auth/logout"), 401, "not_authenticated")
    assert (await account.browser.get("/api/v1/auth/me")).status_code == 200
    # revoking it again: it is no longer there
    again = await account.browser.delete(f"/api/v1/auth/sessions/{other['id']}")
    assert_error(again, 404, "not_found")


async def test_wrong_two_factor_code_is_400(new_browser: Any, outbox: Any) -> None:
    account = await sign_up(new_browser())
    start = await account.browser.post("/api/v1/auth/two-factor/enable")
    assert start.status_code == 202
    code = outbox.code_for(account.email)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    refused = await account.browser.post(
        "/api/v1/auth/two-factor/enable/confirm", json={"code": wrong}
    )
    assert_error(refused, 400, "invalid_code")
    me = (await account.browser.get("/api/v1/auth/me")).json()
    assert me["user"]["two_factor_enabled"] is False
    ok = await account.browser.post("/api/v1/auth/two-factor/enable/confirm", json={"code": code})
    assert ok.status_code == 200, ok.text

    browser = new_browser()
    login = await browser.post(
        "/api/v1/auth/login", json={"email": account.email, "password": PASSWORD}
    )
    assert login.json()["status"] == "two_factor_required"
    challenge = login.json()["challenge_token"]
    code = outbox.code_for(account.email)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    bad = await browser.post(
        "/api/v1/auth/login/two-factor", json={"challenge_token": challenge, "code": wrong}
    )
    error = assert_error(bad, 400, "invalid_code")
    assert "4 tries left" in error["message"]  # the wrong try was counted
    assert (await browser.get("/api/v1/auth/me")).status_code == 401
    malformed = await browser.post(
        "/api/v1/auth/login/two-factor", json={"challenge_token": challenge, "code": "12ab56"}
    )
    assert_error(malformed, 422, "validation_error")
    good = await browser.post(
        "/api/v1/auth/login/two-factor", json={"challenge_token": challenge, "code": code}
    )
    assert good.status_code == 200 and good.json()["status"] == "ok"
    used = await browser.post(
        "/api/v1/auth/login/two-factor", json={"challenge_token": challenge, "code": code}
    )
    assert_error(used, 400, "challenge_invalid")


# --- nothing half written ---------------------------------------------------------------


async def test_failed_signup_writes_nothing(browser: Any, db: Any) -> None:
    response = await browser.post(
        "/api/v1/auth/signup",
        json={
            "org_name": "A Perfectly Fine School",
            "name": "Pat",
            "email": "pat@fine.example",
            "password": "password123",
        },
    )
    assert_error(response, 400, "weak_password")
    for model in (User, Organization, Membership):
        assert await count(db, model) == 0, model.__name__
    assert "procta_session" not in browser.cookies
    # the same request with a good password goes through
    ok = await browser.post(
        "/api/v1/auth/signup",
        json={
            "org_name": "A Perfectly Fine School",
            "name": "Pat",
            "email": "pat@fine.example",
            "password": PASSWORD,
        },
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["current_org"]["slug"] == "a-perfectly-fine-school"


async def test_failed_invite_acceptance_leaves_the_invite_pending(
    new_browser: Any, outbox: Any, db: Any
) -> None:
    owner = await sign_up(new_browser())
    email = "careful@school.example"
    invited = await owner.browser.post(f"{ORG}/invites", json={"email": email})
    assert invited.status_code == 201
    token = outbox.link_for(email, "/invite/")
    users_before = await count(db, User)

    visitor = new_browser()
    weak = await visitor.post(
        f"/api/v1/invites/{token}/accept", json={"name": "Careful", "password": "short"}
    )
    assert_error(weak, 400, "weak_password")
    assert await count(db, User) == users_before
    assert (await db.execute(select(User).where(User.email == email))).scalar() is None
    invite = (
        await db.execute(
            select(Invite).where(Invite.email == email).execution_options(populate_existing=True)
        )
    ).scalar_one()
    assert invite.accepted_at is None and invite.revoked_at is None
    assert [i["email"] for i in (await owner.browser.get(f"{ORG}/invites")).json()] == [email]
    assert (await new_browser().get(f"/api/v1/invites/{token}")).json()["user_exists"] is False
    assert "procta_session" not in visitor.cookies

    joined = await visitor.post(
        f"/api/v1/invites/{token}/accept", json={"name": "Careful", "password": PASSWORD}
    )
    assert joined.status_code == 200, joined.text
    assert joined.json()["current_org"]["id"] == owner.org_id
