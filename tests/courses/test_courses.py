from __future__ import annotations

from typing import Any

from sqlalchemy import select

from procta.audit.models import AuditLog
from tests.factories import invite_and_join, sign_up

COURSES = "/api/v1/courses"


async def create(browser: Any, **body: Any) -> dict[str, Any]:
    response = await browser.post(COURSES, json=body)
    assert response.status_code == 201, response.text
    course: dict[str, Any] = response.json()
    return course


async def test_create_course_defaults_to_the_caller_as_teacher(browser: Any, db: Any) -> None:
    owner = await sign_up(browser, name="Olga Owner")
    course = await create(browser, name="  Physics 101 ", code="PHY101")
    assert course["name"] == "Physics 101"
    assert course["code"] == "PHY101"
    assert course["teacher_id"] == owner.user_id
    assert course["teacher_name"] == "Olga Owner"
    assert course["archived"] is False
    fetched = await browser.get(f"{COURSES}/{course['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == course
    actions = (
        await db.execute(select(AuditLog.action).where(AuditLog.org_id == owner.org_id))
    ).scalars()
    assert "course.created" in set(actions)


async def test_list_shows_my_courses_unless_all(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser())
    teacher = await invite_and_join(owner, new_browser(), outbox, name="Tess Teacher")
    mine = await create(owner.browser, name="Algebra")
    theirs = await create(teacher.browser, name="Biology")
    assigned = await create(owner.browser, name="Chemistry", teacher_id=teacher.user_id)
    assert assigned["teacher_name"] == "Tess Teacher"

    listed = (await owner.browser.get(COURSES)).json()
    assert [c["id"] for c in listed] == [mine["id"]]
    listed = (await teacher.browser.get(COURSES)).json()
    assert [c["id"] for c in listed] == [theirs["id"], assigned["id"]]
    everything = (await teacher.browser.get(COURSES, params={"all": "true"})).json()
    assert [c["name"] for c in everything] == ["Algebra", "Biology", "Chemistry"]


async def test_archive_hides_from_the_default_list(browser: Any) -> None:
    await sign_up(browser)
    course = await create(browser, name="Old course")
    response = await browser.patch(f"{COURSES}/{course['id']}", json={"archived": True})
    assert response.status_code == 200, response.text
    assert response.json()["archived"] is True
    assert (await browser.get(COURSES)).json() == []
    shown = (await browser.get(COURSES, params={"include_archived": "true"})).json()
    assert [c["id"] for c in shown] == [course["id"]]


async def test_update_and_unassign_teacher(browser: Any) -> None:
    await sign_up(browser)
    course = await create(browser, name="History", code="H1")
    response = await browser.patch(
        f"{COURSES}/{course['id']}", json={"name": "World History", "teacher_id": None}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["name"], body["code"], body["teacher_id"], body["teacher_name"]) == (
        "World History",
        "H1",
        None,
        None,
    )


async def test_teacher_from_another_org_is_refused(new_browser: Any) -> None:
    owner = await sign_up(new_browser())
    stranger = await sign_up(new_browser())
    response = await owner.browser.post(
        COURSES, json={"name": "Maths", "teacher_id": stranger.user_id}
    )
    assert response.status_code == 404
    assert "teacher" in response.json()["error"]["message"]
    assert (await owner.browser.get(COURSES, params={"all": "true"})).json() == []
    course = await create(owner.browser, name="Maths")
    patched = await owner.browser.patch(
        f"{COURSES}/{course['id']}", json={"teacher_id": stranger.user_id}
    )
    assert patched.status_code == 404
    assert (await owner.browser.get(f"{COURSES}/{course['id']}")).json()["teacher_id"] == (
        owner.user_id
    )


async def test_delete_course(browser: Any) -> None:
    await sign_up(browser)
    course = await create(browser, name="Gone soon")
    assert (await browser.delete(f"{COURSES}/{course['id']}")).status_code == 204
    assert (await browser.get(f"{COURSES}/{course['id']}")).status_code == 404
    assert (await browser.delete(f"{COURSES}/{course['id']}")).status_code == 404


async def test_bad_course_input_is_422(browser: Any) -> None:
    await sign_up(browser)
    for body in ({"name": ""}, {"name": "   "}, {"name": "x" * 161}, {"name": "a\x00b"}, {}):
        response = await browser.post(COURSES, json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["error"]["code"] == "validation_error"
    assert (await browser.get(COURSES, params={"all": "true"})).json() == []


async def test_courses_need_sign_in(new_browser: Any) -> None:
    assert (await new_browser().get(COURSES)).status_code == 401


async def test_course_id_with_a_nul_byte_is_422(browser: Any) -> None:
    await sign_up(browser)
    for method in ("GET", "PATCH", "DELETE"):
        response = await browser.request(method, f"{COURSES}/a%00b", json={})
        assert response.status_code == 422, response.text
    response = await browser.post(COURSES, json={"name": "X", "teacher_id": "a\x00"})
    assert response.status_code == 422, response.text
