from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from procta.db import utcnow
from procta.orgs.models import Invite
from tests.factories import PASSWORD, Account, invite_and_join, sign_up

ORG = "/api/v1/orgs/current"


async def invite(admin: Account, outbox: Any, email: str, role: str = "teacher") -> str:
    """Invite ``email`` and return the token of the link in the mail it gets."""
    response = await admin.browser.post(f"{ORG}/invites", json={"email": email, "role": role})
    assert response.status_code == 201, response.text
    token: str = outbox.link_for(email, "/invite/")
    return token


def error_code(response: Any) -> str:
    code: str = response.json()["error"]["code"]
    return code


async def members_by_id(browser: Any) -> dict[str, dict[str, Any]]:
    response = await browser.get(f"{ORG}/members")
    assert response.status_code == 200, response.text
    return {m["user_id"]: m for m in response.json()}


# --- the members list -------------------------------------------------------------------


async def test_members_list_shows_name_email_role_and_joined(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser(), name="Olive Owner")
    teacher = await invite_and_join(owner, new_browser(), outbox, name="Tom Teacher")
    members = await members_by_id(owner.browser)
    assert set(members) == {owner.user_id, teacher.user_id}
    assert members[owner.user_id]["name"] == "Olive Owner"
    assert members[owner.user_id]["email"] == owner.email
    assert members[owner.user_id]["role"] == "owner"
    assert members[teacher.user_id]["name"] == "Tom Teacher"
    assert members[teacher.user_id]["email"] == teacher.email
    assert members[teacher.user_id]["role"] == "teacher"
    joined = datetime.fromisoformat(members[teacher.user_id]["joined_at"])
    assert abs(joined - utcnow()) < timedelta(minutes=5)
    # sorted by name, as the page shows it
    names = [m["name"] for m in (await owner.browser.get(f"{ORG}/members")).json()]
    assert names == sorted(names)


# --- invites ----------------------------------------------------------------------------


async def test_invite_mail_public_info_and_accept_as_new_user(
    new_browser: Any, outbox: Any
) -> None:
    owner = await sign_up(new_browser(), org_name="Hillside Academy", name="Hana Head")
    email = "new.teacher@hillside.example"
    token = await invite(owner, outbox, email, role="admin")

    mail = outbox.last_to(email)
    assert "Hillside Academy" in mail["Subject"]
    assert f"http://testserver/invite/{token}" in outbox.body(mail)

    listed = (await owner.browser.get(f"{ORG}/invites")).json()
    assert [(i["email"], i["role"], i["invited_by"]) for i in listed] == [
        (email, "admin", "Hana Head")
    ]

    visitor = new_browser()
    info = await visitor.get(f"/api/v1/invites/{token}")
    assert info.status_code == 200, info.text
    assert info.json() == {
        "org_name": "Hillside Academy",
        "email": email,
        "role": "admin",
        "invited_by": "Hana Head",
        "user_exists": False,
    }

    missing = await visitor.post(f"/api/v1/invites/{token}/accept", json={})
    assert missing.status_code == 400
    assert error_code(missing) == "details_required"

    joined = await visitor.post(
        f"/api/v1/invites/{token}/accept", json={"name": "Nia New", "password": PASSWORD}
    )
    assert joined.status_code == 200, joined.text
    me = joined.json()
    assert me["user"]["email"] == email and me["user"]["name"] == "Nia New"
    assert me["current_org"]["id"] == owner.org_id
    assert me["current_org"]["role"] == "admin"
    # signed in straight away, as the new admin
    assert (await visitor.get("/api/v1/auth/me")).json()["user"]["email"] == email
    assert (await visitor.get(f"{ORG}/invites")).status_code == 200
    members = await members_by_id(owner.browser)
    assert members[me["user"]["id"]]["role"] == "admin"
    assert (await owner.browser.get(f"{ORG}/invites")).json() == []


async def test_accepting_as_existing_user_needs_that_user_signed_in(
    new_browser: Any, outbox: Any
) -> None:
    owner = await sign_up(new_browser())
    existing = await sign_up(new_browser())  # has an account (and an org) already
    other = await sign_up(new_browser())
    token = await invite(owner, outbox, existing.email)

    info = (await new_browser().get(f"/api/v1/invites/{token}")).json()
    assert info["user_exists"] is True

    anonymous = await new_browser().post(
        f"/api/v1/invites/{token}/accept", json={"name": "Someone", "password": PASSWORD}
    )
    assert anonymous.status_code == 401
    assert error_code(anonymous) == "sign_in_required"

    wrong = await other.browser.post(f"/api/v1/invites/{token}/accept", json={})
    assert wrong.status_code == 403
    assert error_code(wrong) == "wrong_account"
    assert other.user_id not in await members_by_id(owner.browser)

    ok = await existing.browser.post(f"/api/v1/invites/{token}/accept", json={})
    assert ok.status_code == 200, ok.text
    me = ok.json()
    assert me["user"]["id"] == existing.user_id
    assert me["current_org"] == {
        "id": owner.org_id,
        "name": me["current_org"]["name"],
        "slug": me["current_org"]["slug"],
        "role": "teacher",
    }
    assert {m["org_id"] for m in me["memberships"]} == {owner.org_id, existing.org_id}
    assert (await existing.browser.get(f"{ORG}")).json()["id"] == owner.org_id
    assert (await members_by_id(owner.browser))[existing.user_id]["role"] == "teacher"


async def test_used_invite_link_is_gone(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser())
    email = "once@school.example"
    token = await invite(owner, outbox, email)
    first = await new_browser().post(
        f"/api/v1/invites/{token}/accept", json={"name": "Once", "password": PASSWORD}
    )
    assert first.status_code == 200, first.text

    info = await new_browser().get(f"/api/v1/invites/{token}")
    assert info.status_code == 410
    assert error_code(info) == "invite_used"
    again = await new_browser().post(
        f"/api/v1/invites/{token}/accept", json={"name": "Twice", "password": PASSWORD}
    )
    assert again.status_code == 410
    assert error_code(again) == "invite_used"


async def test_expired_invite_link_is_gone(new_browser: Any, outbox: Any, db: Any) -> None:
    owner = await sign_up(new_browser())
    email = "late@school.example"
    token = await invite(owner, outbox, email)
    row = (await db.execute(select(Invite).where(Invite.email == email))).scalar_one()
    row.expires_at = utcnow() - timedelta(minutes=1)
    await db.flush()

    info = await new_browser().get(f"/api/v1/invites/{token}")
    assert info.status_code == 410
    assert error_code(info) == "invite_expired"
    accept = await new_browser().post(
        f"/api/v1/invites/{token}/accept", json={"name": "Late", "password": PASSWORD}
    )
    assert accept.status_code == 410
    assert error_code(accept) == "invite_expired"
    assert email not in {m["email"] for m in (await members_by_id(owner.browser)).values()}
    # an expired invite is no longer pending
    assert (await owner.browser.get(f"{ORG}/invites")).json() == []


async def test_revoked_invite_link_is_not_found(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser())
    email = "revoked@school.example"
    token = await invite(owner, outbox, email)
    (pending,) = (await owner.browser.get(f"{ORG}/invites")).json()
    assert (await new_browser().get(f"/api/v1/invites/{token}")).status_code == 200

    revoked = await owner.browser.delete(f"{ORG}/invites/{pending['id']}")
    assert revoked.status_code == 204
    assert (await owner.browser.get(f"{ORG}/invites")).json() == []

    info = await new_browser().get(f"/api/v1/invites/{token}")
    assert info.status_code == 404
    assert error_code(info) == "invite_invalid"
    accept = await new_browser().post(
        f"/api/v1/invites/{token}/accept", json={"name": "Rev", "password": PASSWORD}
    )
    assert accept.status_code == 404
    # revoking twice: there is no pending invite with that id any more
    assert (await owner.browser.delete(f"{ORG}/invites/{pending['id']}")).status_code == 404


async def test_new_invite_to_same_email_replaces_the_old_link(
    new_browser: Any, outbox: Any
) -> None:
    owner = await sign_up(new_browser())
    email = "twice.invited@school.example"
    old = await invite(owner, outbox, email, role="teacher")
    new = await invite(owner, outbox, email, role="admin")
    assert old != new
    listed = (await owner.browser.get(f"{ORG}/invites")).json()
    assert [(i["email"], i["role"]) for i in listed] == [(email, "admin")]

    assert (await new_browser().get(f"/api/v1/invites/{old}")).status_code == 404
    refused = await new_browser().post(
        f"/api/v1/invites/{old}/accept", json={"name": "Old", "password": PASSWORD}
    )
    assert refused.status_code == 404
    joined = await new_browser().post(
        f"/api/v1/invites/{new}/accept", json={"name": "New", "password": PASSWORD}
    )
    assert joined.status_code == 200, joined.text
    assert joined.json()["current_org"]["role"] == "admin"


async def test_inviting_a_member_is_refused(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser())
    teacher = await invite_and_join(owner, new_browser(), outbox)
    response = await owner.browser.post(f"{ORG}/invites", json={"email": teacher.email.upper()})
    assert response.status_code == 409
    assert error_code(response) == "already_member"


# --- roles ------------------------------------------------------------------------------


async def test_owner_changes_roles(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser())
    member = await invite_and_join(owner, new_browser(), outbox)
    path = f"{ORG}/members/{member.user_id}"
    for role in ("admin", "owner", "teacher"):
        response = await owner.browser.patch(path, json={"role": role})
        assert response.status_code == 200, response.text
        assert response.json()["role"] == role
        assert response.json()["user_id"] == member.user_id
        assert (await members_by_id(owner.browser))[member.user_id]["role"] == role
        me = (await member.browser.get("/api/v1/auth/me")).json()
        assert me["current_org"]["role"] == role

    bad = await owner.browser.patch(path, json={"role": "superuser"})
    assert bad.status_code == 422
    missing = await owner.browser.patch(f"{ORG}/members/nobody", json={"role": "admin"})
    assert missing.status_code == 404


async def test_only_an_owner_grants_or_takes_the_owner_role(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser())
    admin = await invite_and_join(owner, new_browser(), outbox, role="admin")
    teacher = await invite_and_join(owner, new_browser(), outbox)

    grant = await admin.browser.patch(f"{ORG}/members/{teacher.user_id}", json={"role": "owner"})
    assert grant.status_code == 403
    take = await admin.browser.patch(f"{ORG}/members/{owner.user_id}", json={"role": "teacher"})
    assert take.status_code == 403
    remove_owner = await admin.browser.delete(f"{ORG}/members/{owner.user_id}")
    assert remove_owner.status_code == 403
    invite_owner = await admin.browser.post(
        f"{ORG}/invites", json={"email": "boss@school.example", "role": "owner"}
    )
    assert invite_owner.status_code == 403
    members = await members_by_id(owner.browser)
    assert members[teacher.user_id]["role"] == "teacher"
    assert members[owner.user_id]["role"] == "owner"

    # an admin may still make a teacher an admin
    promote = await admin.browser.patch(f"{ORG}/members/{teacher.user_id}", json={"role": "admin"})
    assert promote.status_code == 200, promote.text
    assert (await members_by_id(owner.browser))[teacher.user_id]["role"] == "admin"


async def test_last_owner_cannot_be_demoted_or_removed(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser())
    demote = await owner.browser.patch(f"{ORG}/members/{owner.user_id}", json={"role": "admin"})
    assert demote.status_code == 409
    assert error_code(demote) == "last_owner"
    leave = await owner.browser.delete(f"{ORG}/members/{owner.user_id}")
    assert leave.status_code == 409
    assert error_code(leave) == "last_owner"
    assert (await members_by_id(owner.browser))[owner.user_id]["role"] == "owner"

    # with a second owner, either may step down
    second = await invite_and_join(owner, new_browser(), outbox, role="owner")
    demote = await owner.browser.patch(f"{ORG}/members/{owner.user_id}", json={"role": "admin"})
    assert demote.status_code == 200, demote.text
    # now ``second`` is the last owner
    last = await second.browser.delete(f"{ORG}/members/{second.user_id}")
    assert last.status_code == 409
    assert error_code(last) == "last_owner"


async def test_removed_member_loses_access(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser())
    teacher = await invite_and_join(owner, new_browser(), outbox)
    assert (await teacher.browser.get(ORG)).status_code == 200

    removed = await owner.browser.delete(f"{ORG}/members/{teacher.user_id}")
    assert removed.status_code == 204
    assert teacher.user_id not in await members_by_id(owner.browser)

    for path in (ORG, f"{ORG}/members"):
        response = await teacher.browser.get(path)
        assert response.status_code == 403, path
        assert error_code(response) == "no_org"
    me = (await teacher.browser.get("/api/v1/auth/me")).json()
    assert me["current_org"] is None and me["memberships"] == []
    assert (await owner.browser.delete(f"{ORG}/members/{teacher.user_id}")).status_code == 404


async def test_teachers_are_refused_admin_routes(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser())
    other = await invite_and_join(owner, new_browser(), outbox)
    teacher = await invite_and_join(owner, new_browser(), outbox)
    key = await owner.browser.post(f"{ORG}/api-keys", json={"name": "sync"})
    await owner.browser.post(f"{ORG}/invites", json={"email": "pending@school.example"})
    (pending,) = (await owner.browser.get(f"{ORG}/invites")).json()

    refused = [
        ("PATCH", f"{ORG}/members/{other.user_id}", {"role": "admin"}),
        ("DELETE", f"{ORG}/members/{other.user_id}", None),
        ("GET", f"{ORG}/invites", None),
        ("POST", f"{ORG}/invites", {"email": "friend@school.example"}),
        ("DELETE", f"{ORG}/invites/{pending['id']}", None),
        ("GET", f"{ORG}/api-keys", None),
        ("POST", f"{ORG}/api-keys", {"name": "mine"}),
        ("DELETE", f"{ORG}/api-keys/{key.json()['id']}", None),
        ("PATCH", ORG, {"name": "Taken Over"}),
        ("GET", f"{ORG}/audit-log", None),
    ]
    for method, path, body in refused:
        response = await teacher.browser.request(method, path, json=body)
        assert response.status_code == 403, (method, path, response.text)
        assert error_code(response) == "forbidden"

    assert (await teacher.browser.get(ORG)).json()["id"] == owner.org_id
    assert set(await members_by_id(teacher.browser)) == {
        owner.user_id,
        other.user_id,
        teacher.user_id,
    }
    # nothing changed
    assert (await members_by_id(owner.browser))[other.user_id]["role"] == "teacher"
    assert [i["id"] for i in (await owner.browser.get(f"{ORG}/invites")).json()] == [pending["id"]]
    keys = (await owner.browser.get(f"{ORG}/api-keys")).json()
    assert [(k["name"], k["revoked_at"]) for k in keys] == [("sync", None)]
    assert (await owner.browser.get(ORG)).json()["name"] != "Taken Over"


# --- organization settings --------------------------------------------------------------


async def test_org_settings_change_name_and_slug(new_browser: Any) -> None:
    owner = await sign_up(new_browser(), org_name="Old Name")
    other = await sign_up(new_browser(), org_name="Other School")

    response = await owner.browser.patch(ORG, json={"name": "  New Name  ", "slug": "new-slug"})
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "New Name"
    assert response.json()["slug"] == "new-slug"
    current = (await owner.browser.get(ORG)).json()
    assert (current["name"], current["slug"]) == ("New Name", "new-slug")

    only_name = await owner.browser.patch(ORG, json={"name": "Newer Name"})
    assert only_name.json()["slug"] == "new-slug"

    same = await owner.browser.patch(ORG, json={"slug": "new-slug"})
    assert same.status_code == 200, same.text

    taken = await owner.browser.patch(ORG, json={"slug": "other-school"})
    assert taken.status_code == 409
    assert error_code(taken) == "slug_taken"

    for bad in ("bad slug", "-edge", "x", "under_score", "a" * 61, "dots.here"):
        invalid = await owner.browser.patch(ORG, json={"slug": bad})
        assert invalid.status_code == 422, bad
        assert error_code(invalid) == "validation_error"
    short_name = await owner.browser.patch(ORG, json={"name": " x "})
    assert short_name.status_code == 422

    final = (await owner.browser.get(ORG)).json()
    assert (final["name"], final["slug"]) == ("Newer Name", "new-slug")
    assert (await other.browser.get(ORG)).json()["slug"] == "other-school"


# --- audit log --------------------------------------------------------------------------


async def test_org_audit_log_records_role_change_invite_and_api_key(
    new_browser: Any, outbox: Any
) -> None:
    owner = await sign_up(new_browser())
    teacher = await invite_and_join(owner, new_browser(), outbox)
    await owner.browser.patch(f"{ORG}/members/{teacher.user_id}", json={"role": "admin"})
    await owner.browser.post(f"{ORG}/api-keys", json={"name": "Gradebook"})

    log = (await owner.browser.get(f"{ORG}/audit-log")).json()
    by_action = {e["action"]: e for e in log}
    invited = by_action["org.member_invited"]
    assert invited["actor_email"] == owner.email
    assert invited["details"] == {"email": teacher.email, "role": "teacher"}
    joined = by_action["org.member_joined"]
    assert joined["actor_email"] == teacher.email
    changed = by_action["org.member_role_changed"]
    assert changed["actor_email"] == owner.email
    assert changed["details"] == {"old_role": "teacher", "new_role": "admin"}
    key = by_action["org.api_key_created"]
    assert key["actor_email"] == owner.email
    assert key["details"]["name"] == "Gradebook"
    assert key["details"]["prefix"].startswith("pk_")
    assert "org.created" in by_action
    # newest first
    stamps = [datetime.fromisoformat(e["created_at"]) for e in log]
    assert stamps == sorted(stamps, reverse=True)
