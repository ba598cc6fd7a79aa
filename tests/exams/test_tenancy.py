"""One organization never sees or touches another's exams, items, groups, accommodations
or templates: another org's ids answer 404 and change nothing; lists never show them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from procta.exams.models import Accommodation, Exam, ExamGroup, ExamItem, ExamTemplate
from procta.exams.router import router
from tests.exams.helpers import (
    EXAMS,
    TEMPLATES,
    add_course,
    add_group,
    add_question,
    add_student,
    create_exam,
    set_items,
)
from tests.factories import Account, sign_up
from tests.tenancy import org_scoped_routes

E = "/api/v1/exams/{exam_id}"
T = "/api/v1/exam-templates/{template_id}"
ROUTES: set[tuple[str, str]] = {
    ("GET", EXAMS),
    ("POST", EXAMS),
    ("GET", E),
    ("PATCH", E),
    ("DELETE", E),
    ("POST", f"{E}/access-code/regenerate"),
    ("POST", f"{E}/clone"),
    ("POST", f"{E}/invites"),
    ("GET", f"{E}/questions"),
    ("PUT", f"{E}/questions"),
    ("GET", f"{E}/accommodations"),
    ("PUT", f"{E}/accommodations/{{student_id}}"),
    ("DELETE", f"{E}/accommodations/{{student_id}}"),
    ("POST", f"{E}/save-as-template"),
    ("GET", TEMPLATES),
    ("DELETE", T),
    ("POST", f"{T}/create-exam"),
}


@dataclass
class Tenant:
    account: Account
    exam_id: str
    template_id: str
    student_id: str
    question_id: str
    course_id: str
    group_id: str


async def make_tenant(browser: Any, db: Any, name: str) -> Tenant:
    account = await sign_up(browser, org_name=name)
    org = account.org_id
    assert org is not None
    course = await add_course(db, org, f"{name} course")
    student = await add_student(db, org, f"{name} student")
    group = await add_group(db, org, f"{name} group", [student])
    question = await add_question(db, org, tags=["shared-tag"], stem=f"{name} question?")
    exam = await create_exam(
        account.browser, title=f"{name} exam", course_id=course.id, group_ids=[group.id]
    )
    items = [{"question_id": question.id}]
    assert (await set_items(account.browser, exam["id"], items)).is_success
    accommodation = await account.browser.put(
        f"{EXAMS}/{exam['id']}/accommodations/{student.id}", json={"extra_minutes": 5}
    )
    assert accommodation.status_code == 200, accommodation.text
    template = await account.browser.post(
        f"{EXAMS}/{exam['id']}/save-as-template", json={"name": f"{name} template"}
    )
    assert template.status_code == 201, template.text
    return Tenant(
        account, exam["id"], template.json()["id"], student.id, question.id, course.id, group.id
    )


async def exam_rows(db: Any, org_id: str) -> dict[str, list[dict[str, Any]]]:
    db.expire_all()
    rows = {}
    for model in (Exam, ExamItem, ExamGroup, Accommodation, ExamTemplate):
        table = model.__table__
        result = await db.execute(
            select(table).where(table.c.org_id == org_id).order_by(table.c.id)
        )
        rows[table.name] = [dict(r._mapping) for r in result]
    return rows


def test_routes_lists_every_route_of_the_exams_router() -> None:
    app = FastAPI()
    app.include_router(router, prefix="/api/v1")
    assert org_scoped_routes(app) == ROUTES
    every = {(m, f"/api/v1{r.path}") for r in router.routes for m in getattr(r, "methods", ())}
    assert every == ROUTES  # none left unguarded


def by_id_requests(a: Tenant, b: Tenant) -> list[tuple[str, str, dict[str, Any] | None]]:
    """Every id route, as B naming A's rows (or B's own exam with A's student)."""
    exam, template, student = a.exam_id, a.template_id, a.student_id
    return [
        ("GET", f"{EXAMS}/{exam}", None),
        ("PATCH", f"{EXAMS}/{exam}", {"title": "Taken over"}),
        ("DELETE", f"{EXAMS}/{exam}", None),
        ("POST", f"{EXAMS}/{exam}/access-code/regenerate", None),
        ("POST", f"{EXAMS}/{exam}/clone", {}),
        ("POST", f"{EXAMS}/{exam}/invites", {"student_ids": [b.student_id]}),
        ("POST", f"{EXAMS}/{b.exam_id}/invites", {"student_ids": [a.student_id]}),
        ("POST", f"{EXAMS}/{b.exam_id}/invites", {"group_ids": [a.group_id]}),
        ("GET", f"{EXAMS}/{exam}/questions", None),
        ("PUT", f"{EXAMS}/{exam}/questions", {"items": [{"question_id": b.question_id}]}),
        ("GET", f"{EXAMS}/{exam}/accommodations", None),
        ("PUT", f"{EXAMS}/{exam}/accommodations/{b.student_id}", {"extra_minutes": 9}),
        ("PUT", f"{EXAMS}/{b.exam_id}/accommodations/{student}", {"extra_minutes": 9}),
        ("DELETE", f"{EXAMS}/{exam}/accommodations/{student}", None),
        ("DELETE", f"{EXAMS}/{b.exam_id}/accommodations/{student}", None),
        ("POST", f"{EXAMS}/{exam}/save-as-template", {"name": "Stolen"}),
        ("DELETE", f"{TEMPLATES}/{template}", None),
        ("POST", f"{TEMPLATES}/{template}/create-exam", {"title": "Stolen"}),
        # B's own rows naming A's course, groups and questions
        ("POST", EXAMS, {"title": "x", "course_id": a.course_id}),
        ("POST", EXAMS, {"title": "x", "group_ids": [a.group_id]}),
        ("PATCH", f"{EXAMS}/{b.exam_id}", {"course_id": a.course_id}),
        ("PATCH", f"{EXAMS}/{b.exam_id}", {"group_ids": [a.group_id]}),
        ("PUT", f"{EXAMS}/{b.exam_id}/questions", {"items": [{"question_id": a.question_id}]}),
        (
            "POST",
            f"{TEMPLATES}/{b.template_id}/create-exam",
            {"title": "x", "course_id": a.course_id},
        ),
    ]


@pytest.fixture
async def two_orgs(new_browser: Any, db: Any) -> tuple[Tenant, Tenant]:
    return (
        await make_tenant(new_browser(), db, "Alpha"),
        await make_tenant(new_browser(), db, "Beta"),
    )


async def test_another_orgs_ids_are_not_found_and_change_nothing(
    two_orgs: tuple[Tenant, Tenant], db: Any
) -> None:
    a, b = two_orgs
    before_a = await exam_rows(db, a.account.org_id or "")
    before_b = await exam_rows(db, b.account.org_id or "")
    for method, url, body in by_id_requests(a, b):
        response = await b.account.browser.request(method, url, json=body)
        assert response.status_code == 404, (method, url, response.text)
        assert response.json()["error"]["code"] == "not_found"
    assert await exam_rows(db, a.account.org_id or "") == before_a
    assert await exam_rows(db, b.account.org_id or "") == before_b
    # B's own rows still answer B
    own = await b.account.browser.get(f"{EXAMS}/{b.exam_id}")
    assert own.status_code == 200 and own.json()["title"] == "Beta exam"


async def test_lists_never_show_another_orgs_rows(two_orgs: tuple[Tenant, Tenant]) -> None:
    a, b = two_orgs
    exams = (await b.account.browser.get(EXAMS)).json()
    assert [e["id"] for e in exams["items"]] == [b.exam_id] and exams["total"] == 1
    by_a_course = await b.account.browser.get(EXAMS, params={"course_id": a.course_id})
    assert by_a_course.json()["total"] == 0
    assert [t["id"] for t in (await b.account.browser.get(TEMPLATES)).json()] == [b.template_id]
    # a pool of B's counts B's questions only, though A's carry the same tag
    pool = await set_items(
        b.account.browser, b.exam_id, [{"pool_tags": ["shared-tag"], "pool_count": 1}]
    )
    assert pool.json()["items"][0]["matching_count"] == 1
    too_many = await set_items(
        b.account.browser, b.exam_id, [{"pool_tags": ["shared-tag"], "pool_count": 2}]
    )
    assert too_many.status_code == 400
    accommodations = await b.account.browser.get(f"{EXAMS}/{b.exam_id}/accommodations")
    assert [x["student"]["id"] for x in accommodations.json()] == [b.student_id]
    for text in (exams, accommodations.text, pool.text):
        assert "Alpha" not in str(text)
