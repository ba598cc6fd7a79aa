"""CSV export and import: the round trip, the per-row report, all-or-nothing, bad files."""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy import func, select

from procta.questions.models import Question
from tests.factories import sign_up
from tests.questions.samples import API, SAMPLES, create, create_all, error_of, essentials

HEADER = "type,stem,options,answer,points,partial_credit,explanation,tags,match,tolerance"


async def upload(browser: Any, content: str | bytes, **params: Any) -> Any:
    data = content.encode() if isinstance(content, str) else content
    files = {"file": ("questions.csv", data, "text/csv")}
    return await browser.post(f"{API}/import.csv", files=files, params=params)


async def count(db: Any) -> int:
    return int((await db.execute(select(func.count()).select_from(Question))).scalar_one())


def by_stem(questions: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {q["stem"]: essentials(q) for q in questions}


async def test_export_then_import_reproduces_every_type(new_browser: Any) -> None:
    teacher = await sign_up(new_browser())
    originals = await create_all(teacher.browser)
    exported = await teacher.browser.get(f"{API}/export.csv")
    assert exported.status_code == 200, exported.text
    assert exported.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="questions.csv"' in exported.headers["content-disposition"]
    assert exported.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads accents right
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [r["type"] for r in rows] == [s["type"] for s in SAMPLES]
    assert rows[1]["options"] == "2|4|7|9 \\| nine" and rows[1]["answer"] == "A|C"
    assert rows[4]["answer"] == "9.81" and rows[4]["tolerance"] == "0.05"

    other = await sign_up(new_browser())
    response = await upload(other.browser, exported.content)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["imported"] == 6 and report["errors"] == []
    assert len(report["question_ids"]) == 6
    imported = (await other.browser.get(API)).json()["items"]
    assert by_stem(imported) == by_stem(originals)
    assert {q["id"] for q in imported} == set(report["question_ids"])


async def test_export_by_tag(browser: Any) -> None:
    await sign_up(browser)
    await create_all(browser)
    exported = await browser.get(f"{API}/export.csv", params={"tag": "physics"})
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert sorted(r["type"] for r in rows) == ["numeric", "true_false"]


async def test_hand_written_file_with_columns_in_any_order(browser: Any) -> None:
    await sign_up(browser)
    content = (
        "Stem,Type,Answer,Options,Points,Partial_Credit,Explanation,Tags\r\n"
        '"Capital of Italy?",short_answer,Rome|Roma,,1,,,geo|Europe\r\n'
        ",,,,,,,\r\n"
        '"Pick the even ones",multiple_choice,b|C,1|2|4,2,yes,,\r\n'
        '"Lungs are organs",true_false,T,,,no,Yes they are.,\r\n'
    )
    response = await upload(browser, content)
    assert response.status_code == 200, response.text
    assert response.json()["imported"] == 3
    stored = {q["stem"]: q for q in (await browser.get(API)).json()["items"]}
    rome = stored["Capital of Italy?"]
    assert rome["answer"] == {"accepted": ["Rome", "Roma"], "match": "case_insensitive"}
    assert rome["tags"] == ["geo", "europe"] and rome["points"] == 1
    even = stored["Pick the even ones"]
    assert even["answer"] == ["b", "c"] and even["partial_credit"] is True
    assert stored["Lungs are organs"]["answer"] is True
    assert stored["Lungs are organs"]["explanation"] == "Yes they are."


BAD_ROWS = (
    f"{HEADER}\n"
    "single_choice,Fine one,Yes|No,A,1,,,,,\n"
    "single_choice,Letter out of range,Yes|No,E,1,,,,,\n"
    "poem,Not a type,,,1,,,,,\n"
    "numeric,No number,,lots,1,,,,,\n"
    "essay,Essay with a key,,model,1,,,,,\n"
    "true_false,Maybe,,perhaps,1,,,,,\n"
    "single_choice,Zero points,Yes|No,A,0,,,,,\n"
    "short_answer,Too short,,x,1,,,,,\n"
)


async def test_a_bad_row_imports_nothing_and_reports_every_row(browser: Any, db: Any) -> None:
    await sign_up(browser)
    response = await upload(browser, BAD_ROWS)
    error = error_of(response, 422, "import_has_errors")
    assert "6 of 8" in error["message"] and "nothing was imported" in error["message"]
    details = error["details"]
    assert details["imported"] == 0 and details["question_ids"] == []
    report = {e["row"]: e["errors"] for e in details["errors"]}
    assert sorted(report) == [3, 4, 5, 6, 7, 8]
    assert "'E' is not an option letter (A to B)" in report[3][0]
    assert report[4][0].startswith("type: 'poem' is not one of")
    assert report[5] == ["answer: 'lots' is not a number"]
    assert "leave it empty for an essay" in report[6][0]
    assert "true or false" in report[7][0]
    assert report[8][0].startswith("points:")
    assert all(e["file"] is None for e in details["errors"])
    assert await count(db) == 0


async def test_the_report_says_how_many_rows_are_valid(browser: Any) -> None:
    await sign_up(browser)
    details = error_of(await upload(browser, BAD_ROWS), 422, "import_has_errors")["details"]
    assert details["valid"] == 2 and len(details["errors"]) == 6


async def test_valid_only_imports_the_good_rows(browser: Any, db: Any) -> None:
    await sign_up(browser)
    response = await upload(browser, BAD_ROWS, valid_only="true")
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["imported"] == 2 and len(report["errors"]) == 6
    stems = sorted(q["stem"] for q in (await browser.get(API)).json()["items"])
    assert stems == ["Fine one", "Too short"]
    assert await count(db) == 2
    log = (await browser.get("/api/v1/orgs/current/audit-log")).json()
    (entry,) = [e for e in log if e["action"] == "question.imported"]
    assert entry["details"] == {"source": "csv", "imported": 2, "rejected": 6}


async def test_malformed_files_are_400_and_write_nothing(browser: Any, db: Any) -> None:
    await sign_up(browser)
    await create(browser, SAMPLES[0])
    cases = [
        (b"", "empty"),
        (b"\xff\xfe\x00b\x00a\x00d", "UTF-8"),
        (b"type,stem\nessay,Hi\n", "missing column(s): options, answer"),
        (f"{HEADER},colour\n".encode(), "unknown column(s): colour"),
        (f'{HEADER}\nessay,"never closed,,,1,,,,,\n'.encode(), "cannot be read"),
        (f"{HEADER}\n".encode(), "no questions"),
        (f"{HEADER}\n,,,,,,,,,\n".encode(), "no questions"),
    ]
    for content, words in cases:
        response = await upload(browser, content)
        code = "empty_import" if words == "no questions" else "invalid_csv"
        error = error_of(response, 400, code)
        assert words in error["message"], (content, error)
    ragged = await upload(browser, f"{HEADER}\nessay,Short row\n")
    assert error_of(ragged, 422, "import_has_errors")["details"]["errors"] == [
        {"row": 2, "file": None, "errors": ["has 2 cells; the header has 10"]}
    ]
    assert await count(db) == 1
    error_of(await browser.post(f"{API}/import.csv"), 422, "validation_error")


async def test_files_over_5_mb_are_refused(browser: Any, db: Any) -> None:
    await sign_up(browser)
    big = f"{HEADER}\n" + "essay,x,,,1,,,,,\n" * 400_000
    assert len(big) > 5 * 1024 * 1024
    error_of(await upload(browser, big), 413, "body_too_large")
    assert await count(db) == 0
