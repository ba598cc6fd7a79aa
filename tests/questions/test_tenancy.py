"""One organization never sees or touches another's questions: ids from another org are
404 (never 403) and leave the rows as they were; lists, tags and exports show only the
caller's own."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import routing
from fastapi.routing import APIRoute
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select

from procta.auth import deps
from procta.questions.models import Question
from tests.factories import Account, sign_up
from tests.questions.samples import API, SAMPLES, create, error_of

ROUTES: set[tuple[str, str]] = {
    ("GET", API),
    ("POST", API),
    ("GET", f"{API}/tags"),
    ("GET", f"{API}/export.csv"),
    ("GET", f"{API}/export.qti"),
    ("POST", f"{API}/import.csv"),
    ("POST", f"{API}/import.qti"),
    ("GET", f"{API}/{{question_id}}"),
    ("PATCH", f"{API}/{{question_id}}"),
    ("DELETE", f"{API}/{{question_id}}"),
}


def guarded_question_routes(app: Any) -> Iterator[tuple[str, str]]:
    """Question routes behind an org guard. (tests/test_tenancy.py imports ROUTES from here,
    so this module must not import it back.)"""

    def calls(dependant: Any) -> Iterator[Any]:
        for dependency in dependant.dependencies:
            yield dependency.call
            yield from calls(dependency)

    flatten = getattr(routing, "iter_route_contexts", None)
    for route in flatten(app.routes) if flatten else app.routes:
        if not isinstance(getattr(route, "original_route", route), APIRoute):
            continue
        if route.path.startswith(API) and any(
            call in (deps.org_member, deps.org_admin) for call in calls(route.dependant)
        ):
            yield from ((method, route.path) for method in route.methods)


def test_routes_lists_every_org_scoped_question_route(app: Any) -> None:
    assert set(guarded_question_routes(app)) == ROUTES


async def rows_of(db: Any, org_id: str | None) -> list[dict[str, Any]]:
    table = Question.__table__
    result = await db.execute(select(table).where(table.c.org_id == org_id).order_by(table.c.id))
    return [dict(row._mapping) for row in result]


async def api_key_client(app: Any, owner: Account) -> AsyncClient:
    key = await owner.browser.post("/api/v1/orgs/current/api-keys", json={"name": "lms"})
    assert key.status_code == 201, key.text
    return AsyncClient(
        transport=ASGITransport(app=app),
        base_url="http://testserver",
        headers={"Authorization": f"Bearer {key.json()['key']}"},
    )


@pytest.fixture
async def alpha(new_browser: Any) -> tuple[Account, dict[str, Any]]:
    owner = await sign_up(new_browser(), org_name="Alpha School")
    question = await create(owner.browser, {**SAMPLES[0], "tags": ["alpha-only"]})
    return owner, question


async def test_another_orgs_question_is_not_found(
    alpha: tuple[Account, dict[str, Any]], new_browser: Any, db: Any, app: Any
) -> None:
    a, theirs = alpha
    b = await sign_up(new_browser(), org_name="Beta School")
    mine = await create(b.browser, SAMPLES[2])
    before = await rows_of(db, a.org_id)
    url = f"{API}/{theirs['id']}"

    async with await api_key_client(app, b) as keyed:
        for client in (b.browser, keyed):
            error_of(await client.get(url), 404, "not_found")
            error_of(await client.patch(url, json={"stem": "Taken over"}), 404, "not_found")
            error_of(await client.delete(url), 404, "not_found")
        # B's own question is there for B (and its API key)
        assert (await keyed.get(f"{API}/{mine['id']}")).status_code == 200
    edited = await b.browser.patch(f"{API}/{mine['id']}", json={"points": 3})
    assert edited.status_code == 200, edited.text
    assert (await b.browser.delete(f"{API}/{mine['id']}")).status_code == 204

    db.expire_all()
    assert await rows_of(db, a.org_id) == before
    assert (await a.browser.get(url)).json() == theirs


async def test_lists_tags_and_exports_show_only_the_callers_questions(
    alpha: tuple[Account, dict[str, Any]], new_browser: Any, app: Any
) -> None:
    _, theirs = alpha
    b = await sign_up(new_browser(), org_name="Beta School")
    mine = await create(b.browser, {**SAMPLES[3], "tags": ["beta-only"]})

    async with await api_key_client(app, b) as keyed:
        for client in (b.browser, keyed):
            listed = (await client.get(API, params={"q": "planet"})).json()
            assert listed["total"] == 0
            everything = (await client.get(API)).json()
            assert [q["id"] for q in everything["items"]] == [mine["id"]]
            assert (await client.get(API, params={"tag": "alpha-only"})).json()["items"] == []
            tags = (await client.get(f"{API}/tags")).json()
            assert tags == [{"tag": "beta-only", "count": 1}]

    exported = await b.browser.get(f"{API}/export.csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [r["stem"] for r in rows] == [mine["stem"]]
    package = zipfile.ZipFile(io.BytesIO((await b.browser.get(f"{API}/export.qti")).content))
    assert f"items/q-{mine['id']}.xml" in package.namelist()
    assert f"items/q-{theirs['id']}.xml" not in package.namelist()
    assert theirs["stem"].encode() not in b"".join(package.read(n) for n in package.namelist())


async def test_created_and_imported_questions_land_in_the_callers_org(
    alpha: tuple[Account, dict[str, Any]], new_browser: Any, db: Any
) -> None:
    a, theirs = alpha
    b = await sign_up(new_browser(), org_name="Beta School")
    before = await rows_of(db, a.org_id)

    await create(b.browser, SAMPLES[4])
    csv_file = (await a.browser.get(f"{API}/export.csv")).content
    qti_file = (await a.browser.get(f"{API}/export.qti")).content
    for path, content in (("import.csv", csv_file), ("import.qti", qti_file)):
        response = await b.browser.post(f"{API}/{path}", files={"file": ("f", content, "x/y")})
        assert response.status_code == 200, response.text
        assert response.json()["imported"] == 1
        assert theirs["id"] not in response.json()["question_ids"]

    db.expire_all()
    assert await rows_of(db, a.org_id) == before
    assert len(await rows_of(db, b.org_id)) == 3
    assert [q["id"] for q in (await a.browser.get(API)).json()["items"]] == [theirs["id"]]
