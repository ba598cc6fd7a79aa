"""QTI 3.0 export and import: the package's shape, the round trip, single items, and
untrusted input (DOCTYPE, entities, broken zips, zip bombs)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from sqlalchemy import func, select

from procta.questions.models import Question
from procta.questions.qti import parse_xml
from tests.factories import sign_up
from tests.questions.samples import API, create, create_all, error_of, essentials

NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
Q = f"{{{NS}}}"
CP = "{http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1}"


async def upload(browser: Any, content: bytes, name: str = "items.zip", **params: Any) -> Any:
    files = {"file": (name, content, "application/octet-stream")}
    return await browser.post(f"{API}/import.qti", files=files, params=params)


async def count(db: Any) -> int:
    return int((await db.execute(select(func.count()).select_from(Question))).scalar_one())


def package(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def manifest(*hrefs: str) -> str:
    resources = "".join(
        f'<resource identifier="r{i}" type="imsqti_item_xmlv3p0" href="{href}">'
        f'<file href="{href}"/></resource>'
        for i, href in enumerate(hrefs)
    )
    return (
        '<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="m">'
        f"<resources>{resources}</resources></manifest>"
    )


# A single choice item as another authoring tool writes it: the standard template, no
# MAXSCORE, markup inside the prompt.
FOREIGN_ITEM = f"""<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="{NS}" identifier="item-7" title="Colours" adaptive="false"
    time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">
    <qti-correct-response><qti-value>ChoiceB</qti-value></qti-correct-response>
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-item-body>
    <qti-choice-interaction response-identifier="RESPONSE" max-choices="1">
      <qti-prompt>Which colour do you get by mixing <b>blue</b> and yellow?</qti-prompt>
      <qti-simple-choice identifier="ChoiceA">Purple</qti-simple-choice>
      <qti-simple-choice identifier="ChoiceB">Green</qti-simple-choice>
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing
    template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
</qti-assessment-item>
"""


async def export(browser: Any) -> zipfile.ZipFile:
    response = await browser.get(f"{API}/export.qti")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert 'filename="questions-qti3.zip"' in response.headers["content-disposition"]
    return zipfile.ZipFile(io.BytesIO(response.content))


async def test_the_package_is_qti_3(browser: Any) -> None:
    await sign_up(browser)
    created = await create_all(browser)
    archive = await export(browser)
    assert sorted(archive.namelist()) == sorted(
        ["imsmanifest.xml", *(f"items/q-{q['id']}.xml" for q in created)]
    )
    resources = parse_xml(archive.read("imsmanifest.xml"), "manifest").iter(f"{CP}resource")
    assert [r.get("type") for r in resources] == ["imsqti_item_xmlv3p0"] * 6

    items = [parse_xml(archive.read(f"items/q-{q['id']}.xml"), "item") for q in created]
    single, multiple, true_false, short, numeric, essay = items
    for item, question in zip(items, created, strict=True):
        assert item.tag == f"{Q}qti-assessment-item"
        (maximum,) = [
            o for o in item.iter(f"{Q}qti-outcome-declaration") if o.get("identifier") == "MAXSCORE"
        ]
        assert (
            float(maximum.findtext(f"{Q}qti-default-value/{Q}qti-value") or "")
            == question["points"]
        )
    interaction = single.find(f".//{Q}qti-choice-interaction")
    assert interaction is not None and interaction.get("max-choices") == "1"
    assert next(v.text for v in single.iter(f"{Q}qti-value")) == "b"
    mapping = multiple.find(f".//{Q}qti-mapping")
    assert mapping is not None and mapping.get("lower-bound") == "0"
    assert {e.get("map-key"): float(e.get("mapped-value") or "") for e in mapping} == {
        "a": 1.5,
        "b": -1.5,
        "c": 1.5,
        "d": -1.5,
    }
    assert {c.get("identifier") for c in true_false.iter(f"{Q}qti-simple-choice")} == {
        "true",
        "false",
    }
    assert short.find(f".//{Q}qti-text-entry-interaction") is not None
    entries = list(short.iter(f"{Q}qti-map-entry"))
    assert [(e.get("map-key"), e.get("case-sensitive")) for e in entries] == [
        ("Paris", "false"),
        ("Paris, France", "false"),
    ]
    equal = numeric.find(f".//{Q}qti-equal")
    assert equal is not None and equal.get("tolerance") == "0.05 0.05"
    assert essay.find(f".//{Q}qti-extended-text-interaction") is not None
    assert essay.find(f".//{Q}qti-correct-response") is None
    assert essay.find(f".//{Q}qti-rubric-block") is not None


async def test_export_then_import_reproduces_every_type(new_browser: Any) -> None:
    teacher = await sign_up(new_browser())
    originals = await create_all(teacher.browser)
    tweaked = await create(
        teacher.browser,
        {
            "type": "single_choice",
            "stem": "Own option ids & <markup> survive",
            "options": [{"id": "yes", "text": "Yes <b>"}, {"id": "no", "text": "No & never"}],
            "answer": "no",
            "tags": ["Ids"],
        },
    )
    archive_bytes = (await teacher.browser.get(f"{API}/export.qti")).content

    other = await sign_up(new_browser())
    response = await upload(other.browser, archive_bytes)
    assert response.status_code == 200, response.text
    assert response.json()["imported"] == 7 and response.json()["errors"] == []
    imported = {q["stem"]: essentials(q) for q in (await other.browser.get(API)).json()["items"]}
    assert imported == {q["stem"]: essentials(q) for q in [*originals, tweaked]}


async def test_a_single_item_file_from_another_tool(browser: Any) -> None:
    await sign_up(browser)
    response = await upload(browser, FOREIGN_ITEM.encode(), name="item.xml")
    assert response.status_code == 200, response.text
    (question,) = (await browser.get(API)).json()["items"]
    assert question["type"] == "single_choice"
    assert question["stem"] == "Which colour do you get by mixing blue and yellow?"
    assert question["options"] == [
        {"id": "ChoiceA", "text": "Purple"},
        {"id": "ChoiceB", "text": "Green"},
    ]
    assert question["answer"] == "ChoiceB" and question["points"] == 1
    log = (await browser.get("/api/v1/orgs/current/audit-log")).json()
    (entry,) = [e for e in log if e["action"] == "question.imported"]
    assert entry["details"] == {"source": "qti", "imported": 1, "rejected": 0}


async def test_doctype_and_entities_are_refused(browser: Any, db: Any) -> None:
    await sign_up(browser)
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f'<qti-assessment-item xmlns="{NS}">&lol2;</qti-assessment-item>'
    )
    external = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        f'<qti-assessment-item xmlns="{NS}">&secret;</qti-assessment-item>'
    )
    utf16 = laughs.replace('<?xml version="1.0"?>', "").encode("utf-16")
    for content in (laughs.encode(), external.encode(), utf16):
        error = error_of(await upload(browser, content, name="x.xml"), 400, "invalid_qti")
        assert "DOCTYPE" in error["message"]
    inside = package(
        {"imsmanifest.xml": manifest("a.xml", "b.xml"), "a.xml": FOREIGN_ITEM, "b.xml": laughs}
    )
    error_of(await upload(browser, inside), 400, "invalid_qti")
    assert await count(db) == 0


async def test_broken_files_are_400(browser: Any, db: Any) -> None:
    await sign_up(browser)
    cases = [
        (b"hello, world", "not well-formed"),
        (b"<root>unclosed", "not well-formed"),
        (b"<quiz><q>Hi</q></quiz>", "QTI 3.0"),
        (b"PK\x03\x04 truncated zip", "not a valid zip"),
        (package({"items/a.xml": FOREIGN_ITEM}), "no imsmanifest.xml"),
        (package({"imsmanifest.xml": "<manifest"}), "not well-formed"),
        (package({"imsmanifest.xml": manifest()}), "lists no QTI items"),
    ]
    for content, words in cases:
        error = error_of(await upload(browser, content), 400, "invalid_qti")
        assert words in error["message"], (content, error)
    bomb = package({"imsmanifest.xml": manifest("big.xml"), "big.xml": b" " * 3_000_000})
    assert len(bomb) < 100_000
    assert "too much data" in error_of(await upload(browser, bomb), 400, "invalid_qti")["message"]
    assert await count(db) == 0


async def test_bad_items_are_reported_and_valid_only_imports_the_rest(
    browser: Any, db: Any
) -> None:
    await sign_up(browser)
    hotspot = (
        f'<qti-assessment-item xmlns="{NS}" identifier="h"><qti-item-body>'
        '<qti-hotspot-interaction response-identifier="R"/></qti-item-body>'
        "</qti-assessment-item>"
    )
    no_key = FOREIGN_ITEM.replace("<qti-value>ChoiceB</qti-value>", "")
    wrong_key = FOREIGN_ITEM.replace("<qti-value>ChoiceB</qti-value>", "<qti-value>Z</qti-value>")
    content = package(
        {
            "imsmanifest.xml": manifest(
                "ok.xml", "broken.xml", "hotspot.xml", "missing.xml", "nokey.xml", "wrong.xml"
            ),
            "ok.xml": FOREIGN_ITEM,
            "broken.xml": "<qti-assessment-item",
            "hotspot.xml": hotspot,
            "nokey.xml": no_key,
            "wrong.xml": wrong_key,
        }
    )
    error = error_of(await upload(browser, content), 422, "import_has_errors")
    report = {(e["row"], e["file"]): e["errors"] for e in error["details"]["errors"]}
    assert set(report) == {
        (2, "broken.xml"),
        (3, "hotspot.xml"),
        (4, "missing.xml"),
        (5, "nokey.xml"),
        (6, "wrong.xml"),
    }
    assert "not well-formed" in report[(2, "broken.xml")][0]
    assert "exactly one choice" in report[(3, "hotspot.xml")][0]
    assert "not in the package" in report[(4, "missing.xml")][0]
    assert "no correct response" in report[(5, "nokey.xml")][0]
    assert report[(6, "wrong.xml")][0].startswith("answer: must be the id of one option")
    assert await count(db) == 0

    partial = await upload(browser, content, valid_only="true")
    assert partial.status_code == 200, partial.text
    assert partial.json()["imported"] == 1 and len(partial.json()["errors"]) == 5
    assert await count(db) == 1
