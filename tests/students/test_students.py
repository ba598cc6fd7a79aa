from __future__ import annotations

from typing import Any

from tests.factories import invite_and_join, sign_up
from tests.students.helpers import STUDENTS, add_group, add_student, audit_actions, error


async def test_create_get_update_delete_student(browser: Any, db: Any) -> None:
    owner = await sign_up(browser)
    group = await add_group(browser, "Year 9")
    student = await add_student(
        browser, " R-001 ", " Ada Lovelace ", "Ada@Example.COM", group_ids=[group["id"]]
    )
    assert student["roll_number"] == "R-001"
    assert student["name"] == "Ada Lovelace"
    assert student["email"] == "ada@example.com"
    assert student["teacher_id"] is None
    assert student["groups"] == [{"id": group["id"], "name": "Year 9"}]
    assert (await browser.get(f"{STUDENTS}/{student['id']}")).json() == student

    updated = await browser.patch(
        f"{STUDENTS}/{student['id']}",
        json={"name": "Ada King", "email": None, "group_ids": []},
    )
    assert updated.status_code == 200, updated.text
    body = updated.json()
    assert (body["roll_number"], body["name"], body["email"], body["groups"]) == (
        "R-001",
        "Ada King",
        None,
        [],
    )

    assert (await browser.delete(f"{STUDENTS}/{student['id']}")).status_code == 204
    error(await browser.get(f"{STUDENTS}/{student['id']}"), 404, "not_found")
    actions = await audit_actions(db, owner.org_id)
    assert {"student.created", "student.updated", "student.deleted"} <= set(actions)


async def test_roll_number_is_unique_in_the_org(new_browser: Any) -> None:
    owner = await sign_up(new_browser())
    await add_student(owner.browser, "R1", "First")
    second = await add_student(owner.browser, "R2", "Second")
    error(
        await owner.browser.post(STUDENTS, json={"roll_number": "R1", "name": "Again"}),
        409,
        "roll_taken",
    )
    error(
        await owner.browser.patch(f"{STUDENTS}/{second['id']}", json={"roll_number": "R1"}),
        409,
        "roll_taken",
    )
    # the same roll number is fine in another org
    other = await sign_up(new_browser())
    await add_student(other.browser, "R1", "Elsewhere")
    listed = (await owner.browser.get(STUDENTS)).json()
    assert [s["name"] for s in listed["items"]] == ["First", "Second"]


async def test_search_filter_sort_and_paginate(browser: Any) -> None:
    await sign_up(browser)
    group = await add_group(browser, "Lab A")
    names = ["Zoe Zeta", "Amir Alpha", "Bea Beta", "Cy Gamma", "Dee 100%_ok"]
    made = []
    for i, name in enumerate(names, start=1):
        extra = {"group_ids": [group["id"]]} if i % 2 else {}
        made.append(await add_student(browser, f"S{i:02}", name, f"s{i}@uni.example", **extra))

    page = (await browser.get(STUDENTS, params={"page_size": 2})).json()
    assert page["total"] == 5
    assert (page["page"], page["page_size"]) == (1, 2)
    assert [s["roll_number"] for s in page["items"]] == ["S01", "S02"]
    page3 = (await browser.get(STUDENTS, params={"page_size": 2, "page": 3})).json()
    assert [s["roll_number"] for s in page3["items"]] == ["S05"]

    def rolls(response: Any) -> list[str]:
        return [s["roll_number"] for s in response.json()["items"]]

    assert rolls(await browser.get(STUDENTS, params={"q": "beta"})) == ["S03"]
    assert rolls(await browser.get(STUDENTS, params={"q": "s04"})) == ["S04"]
    assert rolls(await browser.get(STUDENTS, params={"q": "S2@UNI"})) == ["S02"]
    # LIKE wildcards are matched literally
    assert rolls(await browser.get(STUDENTS, params={"q": "100%_"})) == ["S05"]
    assert rolls(await browser.get(STUDENTS, params={"q": "%"})) == ["S05"]
    assert rolls(await browser.get(STUDENTS, params={"group_id": group["id"]})) == [
        "S01",
        "S03",
        "S05",
    ]
    by_name = await browser.get(STUDENTS, params={"sort": "name"})
    assert [s["name"] for s in by_name.json()["items"]] == sorted(names)
    newest = await browser.get(STUDENTS, params={"sort": "-created_at"})
    assert len(newest.json()["items"]) == 5

    error(await browser.get(STUDENTS, params={"group_id": "nope"}), 404, "not_found")
    error(await browser.get(STUDENTS, params={"sort": "email; drop"}), 422, "validation_error")
    error(await browser.get(STUDENTS, params={"page": 0}), 422, "validation_error")


async def test_mine_lists_students_registered_through_my_link(
    new_browser: Any, outbox: Any
) -> None:
    owner = await sign_up(new_browser())
    teacher = await invite_and_join(owner, new_browser(), outbox)
    await add_student(owner.browser, "HAND-1", "Added by hand")
    token = (await teacher.browser.get("/api/v1/registration-link")).json()["token"]
    registered = await new_browser().post(
        f"/api/v1/register/{token}",
        json={"roll_number": "LINK-1", "name": "Self Registered", "email": "self@x.example"},
    )
    assert registered.status_code == 201, registered.text

    mine = (await teacher.browser.get(STUDENTS, params={"mine": "true"})).json()
    assert [s["roll_number"] for s in mine["items"]] == ["LINK-1"]
    assert mine["items"][0]["teacher_id"] == teacher.user_id
    assert (await owner.browser.get(STUDENTS, params={"mine": "true"})).json()["total"] == 0
    assert (await owner.browser.get(STUDENTS)).json()["total"] == 2

    assert (await teacher.browser.get(f"{STUDENTS}/count")).json() == {"total": 2, "mine": 1}
    assert (await owner.browser.get(f"{STUDENTS}/count")).json() == {"total": 2, "mine": 0}


async def test_bad_student_input_writes_nothing(browser: Any) -> None:
    await sign_up(browser)
    for body in (
        {"roll_number": "", "name": "No roll"},
        {"roll_number": "R1", "name": "  "},
        {"roll_number": "R1", "name": "Bad mail", "email": "not-an-email"},
        {"roll_number": "R\x001", "name": "Nul"},
        {"roll_number": "R" * 61, "name": "Long"},
        {"roll_number": "R1", "name": "Tab\there"},
    ):
        error(await browser.post(STUDENTS, json=body), 422, "validation_error")
    unknown_group = await browser.post(
        STUDENTS, json={"roll_number": "R1", "name": "X", "group_ids": ["missing"]}
    )
    error(unknown_group, 404, "not_found")
    assert (await browser.get(STUDENTS)).json()["total"] == 0


async def test_student_with_attempts_cannot_be_deleted(browser: Any, db: Any) -> None:
    from datetime import timedelta

    from procta.attempts.models import Attempt
    from procta.db import utcnow
    from procta.exams.models import Exam

    owner = await sign_up(browser)
    student = await add_student(browser, "R1", "Took an exam")
    exam = Exam(org_id=owner.org_id, title="Quiz")
    db.add(exam)
    await db.flush()
    db.add(
        Attempt(
            org_id=owner.org_id,
            exam_id=exam.id,
            student_id=student["id"],
            seed=1,
            token_hash="t" * 64,
            started_at=utcnow(),
            deadline_at=utcnow() + timedelta(hours=1),
        )
    )
    await db.flush()
    error(await browser.delete(f"{STUDENTS}/{student['id']}"), 409, "student_has_attempts")
    assert (await browser.get(f"{STUDENTS}/{student['id']}")).status_code == 200


async def test_mine_needs_a_person_not_an_api_key(browser: Any, app: Any) -> None:
    from httpx import ASGITransport, AsyncClient

    await sign_up(browser)
    key = (await browser.post("/api/v1/orgs/current/api-keys", json={"name": "k"})).json()["key"]
    async with AsyncClient(
        transport=ASGITransport(app=app),
        base_url="http://testserver",
        headers={"Authorization": f"Bearer {key}"},
    ) as client:
        await add_student(client, "K1", "Via key")
        error(await client.get(STUDENTS, params={"mine": "true"}), 403, "user_required")
        assert (await client.get(f"{STUDENTS}/count")).json() == {"total": 1, "mine": 0}
        error(await client.get("/api/v1/registration-link"), 403, "user_required")


async def test_ids_that_cannot_exist_are_refused_up_front(browser: Any) -> None:
    """A NUL byte would reach PostgreSQL as an error; it is a 422 instead."""
    await sign_up(browser)
    for url in (
        f"{STUDENTS}/a%00b",
        "/api/v1/groups/a%00b",
        "/api/v1/groups/a%00b/members/b%00c",
        "/api/v1/register/a%00b",
    ):
        error(
            await browser.get(url) if "members" not in url else await browser.delete(url),
            422,
            "validation_error",
        )
    error(await browser.get(STUDENTS, params={"group_id": "a\x00"}), 422, "validation_error")
    body = {"student_ids": ["ok", "bad\x00"]}
    error(await browser.put("/api/v1/groups/x/members", json=body), 422, "validation_error")
