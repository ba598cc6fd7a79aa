"""Another org's students, groups and links are invisible: 404 by id, absent from lists
and exports, and nothing of theirs changes."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from procta.students.models import GroupMember, RegistrationLink, Student, StudentGroup
from tests.factories import Account, sign_up
from tests.students.helpers import GROUPS, STUDENTS, add_group, add_student, error

STUDENT = f"{STUDENTS}/{{student_id}}"
GROUP = f"{GROUPS}/{{group_id}}"
MEMBERS = f"{GROUP}/members"
LINK = "/api/v1/registration-link"

ROUTES: set[tuple[str, str]] = {
    ("GET", STUDENTS),
    ("POST", STUDENTS),
    ("GET", f"{STUDENTS}/count"),
    ("GET", f"{STUDENTS}/export.csv"),
    ("POST", f"{STUDENTS}/import"),
    ("GET", STUDENT),
    ("PATCH", STUDENT),
    ("DELETE", STUDENT),
    ("GET", GROUPS),
    ("POST", GROUPS),
    ("GET", GROUP),
    ("PATCH", GROUP),
    ("DELETE", GROUP),
    ("PUT", MEMBERS),
    ("POST", MEMBERS),
    ("DELETE", f"{MEMBERS}/{{student_id}}"),
    ("GET", LINK),
    ("POST", f"{LINK}/rotate"),
}


@dataclass
class Side:
    account: Account
    student: dict[str, Any]
    group: dict[str, Any]
    token: str


async def make_side(browser: Any, name: str) -> Side:
    account = await sign_up(browser, org_name=name)
    group = await add_group(browser, "Shared name")
    student = await add_student(
        browser,
        "SAME-ROLL",
        f"{name} student",
        f"pupil@{name.lower()}.example",
        group_ids=[group["id"]],
    )
    token = (await browser.get(LINK)).json()["token"]
    return Side(account, student, group, token)


async def snapshot(db: Any, org_id: str | None) -> dict[str, list[dict[str, Any]]]:
    db.expire_all()
    found = {}
    for model in (Student, StudentGroup, GroupMember, RegistrationLink):
        table = model.__table__
        result = await db.execute(
            select(table).where(table.c.org_id == org_id).order_by(table.c.id)
        )
        found[table.name] = [dict(r._mapping) for r in result]
    return found


@pytest.fixture
async def two(new_browser: Any) -> tuple[Side, Side]:
    return await make_side(new_browser(), "Alpha"), await make_side(new_browser(), "Beta")


def test_routes_are_the_org_scoped_student_routes(app: Any) -> None:
    from tests.test_tenancy import all_routes, org_scoped_routes

    ours = {
        (method, route.path)
        for route in all_routes(app)
        if getattr(route, "endpoint", None) is not None
        and route.endpoint.__module__ == "procta.students.router"
        for method in route.methods
    }
    public = {("GET", "/api/v1/register/{token}"), ("POST", "/api/v1/register/{token}")}
    assert ours - public == ROUTES
    assert org_scoped_routes(app) >= ROUTES
    assert not public & org_scoped_routes(app)


ID_CALLS = [
    ("GET", STUDENT, None),
    ("PATCH", STUDENT, {"name": "Hijacked"}),
    ("DELETE", STUDENT, None),
    ("GET", GROUP, None),
    ("PATCH", GROUP, {"name": "Hijacked"}),
    ("DELETE", GROUP, None),
    ("PUT", MEMBERS, {"student_ids": []}),
    ("POST", MEMBERS, {"student_ids": []}),
    ("DELETE", f"{MEMBERS}/{{student_id}}", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ID_CALLS, ids=lambda v: str(v))
async def test_other_orgs_ids_are_not_found(
    method: str, path: str, body: Any, two: tuple[Side, Side], db: Any
) -> None:
    a, b = two
    before = await snapshot(db, a.account.org_id)
    url = path.replace("{student_id}", a.student["id"]).replace("{group_id}", a.group["id"])
    error(await b.account.browser.request(method, url, json=body), 404, "not_found")
    assert await snapshot(db, a.account.org_id) == before
    own = path.replace("{student_id}", b.student["id"]).replace("{group_id}", b.group["id"])
    response = await b.account.browser.request(method, own, json=body)
    assert response.status_code in (200, 204), response.text


async def test_other_orgs_ids_inside_bodies_and_filters_are_not_found(
    two: tuple[Side, Side], db: Any
) -> None:
    a, b = two
    before_a, before_b = await snapshot(db, a.account.org_id), await snapshot(db, b.account.org_id)
    browser = b.account.browser
    for method in ("PUT", "POST"):
        response = await browser.request(
            method, f"{GROUPS}/{b.group['id']}/members", json={"student_ids": [a.student["id"]]}
        )
        error(response, 404, "not_found")
    # B's group, A's student (and A's group, B's student)
    error(
        await browser.delete(f"{GROUPS}/{b.group['id']}/members/{a.student['id']}"),
        404,
        "not_found",
    )
    error(
        await browser.delete(f"{GROUPS}/{a.group['id']}/members/{b.student['id']}"),
        404,
        "not_found",
    )
    error(
        await browser.patch(f"{STUDENTS}/{b.student['id']}", json={"group_ids": [a.group["id"]]}),
        404,
        "not_found",
    )
    error(
        await browser.post(
            STUDENTS, json={"roll_number": "N", "name": "N", "group_ids": [a.group["id"]]}
        ),
        404,
        "not_found",
    )
    error(await browser.get(STUDENTS, params={"group_id": a.group["id"]}), 404, "not_found")
    error(
        await browser.get(f"{STUDENTS}/export.csv", params={"group_id": a.group["id"]}),
        404,
        "not_found",
    )
    assert await snapshot(db, a.account.org_id) == before_a
    assert await snapshot(db, b.account.org_id) == before_b


async def test_lists_counts_and_exports_show_only_own_rows(two: tuple[Side, Side]) -> None:
    a, b = two
    browser = b.account.browser
    for params in ({}, {"q": "student"}, {"q": "SAME-ROLL"}, {"mine": "true"}):
        page = (await browser.get(STUDENTS, params=params)).json()
        assert a.student["id"] not in {s["id"] for s in page["items"]}
        assert "Alpha" not in str(page)
    listed = (await browser.get(STUDENTS)).json()["items"]
    assert [s["id"] for s in listed] == [b.student["id"]]
    groups = (await browser.get(GROUPS)).json()
    assert [(g["id"], g["member_count"]) for g in groups] == [(b.group["id"], 1)]
    assert (await browser.get(f"{STUDENTS}/count")).json() == {"total": 1, "mine": 0}
    exported = list(csv.reader(io.StringIO((await browser.get(f"{STUDENTS}/export.csv")).text)))
    assert [row[1] for row in exported[1:]] == ["Beta student"]


async def test_import_and_create_act_on_own_org_only(two: tuple[Side, Side], db: Any) -> None:
    a, b = two
    before = await snapshot(db, a.account.org_id)
    text = (
        "roll_number,name,email,group\n"
        "SAME-ROLL,Renamed,x@y.example,Shared name\n"
        "NEW,New,,Shared name\n"
    )
    response = await b.account.browser.post(
        f"{STUDENTS}/import",
        params={"update_existing": "true"},
        files={"file": ("r.csv", text.encode(), "text/csv")},
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"imported": 1, "updated": 1, "errors": []}
    created = await add_group(b.account.browser, "Only in Beta")
    assert (await b.account.browser.post(f"{LINK}/rotate")).status_code == 200
    assert await snapshot(db, a.account.org_id) == before
    assert created["id"] not in {g["id"] for g in (await a.account.browser.get(GROUPS)).json()}
    assert (await a.account.browser.get(LINK)).json()["token"] == a.token
