from __future__ import annotations

from typing import Any

from tests.factories import invite_and_join, sign_up
from tests.students.helpers import STUDENTS, add_student, audit_actions, error

LINK = "/api/v1/registration-link"


def ada(**overrides: str) -> dict[str, str]:
    return {"roll_number": "21CS001", "name": "Ada Byron", "email": "ada@uni.example", **overrides}


async def test_link_is_stable_unique_per_teacher_and_public(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser(), org_name="Riverside College", name="Rhea Owner")
    teacher = await invite_and_join(owner, new_browser(), outbox, name="Theo Teacher")
    first = (await owner.browser.get(LINK)).json()
    assert first["url"] == f"http://testserver/register/{first['token']}"
    assert (await owner.browser.get(LINK)).json() == first
    theirs = (await teacher.browser.get(LINK)).json()
    assert theirs["token"] != first["token"]

    visitor = new_browser()
    info = await visitor.get(f"/api/v1/register/{theirs['token']}")
    assert info.status_code == 200, info.text
    assert info.json() == {"org_name": "Riverside College", "teacher_name": "Theo Teacher"}
    error(await visitor.get("/api/v1/register/not-a-real-token"), 404, "link_invalid")


async def test_student_registers_and_appears_for_that_teacher(
    new_browser: Any, outbox: Any, db: Any
) -> None:
    owner = await sign_up(new_browser())
    teacher = await invite_and_join(owner, new_browser(), outbox)
    token = (await teacher.browser.get(LINK)).json()["token"]
    visitor = new_browser()
    response = await visitor.post(f"/api/v1/register/{token}", json=ada(email="Ada@Uni.example"))
    assert response.status_code == 201, response.text
    student = response.json()
    assert set(student) == {"id", "roll_number", "name", "email"}
    assert (student["roll_number"], student["email"]) == ("21CS001", "ada@uni.example")

    seen = (await teacher.browser.get(f"{STUDENTS}/{student['id']}")).json()
    assert seen["teacher_id"] == teacher.user_id
    mine = (await teacher.browser.get(STUDENTS, params={"mine": "true"})).json()
    assert [s["id"] for s in mine["items"]] == [student["id"]]
    assert "student.registered" in await audit_actions(db, owner.org_id)

    # registering again with the same roll number and email changes nothing
    again = await visitor.post(f"/api/v1/register/{token}", json=ada(name="Someone Else"))
    assert again.status_code == 200, again.text
    assert again.json() == student
    # through another teacher's link: the student stays the first teacher's
    owner_token = (await owner.browser.get(LINK)).json()["token"]
    third = await visitor.post(f"/api/v1/register/{owner_token}", json=ada())
    assert third.status_code == 200
    assert (await teacher.browser.get(f"{STUDENTS}/count")).json() == {"total": 1, "mine": 1}
    # another email: someone else's roll number
    clash = await visitor.post(f"/api/v1/register/{token}", json=ada(email="eve@uni.example"))
    error(clash, 409, "roll_taken")


async def test_roll_number_added_by_hand_without_email_is_not_taken_over(
    browser: Any, new_browser: Any
) -> None:
    await sign_up(browser)
    await add_student(browser, "21CS001", "Listed By Hand")
    token = (await browser.get(LINK)).json()["token"]
    error(await new_browser().post(f"/api/v1/register/{token}", json=ada()), 409, "roll_taken")
    listed = (await browser.get(STUDENTS)).json()["items"]
    assert [(s["name"], s["teacher_id"]) for s in listed] == [("Listed By Hand", None)]


async def test_rotate_makes_the_old_link_stop_working(
    browser: Any, new_browser: Any, db: Any
) -> None:
    owner = await sign_up(browser)
    old = (await browser.get(LINK)).json()
    rotated = await browser.post(f"{LINK}/rotate")
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()
    assert new["token"] != old["token"]
    assert new["url"].endswith(new["token"])
    assert (await browser.get(LINK)).json() == new
    visitor = new_browser()
    error(await visitor.get(f"/api/v1/register/{old['token']}"), 404, "link_invalid")
    error(await visitor.post(f"/api/v1/register/{old['token']}", json=ada()), 404, "link_invalid")
    assert (await visitor.post(f"/api/v1/register/{new['token']}", json=ada())).status_code == 201
    assert "registration_link.rotated" in await audit_actions(db, owner.org_id)


async def test_link_of_a_teacher_who_left_stops_working(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser())
    teacher = await invite_and_join(owner, new_browser(), outbox)
    token = (await teacher.browser.get(LINK)).json()["token"]
    removed = await owner.browser.delete(f"/api/v1/orgs/current/members/{teacher.user_id}")
    assert removed.status_code == 204
    error(await new_browser().get(f"/api/v1/register/{token}"), 404, "link_invalid")


async def test_bad_registration_input_writes_nothing(browser: Any, new_browser: Any) -> None:
    await sign_up(browser)
    token = (await browser.get(LINK)).json()["token"]
    visitor = new_browser()
    for body in (
        ada(email="nope"),
        ada(name=""),
        ada(roll_number="  "),
        {"roll_number": "1", "name": "No Email"},
    ):
        error(await visitor.post(f"/api/v1/register/{token}", json=body), 422, "validation_error")
    assert (await browser.get(STUDENTS)).json()["total"] == 0


async def test_public_registration_is_throttled_per_ip(browser: Any, new_browser: Any) -> None:
    await sign_up(browser)
    token = (await browser.get(LINK)).json()["token"]
    visitor = new_browser(ip="203.0.113.9")
    for i in range(30):
        body = ada(roll_number=f"R{i}", email=f"s{i}@uni.example")
        assert (await visitor.post(f"/api/v1/register/{token}", json=body)).status_code == 201
    blocked = await visitor.post(f"/api/v1/register/{token}", json=ada(roll_number="R99"))
    error(blocked, 429, "rate_limited")
    assert blocked.headers["retry-after"] == "600"
    other_ip = new_browser(ip="198.51.100.7")
    assert (await other_ip.post(f"/api/v1/register/{token}", json=ada())).status_code == 201
    assert (await browser.get(f"{STUDENTS}/count")).json() == {"total": 31, "mine": 31}
