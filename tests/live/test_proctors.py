"""Live mode: proctors on duty for an exam, each watching their share of the students."""

from __future__ import annotations

from typing import Any

from tests.attempts.helpers import join, make_exam
from tests.factories import invite_and_join, sign_up
from tests.proctoring.helpers import ONE_Q


async def test_students_are_spread_among_the_proctors_on_duty(
    new_browser: Any, db: Any, outbox: Any
) -> None:
    lead = await sign_up(new_browser())
    helper = await invite_and_join(lead, new_browser(), outbox, name="Rae Helper")
    setup = await make_exam(db, lead.org_id, questions=ONE_Q, students=5)
    exam = f"/api/v1/exams/{setup.exam.id}"
    for i in range(3):
        await join(new_browser(), setup.exam.id, f"R00{i}")

    # Nobody on duty yet: nobody is assigned, and everyone sees everyone.
    assert {r["proctor_id"] for r in (await lead.browser.get(f"{exam}/live")).json()} == {None}

    r = await lead.browser.put(
        f"{exam}/proctors",
        json={"user_ids": [lead.user_id, helper.user_id], "students_per_proctor": 1},
    )
    assert r.status_code == 200, r.text
    duty = r.json()
    assert [p["students"] for p in duty["proctors"]] == [2, 1]
    assert duty["active_students"] == 3 and duty["proctors_needed"] == 1
    assert duty["proctors"][1]["name"] == "Rae Helper"

    # Newcomers go to whoever is least busy.
    await join(new_browser(), setup.exam.id, "R003")
    mine = (await helper.browser.get(f"{exam}/live?mine=true")).json()
    assert len(mine) == 2 and {r["proctor_id"] for r in mine} == {helper.user_id}
    assert len((await lead.browser.get(f"{exam}/live?mine=true")).json()) == 2
    assert len((await lead.browser.get(f"{exam}/live")).json()) == 4

    # The helper goes off duty: the lead takes everyone.
    r = await lead.browser.put(
        f"{exam}/proctors", json={"user_ids": [lead.user_id], "students_per_proctor": 10}
    )
    assert [p["students"] for p in r.json()["proctors"]] == [4]
    assert (await helper.browser.get(f"{exam}/live?mine=true")).json() == []


async def test_only_members_can_be_put_on_duty(new_browser: Any, db: Any) -> None:
    lead = await sign_up(new_browser())
    stranger = await sign_up(new_browser())
    setup = await make_exam(db, lead.org_id, questions=ONE_Q, students=1)
    exam = f"/api/v1/exams/{setup.exam.id}"
    r = await lead.browser.put(f"{exam}/proctors", json={"user_ids": [stranger.user_id]})
    assert r.status_code == 400 and r.json()["error"]["code"] == "not_a_member"
    r = await lead.browser.put(
        f"{exam}/proctors", json={"user_ids": [], "students_per_proctor": -1}
    )
    assert r.status_code == 422
    duty = (await lead.browser.get(f"{exam}/proctors")).json()
    assert duty == {
        "students_per_proctor": 0,
        "proctors": [],
        "active_students": 0,
        "proctors_needed": 0,
    }
    # Another org's teacher can neither read nor set this exam's duty roster.
    assert (await stranger.browser.get(f"{exam}/proctors")).status_code == 404
    r = await stranger.browser.put(f"{exam}/proctors", json={"user_ids": [stranger.user_id]})
    assert r.status_code == 404


async def test_a_proctor_joining_takes_an_even_share(
    new_browser: Any, db: Any, outbox: Any
) -> None:
    lead = await sign_up(new_browser())
    second = await invite_and_join(lead, new_browser(), outbox, name="Second")
    third = await invite_and_join(lead, new_browser(), outbox, name="Third")
    setup = await make_exam(db, lead.org_id, questions=ONE_Q, students=6)
    exam = f"/api/v1/exams/{setup.exam.id}"
    two = {"user_ids": [lead.user_id, second.user_id], "students_per_proctor": 0}
    await lead.browser.put(f"{exam}/proctors", json=two)
    for i in range(6):
        await join(new_browser(), setup.exam.id, f"R00{i}")
    loads = (await lead.browser.get(f"{exam}/proctors")).json()["proctors"]
    assert [p["students"] for p in loads] == [3, 3]
    three = {**two, "user_ids": [lead.user_id, second.user_id, third.user_id]}
    r = await lead.browser.put(f"{exam}/proctors", json=three)
    assert [p["students"] for p in r.json()["proctors"]] == [2, 2, 2]
    rows = (await lead.browser.get(f"{exam}/live")).json()
    assert sorted(r["proctor_id"] for r in rows).count(third.user_id) == 2
