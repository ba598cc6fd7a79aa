"""Personal invite links: emailed per student, they stand in for roll number and access
code, admit only the student they name, and still respect the exam's window."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

from procta.students.models import GroupMember, Student, StudentGroup
from tests.attempts.helpers import future, make_exam, past
from tests.factories import sign_up

S = "/api/v1/exam-sessions"


def invite_of(url: str) -> str:
    return parse_qs(urlparse(url).query)["invite"][0]


async def test_invited_students_join_without_roll_number_or_code(
    new_browser: Any, db: Any, outbox: Any
) -> None:
    teacher = await sign_up(new_browser())
    org = teacher.org_id or ""
    setup = await make_exam(db, org, access_code="K7Q2", students=3)
    mailed, unmailed, grouped = setup.students
    mailed.email = "ada@school.example"
    group = StudentGroup(org_id=org, name="Lab A")
    db.add(group)
    await db.flush()
    db.add(GroupMember(org_id=org, group_id=group.id, student_id=grouped.id))
    await db.flush()

    r = await teacher.browser.post(
        f"/api/v1/exams/{setup.exam.id}/invites",
        json={"student_ids": [mailed.id, unmailed.id], "group_ids": [group.id]},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["invited"], body["emailed"]) == (3, 1)
    links = {link["roll_number"]: link for link in body["links"]}
    assert links["R000"]["email"] == "ada@school.example" and links["R001"]["email"] is None
    mail = outbox.body(outbox.last_to("ada@school.example"))
    assert links["R000"]["url"] in mail and "Midterm" in mail
    assert re.search(rf"/take/{setup.exam.id}\?invite=inv_", links["R000"]["url"])

    student = new_browser()
    token = invite_of(links["R001"]["url"])
    info = await student.get(f"{S}/exams/{setup.exam.id}", params={"invite": token})
    assert info.status_code == 200 and info.json()["invited_name"] == unmailed.name
    joined = await student.post(S, json={"exam_id": setup.exam.id, "invite": token})
    assert joined.status_code == 201, joined.text
    assert joined.json()["roll_number"] == "R001" and joined.json()["resumed"] is False
    again = await new_browser().post(S, json={"exam_id": setup.exam.id, "invite": token})
    assert again.status_code == 201 and again.json()["resumed"] is True
    assert again.json()["attempt_id"] == joined.json()["attempt_id"]


async def test_an_invite_admits_only_its_student_and_exam(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    org = teacher.org_id or ""
    setup = await make_exam(db, org, students=2)
    other = await make_exam(db, org, students=0)
    r = await teacher.browser.post(
        f"/api/v1/exams/{setup.exam.id}/invites", json={"student_ids": [setup.students[0].id]}
    )
    token = invite_of(r.json()["links"][0]["url"])
    student = new_browser()
    forged = token.replace(setup.students[0].id, setup.students[1].id)
    for exam_id, bad in ((setup.exam.id, forged), (other.exam.id, token), (setup.exam.id, "x")):
        r = await student.post(S, json={"exam_id": exam_id, "invite": bad})
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_invite", r.text
        info = await student.get(f"{S}/exams/{exam_id}", params={"invite": bad})
        assert info.status_code == 400
    nobody = await student.post(S, json={"exam_id": setup.exam.id})
    assert nobody.status_code == 400
    assert nobody.json()["error"]["code"] == "roll_number_required"


async def test_an_invite_still_respects_the_window_and_removed_students(
    new_browser: Any, db: Any
) -> None:
    teacher = await sign_up(new_browser())
    org = teacher.org_id or ""
    later = await make_exam(db, org, window=(future(60), None), students=2)
    r = await teacher.browser.post(
        f"/api/v1/exams/{later.exam.id}/invites",
        json={"student_ids": [s.id for s in later.students]},
    )
    first, second = (invite_of(link["url"]) for link in r.json()["links"])
    student = new_browser()
    early = await student.post(S, json={"exam_id": later.exam.id, "invite": first})
    assert early.status_code == 403 and early.json()["error"]["code"] == "exam_not_started"
    later.exam.window_start = past(5)
    await db.delete(await db.get(Student, later.students[1].id))
    await db.flush()
    gone = await student.post(S, json={"exam_id": later.exam.id, "invite": second})
    assert gone.status_code == 400 and gone.json()["error"]["code"] == "invalid_invite"


async def test_inviting_refuses_drafts_and_empty_choices(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    org = teacher.org_id or ""
    setup = await make_exam(db, org, students=1)
    url = f"/api/v1/exams/{setup.exam.id}/invites"
    empty = await teacher.browser.post(url, json={})
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "no_one"
    missing = await teacher.browser.post(url, json={"student_ids": ["0" * 32]})
    assert missing.status_code == 404
    setup.exam.status = "draft"
    await db.flush()
    draft = await teacher.browser.post(url, json={"student_ids": [setup.students[0].id]})
    assert draft.status_code == 400 and draft.json()["error"]["code"] == "exam_not_published"
