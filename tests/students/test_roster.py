from __future__ import annotations

import csv
import io
from typing import Any

from tests.factories import sign_up
from tests.students.helpers import GROUPS, STUDENTS, add_group, add_student, audit_actions, error

IMPORT = f"{STUDENTS}/import"


async def upload(browser: Any, text: str | bytes, **params: str) -> Any:
    data = text.encode() if isinstance(text, str) else text
    return await browser.post(
        IMPORT, params=params, files={"file": ("roster.csv", data, "text/csv")}
    )


async def roster(browser: Any) -> dict[str, dict[str, Any]]:
    items = (await browser.get(STUDENTS, params={"page_size": 500})).json()["items"]
    return {s["roll_number"]: s for s in items}


GOOD = (
    "roll_number,name,email,group\r\n"
    "A1,Ann Archer,ann@school.example,Morning\r\n"
    "A2,Ben Baker,BEN@school.example,Morning; Lab\r\n"
    "A3,Cat Cole,,\r\n"
)


async def test_import_creates_students_and_groups(browser: Any, db: Any) -> None:
    owner = await sign_up(browser)
    existing = await add_group(browser, "lab")
    response = await upload(browser, GOOD)
    assert response.status_code == 200, response.text
    assert response.json() == {"imported": 3, "updated": 0, "errors": []}
    students = await roster(browser)
    assert students["A2"]["email"] == "ben@school.example"
    assert students["A3"]["email"] is None
    assert [g["name"] for g in students["A2"]["groups"]] == ["lab", "Morning"]
    assert students["A2"]["groups"][0]["id"] == existing["id"]  # joined, not duplicated
    groups = {g["name"]: g["member_count"] for g in (await browser.get(GROUPS)).json()}
    assert groups == {"lab": 1, "Morning": 2}
    assert "students.imported" in await audit_actions(db, owner.org_id)


async def test_a_bad_file_imports_nothing_and_reports_every_row(browser: Any) -> None:
    await sign_up(browser)
    await add_student(browser, "OLD", "Already Here")
    text = (
        "roll_number,name,email\n"
        "B1,Good One,good@x.example\n"
        "B2,,nobody@x.example\n"
        "B3,Bad Mail,not-an-email\n"
        "B1,Twice,twice@x.example\n"
        "OLD,Clash,clash@x.example\n"
        "\n"
        ",No Roll,\n"
        "B4,Too,many,values\n"
    )
    response = await upload(browser, text)
    body = error(response, 422, "roster_invalid")
    assert "nothing was imported" in body["message"]
    report = body["details"]
    assert (report["imported"], report["updated"]) == (0, 0)
    by_row = {e["row"]: e["errors"] for e in report["errors"]}
    assert sorted(by_row) == [3, 4, 5, 6, 8, 9]
    assert by_row[3] == ["name is missing"]
    assert "not a valid email" in by_row[4][0]
    assert by_row[5] == ["roll number B1 is also on row 2"]
    assert by_row[6] == ["roll number OLD already exists"]
    assert by_row[8] == ["roll_number is missing"]
    assert "header has 3" in by_row[9][0]
    assert set(await roster(browser)) == {"OLD"}

    valid = await upload(browser, text, valid_only="true")
    assert valid.status_code == 200, valid.text
    assert valid.json()["imported"] == 1
    assert len(valid.json()["errors"]) == 6
    assert set(await roster(browser)) == {"OLD", "B1"}
    assert (await roster(browser))["B1"]["name"] == "Good One"


async def test_dry_run_reports_without_writing(browser: Any) -> None:
    await sign_up(browser)
    await add_student(browser, "A1", "Old Name")
    response = await upload(browser, GOOD, dry_run="true", update_existing="true")
    assert response.status_code == 200, response.text
    assert response.json() == {"imported": 2, "updated": 1, "errors": []}
    assert set(await roster(browser)) == {"A1"}
    assert (await browser.get(GROUPS)).json() == []


async def test_update_existing_changes_name_and_email(browser: Any) -> None:
    await sign_up(browser)
    await add_student(browser, "A1", "Old Name", "old@school.example")
    await add_student(browser, "A3", "Cat Cole", "cat@school.example")
    response = await upload(browser, GOOD, update_existing="true")
    assert response.status_code == 200, response.text
    # A3's row is unchanged (an empty email keeps the one on file)
    assert response.json() == {"imported": 1, "updated": 1, "errors": []}
    students = await roster(browser)
    assert (students["A1"]["name"], students["A1"]["email"]) == ("Ann Archer", "ann@school.example")
    assert students["A3"]["email"] == "cat@school.example"
    assert [g["name"] for g in students["A1"]["groups"]] == ["Morning"]


async def test_export_round_trips(browser: Any) -> None:
    await sign_up(browser)
    assert (await upload(browser, GOOD)).status_code == 200
    await add_student(browser, "=CMD", "+Sum(1)", "eq@x.example")
    response = await browser.get(f"{STUDENTS}/export.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "students.csv" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["roll_number", "name", "email", "group"]
    assert rows[1] == ["'=CMD", "'+Sum(1)", "eq@x.example", ""]  # no live formulas
    assert rows[3] == ["A2", "Ben Baker", "ben@school.example", "Lab; Morning"]
    filtered = await browser.get(f"{STUDENTS}/export.csv", params={"q": "ann"})
    assert len(list(csv.reader(io.StringIO(filtered.text)))) == 2

    before = await roster(browser)
    for student in before.values():
        assert (await browser.delete(f"{STUDENTS}/{student['id']}")).status_code == 204
    again = await upload(browser, response.content)
    assert again.status_code == 200, again.text
    assert again.json()["imported"] == 4
    after = await roster(browser)
    assert {
        r: (s["name"], s["email"], [g["name"] for g in s["groups"]]) for r, s in after.items()
    } == {r: (s["name"], s["email"], [g["name"] for g in s["groups"]]) for r, s in before.items()}


async def test_semicolon_files_and_header_variants(browser: Any) -> None:
    await sign_up(browser)
    text = "\ufeffRoll Number;Name;Email;Groups;\n7;Semi Colon;semi@x.example;G1;\n"
    response = await upload(browser, text)
    assert response.status_code == 200, response.text
    student = (await roster(browser))["7"]
    assert (student["name"], [g["name"] for g in student["groups"]]) == ("Semi Colon", ["G1"])


async def test_malformed_files_are_clear_400s(browser: Any) -> None:
    await sign_up(browser)
    cases: list[tuple[bytes | str, str, str]] = [
        ('roll_number,name,email\nA1,"unclosed,x\n', "malformed_csv", "not valid CSV"),
        ('roll_number,name,email\nA1,"a"b,x\n', "malformed_csv", "not valid CSV"),
        ("roll_number,name,email\nA1,Ann,a@x.example\n".encode("utf-16"), "bad_encoding", "UTF-8"),
        (b"PK\x03\x04\x00\x00binary", "bad_encoding", "UTF-8"),
        ("name,email\nAnn,a@x.example\n", "bad_header", "missing: roll_number"),
        ("roll_number,name,email,age\n", "bad_header", "age"),
        ("roll_number,name,email,name\n", "bad_header", "twice"),
        ("roll_number,name,email\n\n\n", "empty_roster", "no student rows"),
        ("", "empty_roster", "empty"),
    ]
    for content, code, words in cases:
        body = error(await upload(browser, content), 400, code)
        assert words in body["message"], (content, body)
    assert (await roster(browser)) == {}
    assert (await browser.get(GROUPS)).json() == []


async def test_missing_file_and_too_large(browser: Any) -> None:
    await sign_up(browser)
    error(await browser.post(IMPORT), 422, "validation_error")
    big = "roll_number,name,email\n" + "R,N,\n" * 600_000
    response = await upload(browser, big)
    error(response, 413, "body_too_large")
    assert (await roster(browser)) == {}
