"""THE tenancy test: one organization can never see or touch another's data.

Every org-scoped route (one that depends on ``org_member`` or ``org_admin``) must be listed
in ``ROUTES`` with how to exercise it across tenants; a new org-scoped route that is not
listed fails ``test_every_org_scoped_route_is_covered``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select

from procta.audit.models import AuditLog
from procta.orgs.models import ApiKey, Invite, Membership, Organization
from tests.attempts.test_tenancy import ROUTES as ATTEMPTS_ROUTES
from tests.courses.test_tenancy import ROUTES as COURSES_ROUTES
from tests.exams.test_tenancy import ROUTES as EXAMS_ROUTES
from tests.factories import Account, invite_and_join, sign_up
from tests.live.test_tenancy import ROUTES as LIVE_ROUTES
from tests.proctoring.test_tenancy import ROUTES as PROCTORING_ROUTES
from tests.questions.test_tenancy import ROUTES as QUESTIONS_ROUTES
from tests.review.test_tenancy import ROUTES as REVIEW_ROUTES
from tests.students.test_tenancy import ROUTES as STUDENTS_ROUTES
from tests.tenancy import all_routes, org_scoped_routes

ORG = "/api/v1/orgs/current"


# --- finding the org-scoped routes ------------------------------------------------------


# --- two organizations with data of every kind ------------------------------------------


@dataclass
class Tenant:
    owner: Account
    teacher: Account
    invite_id: str
    invite_email: str
    invite_token: str
    key_id: str
    key: str
    audit_ids: set[str] = field(default_factory=set)


@dataclass
class World:
    a: Tenant
    b: Tenant
    bearer: Callable[[str], AsyncClient]


async def make_tenant(name: str, new_browser: Any, outbox: Any, db: Any) -> Tenant:
    owner = await sign_up(new_browser(), org_name=name)
    teacher = await invite_and_join(owner, new_browser(), outbox)
    email = f"pending@{owner.org_id}.example"
    invited = await owner.browser.post(f"{ORG}/invites", json={"email": email})
    assert invited.status_code == 201, invited.text
    key = await owner.browser.post(f"{ORG}/api-keys", json={"name": f"{name} key"})
    assert key.status_code == 201, key.text
    audit = await db.execute(select(AuditLog.id).where(AuditLog.org_id == owner.org_id))
    return Tenant(
        owner=owner,
        teacher=teacher,
        invite_id=invited.json()["id"],
        invite_email=email,
        invite_token=outbox.link_for(email, "/invite/"),
        key_id=key.json()["id"],
        key=key.json()["key"],
        audit_ids=set(audit.scalars()),
    )


async def org_rows(db: Any, org_id: str | None) -> dict[str, list[dict[str, Any]]]:
    """Every stored row of the org, read afresh (core selects, no identity map)."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for model in (Organization, Membership, Invite, ApiKey, AuditLog):
        table = model.__table__
        column = table.c.id if model is Organization else table.c.org_id
        result = await db.execute(select(table).where(column == org_id).order_by(table.c.id))
        rows[model.__tablename__] = [dict(row._mapping) for row in result]
    return rows


# --- how each org-scoped route is exercised ---------------------------------------------


@dataclass(frozen=True)
class ById:
    """A path parameter: B's admin naming A's rows gets 404 (never 403); B's own works."""

    others: Callable[[World], list[str]]
    own: Callable[[World], str]
    body: dict[str, Any] | None = None
    own_status: int = 204


@dataclass(frozen=True)
class Listing:
    """A list: B's answer has B's rows and never A's."""

    key: str
    others: Callable[[World], set[str]]
    own: Callable[[World], set[str]]


@dataclass(frozen=True)
class Own:
    """No id and no list: B acts on its own org only."""

    check: Callable[[World], Awaitable[None]]


async def current_org_is_own(w: World) -> None:
    response = await w.b.owner.browser.get(ORG)
    assert response.status_code == 200
    assert response.json()["id"] == w.b.owner.org_id


async def org_update_is_own(w: World) -> None:
    response = await w.b.owner.browser.patch(ORG, json={"name": "B Renamed", "slug": "b-renamed"})
    assert response.status_code == 200, response.text
    assert response.json()["id"] == w.b.owner.org_id
    assert (await w.a.owner.browser.get(ORG)).json()["name"] != "B Renamed"


async def invite_is_own(w: World) -> None:
    # the same addresses A has invited or has as members: A's invite must stay pending
    for email in (w.a.invite_email, w.a.teacher.email):
        response = await w.b.owner.browser.post(f"{ORG}/invites", json={"email": email})
        assert response.status_code == 201, response.text
    pending = {i["email"] for i in (await w.b.owner.browser.get(f"{ORG}/invites")).json()}
    assert {w.a.invite_email, w.a.teacher.email} <= pending
    assert (await w.a.owner.browser.get(f"/api/v1/invites/{w.a.invite_token}")).status_code == 200


async def api_key_is_own(w: World) -> None:
    response = await w.b.owner.browser.post(f"{ORG}/api-keys", json={"name": "new"})
    assert response.status_code == 201, response.text
    async with w.bearer(response.json()["key"]) as client:
        assert (await client.get(ORG)).json()["id"] == w.b.owner.org_id
        members = {m["user_id"] for m in (await client.get(f"{ORG}/members")).json()}
    assert members == {w.b.owner.user_id, w.b.teacher.user_id}


ROUTES: dict[tuple[str, str], ById | Listing | Own] = {
    ("GET", ORG): Own(current_org_is_own),
    ("PATCH", ORG): Own(org_update_is_own),
    ("GET", f"{ORG}/members"): Listing(
        "user_id",
        others=lambda w: {w.a.owner.user_id, w.a.teacher.user_id},
        own=lambda w: {w.b.owner.user_id, w.b.teacher.user_id},
    ),
    ("PATCH", f"{ORG}/members/{{user_id}}"): ById(
        others=lambda w: [w.a.teacher.user_id, w.a.owner.user_id],
        own=lambda w: w.b.teacher.user_id,
        body={"role": "admin"},
        own_status=200,
    ),
    ("DELETE", f"{ORG}/members/{{user_id}}"): ById(
        others=lambda w: [w.a.teacher.user_id, w.a.owner.user_id],
        own=lambda w: w.b.teacher.user_id,
    ),
    ("GET", f"{ORG}/invites"): Listing(
        "id", others=lambda w: {w.a.invite_id}, own=lambda w: {w.b.invite_id}
    ),
    ("POST", f"{ORG}/invites"): Own(invite_is_own),
    ("DELETE", f"{ORG}/invites/{{invite_id}}"): ById(
        others=lambda w: [w.a.invite_id], own=lambda w: w.b.invite_id
    ),
    ("GET", f"{ORG}/audit-log"): Listing(
        "id", others=lambda w: w.a.audit_ids, own=lambda w: w.b.audit_ids
    ),
    ("GET", f"{ORG}/api-keys"): Listing(
        "id", others=lambda w: {w.a.key_id}, own=lambda w: {w.b.key_id}
    ),
    ("POST", f"{ORG}/api-keys"): Own(api_key_is_own),
    ("DELETE", f"{ORG}/api-keys/{{key_id}}"): ById(
        others=lambda w: [w.a.key_id], own=lambda w: w.b.key_id
    ),
}


# Each domain proves its own routes in tests/<domain>/test_tenancy.py and lists them there.
DOMAIN_ROUTES: set[tuple[str, str]] = set().union(
    ATTEMPTS_ROUTES,
    COURSES_ROUTES,
    EXAMS_ROUTES,
    LIVE_ROUTES,
    PROCTORING_ROUTES,
    QUESTIONS_ROUTES,
    REVIEW_ROUTES,
    STUDENTS_ROUTES,
)


def test_every_org_scoped_route_is_covered(app: Any) -> None:
    found = org_scoped_routes(app)
    covered = set(ROUTES) | DOMAIN_ROUTES
    assert found == covered, (
        f"not covered by a tenancy test: {sorted(found - covered)}; "
        f"no longer org-scoped: {sorted(covered - found)}"
    )
    # routes with a path parameter are exercised id by id; everything else is not
    for (_, path), how in ROUTES.items():
        assert ("{" in path) == isinstance(how, ById), path


def test_the_enumeration_sees_guards_through_nested_dependencies(app: Any) -> None:
    paths = {route.path for route in all_routes(app)}
    assert {"/api/v1/auth/me", "/api/v1/admin/orgs", "/ws/teacher", ORG} <= paths
    found = org_scoped_routes(app)
    assert ("GET", "/api/v1/auth/me") not in found  # signed in, but not org-scoped
    assert ("GET", "/api/v1/admin/orgs") not in found
    assert ("GET", "/api/v1/invites/{token}") not in found


@pytest.fixture
def bearer(app: Any) -> Callable[[str], AsyncClient]:
    def make(key: str) -> AsyncClient:
        return AsyncClient(
            transport=ASGITransport(app=app),
            base_url="http://testserver",
            headers={"Authorization": f"Bearer {key}"},
        )

    return make


@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
async def test_org_b_cannot_reach_org_a(
    route: tuple[str, str], new_browser: Any, outbox: Any, db: Any, bearer: Any
) -> None:
    method, path = route
    w = World(
        a=await make_tenant("Alpha School", new_browser, outbox, db),
        b=await make_tenant("Beta School", new_browser, outbox, db),
        bearer=bearer,
    )
    before = await org_rows(db, w.a.owner.org_id)
    assert before["memberships"] and before["invites"] and before["api_keys"]
    how = ROUTES[route]

    if isinstance(how, ById):
        (param,) = [p for p in path.split("/") if p.startswith("{")]
        for other in how.others(w):
            url = path.replace(param, other)
            # as B's signed-in owner, and where keys may act, as B's API key
            response = await w.b.owner.browser.request(method, url, json=how.body)
            assert response.status_code == 404, (url, response.text)
            assert response.json()["error"]["code"] == "not_found"
            if "api-keys" not in path:
                async with w.bearer(w.b.key) as client:
                    keyed = await client.request(method, url, json=how.body)
                assert keyed.status_code == 404, (url, keyed.text)
        own = await w.b.owner.browser.request(
            method, path.replace(param, how.own(w)), json=how.body
        )
        assert own.status_code == how.own_status, own.text
    elif isinstance(how, Listing):
        for client in (w.b.owner.browser, w.bearer(w.b.key)):
            response = await client.request(method, path)
            assert response.status_code == 200, response.text
            seen = {row[how.key] for row in response.json()}
            assert how.own(w) <= seen
            assert not seen & how.others(w)
            assert w.a.owner.email not in response.text
            assert w.a.teacher.email not in response.text
    else:
        await how.check(w)

    db.expire_all()
    assert await org_rows(db, w.a.owner.org_id) == before
    # A's people and key still work in A
    assert (await w.a.teacher.browser.get(ORG)).json()["id"] == w.a.owner.org_id
    async with w.bearer(w.a.key) as client:
        assert (await client.get(ORG)).json()["id"] == w.a.owner.org_id


async def test_another_users_session_is_not_found(new_browser: Any) -> None:
    alice = await sign_up(new_browser())
    bob = await sign_up(new_browser())
    (alice_session,) = (await alice.browser.get("/api/v1/auth/sessions")).json()

    response = await bob.browser.delete(f"/api/v1/auth/sessions/{alice_session['id']}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert (await alice.browser.get("/api/v1/auth/me")).status_code == 200
    assert [s["id"] for s in (await alice.browser.get("/api/v1/auth/sessions")).json()] == [
        alice_session["id"]
    ]
    # Bob's own other session he may end
    second = new_browser()
    await second.post("/api/v1/auth/login", json={"email": bob.email, "password": bob.password})
    sessions = (await bob.browser.get("/api/v1/auth/sessions")).json()
    (other,) = [s for s in sessions if not s["current"]]
    assert (await bob.browser.delete(f"/api/v1/auth/sessions/{other['id']}")).status_code == 204
    assert (await second.get("/api/v1/auth/me")).status_code == 401


async def test_switching_to_an_org_you_are_not_in_is_not_found(
    new_browser: Any, outbox: Any
) -> None:
    alpha = await sign_up(new_browser())
    beta = await sign_up(new_browser())
    response = await beta.browser.post("/api/v1/auth/switch-org", json={"org_id": alpha.org_id})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert (await beta.browser.get("/api/v1/auth/me")).json()["current_org"]["id"] == beta.org_id
    assert (await beta.browser.get(ORG)).json()["id"] == beta.org_id
    unknown = await beta.browser.post("/api/v1/auth/switch-org", json={"org_id": "nope"})
    assert unknown.status_code == 404

    # once Beta's owner is invited into Alpha and accepts, the switch works
    invited = await alpha.browser.post(f"{ORG}/invites", json={"email": beta.email})
    assert invited.status_code == 201
    token = outbox.link_for(beta.email, "/invite/")
    assert (await beta.browser.post(f"/api/v1/invites/{token}/accept", json={})).status_code == 200
    back = await beta.browser.post("/api/v1/auth/switch-org", json={"org_id": beta.org_id})
    assert back.json()["current_org"]["id"] == beta.org_id
    switched = await beta.browser.post("/api/v1/auth/switch-org", json={"org_id": alpha.org_id})
    assert switched.status_code == 200
    assert switched.json()["current_org"] == {
        "id": alpha.org_id,
        "name": switched.json()["current_org"]["name"],
        "slug": switched.json()["current_org"]["slug"],
        "role": "teacher",
    }
    assert (await beta.browser.get(ORG)).json()["id"] == alpha.org_id
