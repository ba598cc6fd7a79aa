"""Another org's courses are invisible: 404 by id, absent from lists, rows unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from procta.courses.models import Course
from tests.factories import sign_up

COURSES = "/api/v1/courses"
COURSE = f"{COURSES}/{{course_id}}"

ROUTES: set[tuple[str, str]] = {
    ("GET", COURSES),
    ("POST", COURSES),
    ("GET", COURSE),
    ("PATCH", COURSE),
    ("DELETE", COURSE),
}


async def rows(db: Any, org_id: str) -> list[dict[str, Any]]:
    table = Course.__table__
    result = await db.execute(select(table).where(table.c.org_id == org_id).order_by(table.c.id))
    return [dict(r._mapping) for r in result]


def test_routes_are_the_org_scoped_course_routes(app: Any) -> None:
    from tests.test_tenancy import all_routes, org_scoped_routes

    ours = {
        (method, route.path)
        for route in all_routes(app)
        if getattr(route, "endpoint", None) is not None
        and route.endpoint.__module__ == "procta.courses.router"
        for method in route.methods
    }
    assert ours == ROUTES
    assert org_scoped_routes(app) >= ROUTES


@pytest.mark.parametrize(
    ("method", "body"), [("GET", None), ("PATCH", {"name": "x"}), ("DELETE", None)]
)
async def test_other_orgs_course_is_not_found(
    method: str, body: Any, new_browser: Any, db: Any
) -> None:
    alpha = await sign_up(new_browser())
    beta = await sign_up(new_browser())
    theirs = (await alpha.browser.post(COURSES, json={"name": "Alpha course"})).json()
    own = (await beta.browser.post(COURSES, json={"name": "Beta course"})).json()
    before = await rows(db, alpha.org_id or "")

    response = await beta.browser.request(method, f"{COURSES}/{theirs['id']}", json=body)
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "not_found"
    mine = await beta.browser.request(method, f"{COURSES}/{own['id']}", json=body)
    assert mine.status_code in (200, 204), mine.text

    db.expire_all()
    assert await rows(db, alpha.org_id or "") == before


async def test_lists_never_show_another_orgs_courses(new_browser: Any) -> None:
    alpha = await sign_up(new_browser())
    beta = await sign_up(new_browser())
    theirs = (await alpha.browser.post(COURSES, json={"name": "Alpha course"})).json()
    own = (await beta.browser.post(COURSES, json={"name": "Beta course"})).json()
    for params in ({}, {"all": "true", "include_archived": "true"}):
        seen = {c["id"] for c in (await beta.browser.get(COURSES, params=params)).json()}
        assert seen == {own["id"]}
        assert theirs["id"] not in seen
