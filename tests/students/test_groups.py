from __future__ import annotations

from typing import Any

from procta.exams.models import Exam, ExamGroup
from tests.factories import sign_up
from tests.students.helpers import GROUPS, STUDENTS, add_group, add_student, audit_actions, error


async def member_rolls(browser: Any, group_id: str) -> list[str]:
    response = await browser.get(STUDENTS, params={"group_id": group_id, "page_size": 500})
    return [s["roll_number"] for s in response.json()["items"]]


async def test_create_list_rename_and_delete_groups(browser: Any, db: Any) -> None:
    owner = await sign_up(browser)
    science = await add_group(browser, "Science", "Thursday lab")
    assert (science["name"], science["description"], science["member_count"]) == (
        "Science",
        "Thursday lab",
        0,
    )
    arts = await add_group(browser, "Arts")
    student = await add_student(browser, "R1", "Ann", group_ids=[arts["id"]])
    listed = (await browser.get(GROUPS)).json()
    assert [(g["name"], g["member_count"]) for g in listed] == [("Arts", 1), ("Science", 0)]

    renamed = await browser.patch(f"{GROUPS}/{science['id']}", json={"name": "Physics"})
    assert renamed.status_code == 200, renamed.text
    assert (renamed.json()["name"], renamed.json()["description"]) == ("Physics", "Thursday lab")
    assert (await browser.get(f"{GROUPS}/{arts['id']}")).json()["member_count"] == 1

    assert (await browser.delete(f"{GROUPS}/{arts['id']}")).status_code == 204
    error(await browser.get(f"{GROUPS}/{arts['id']}"), 404, "not_found")
    # the student stays, without the group
    assert (await browser.get(f"{STUDENTS}/{student['id']}")).json()["groups"] == []
    assert {"group.created", "group.updated", "group.deleted"} <= set(
        await audit_actions(db, owner.org_id)
    )


async def test_group_names_are_unique_ignoring_case(browser: Any) -> None:
    await sign_up(browser)
    first = await add_group(browser, "Year 10")
    other = await add_group(browser, "Year 11")
    error(await browser.post(GROUPS, json={"name": "year 10"}), 409, "group_name_taken")
    error(
        await browser.patch(f"{GROUPS}/{other['id']}", json={"name": "YEAR 10"}),
        409,
        "group_name_taken",
    )
    same = await browser.patch(f"{GROUPS}/{first['id']}", json={"name": "Year 10"})
    assert same.status_code == 200
    for body in ({"name": ""}, {"name": "a;b"}, {"name": "x" * 121}, {"description": "d"}):
        error(await browser.post(GROUPS, json=body), 422, "validation_error")


async def test_set_add_and_remove_members(browser: Any, db: Any) -> None:
    owner = await sign_up(browser)
    group = await add_group(browser, "Exam room 1")
    s1, s2, s3 = [await add_student(browser, f"R{i}", f"Student {i}") for i in (1, 2, 3)]

    put = await browser.put(
        f"{GROUPS}/{group['id']}/members", json={"student_ids": [s1["id"], s2["id"], s1["id"]]}
    )
    assert put.status_code == 200, put.text
    assert put.json()["member_count"] == 2
    assert await member_rolls(browser, group["id"]) == ["R1", "R2"]

    put = await browser.put(
        f"{GROUPS}/{group['id']}/members", json={"student_ids": [s2["id"], s3["id"]]}
    )
    assert put.json()["member_count"] == 2
    assert await member_rolls(browser, group["id"]) == ["R2", "R3"]

    added = await browser.post(
        f"{GROUPS}/{group['id']}/members", json={"student_ids": [s1["id"], s3["id"]]}
    )
    assert added.status_code == 200, added.text
    assert added.json()["member_count"] == 3

    removed = await browser.delete(f"{GROUPS}/{group['id']}/members/{s2['id']}")
    assert removed.status_code == 204
    assert await member_rolls(browser, group["id"]) == ["R1", "R3"]
    error(await browser.delete(f"{GROUPS}/{group['id']}/members/{s2['id']}"), 404, "not_found")

    emptied = await browser.put(f"{GROUPS}/{group['id']}/members", json={"student_ids": []})
    assert emptied.json()["member_count"] == 0
    actions = set(await audit_actions(db, owner.org_id))
    assert {"group.members_set", "group.members_added", "group.member_removed"} <= actions


async def test_unknown_member_ids_change_nothing_and_name_none(new_browser: Any) -> None:
    owner = await sign_up(new_browser())
    other = await sign_up(new_browser())
    outsider = await add_student(other.browser, "X1", "Outsider")
    group = await add_group(owner.browser, "G")
    s1 = await add_student(owner.browser, "R1", "Mine")
    for method in ("PUT", "POST"):
        for ids in ([s1["id"], outsider["id"]], [s1["id"], "does-not-exist"]):
            response = await owner.browser.request(
                method, f"{GROUPS}/{group['id']}/members", json={"student_ids": ids}
            )
            body = error(response, 404, "not_found")
            assert ids[1] not in body["message"]
            assert "1 of the students" in body["message"]
    assert await member_rolls(owner.browser, group["id"]) == []
    error(
        await owner.browser.delete(f"{GROUPS}/{group['id']}/members/{outsider['id']}"),
        404,
        "not_found",
    )


async def test_group_an_exam_is_restricted_to_cannot_be_deleted(browser: Any, db: Any) -> None:
    owner = await sign_up(browser)
    group = await add_group(browser, "Restricted")
    exam = Exam(org_id=owner.org_id, title="Final exam")
    db.add(exam)
    await db.flush()
    db.add(ExamGroup(org_id=owner.org_id, exam_id=exam.id, group_id=group["id"]))
    await db.flush()
    body = error(await browser.delete(f"{GROUPS}/{group['id']}"), 409, "group_in_use")
    assert "Final exam" in body["message"]
    assert (await browser.get(f"{GROUPS}/{group['id']}")).status_code == 200
