"""The AI analysis of stored snapshots and clips, on the real photos and audio of
../shared/fixtures: findings become AI flags through the episode merger."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import update

from procta.db import utcnow
from procta.proctoring import findings
from procta.proctoring.analysis import analyze_media
from procta.proctoring.models import Snapshot
from procta.storage.files import local_storage
from tests.proctoring.helpers import proctored
from tests.vision.fixtures import require_fixtures

GAP = timedelta(seconds=30)


async def upload(p: Any, kind: str, data: bytes, client_id: str, route: str = "snapshots") -> str:
    content_type = "audio/webm" if kind == "audio" else "image/jpeg"
    url = (
        f"{p.url}/identity/{kind}?client_id={client_id}"
        if route == "identity"
        else f"{p.url}/snapshots?kind={kind}&client_id={client_id}"
    )
    r = await p.student.post(url, content=data, headers={"Content-Type": content_type})
    assert r.status_code == 201, r.text
    media_id: str = r.json()["id"]
    return media_id


def photo(name: str) -> bytes:
    return (require_fixtures() / "images" / name).read_bytes()


async def analyse(app_state: Any, settings: Any, media_id: str) -> dict[str, Any]:
    """The job's work. It opens its own short transactions, as the job does; the app's
    sessionmaker joins them to the test's transaction."""
    return await analyze_media(
        app_state.sessionmaker,
        local_storage(settings.data_dir),
        media_id,
        now=utcnow(),
        gap=GAP,
        half_life_s=600,
    )


async def ai_flags(p: Any) -> list[dict[str, Any]]:
    record = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/proctoring")).json()
    return [f for f in record["flags"] if f["source"] == "ai"]


async def test_two_faces_and_an_empty_room_raise_flags_with_evidence(
    new_browser: Any, db: Any, settings: Any, app_state: Any
) -> None:
    p = await proctored(new_browser, db)
    two = await upload(p, "webcam", photo("obama_and_biden_side_by_side.jpg"), "w1")
    empty = await upload(p, "webcam", photo("landscape_no_person.jpg"), "w2")
    one = await upload(p, "webcam", photo("webcam_frontal.jpg"), "w3")
    assert (await analyse(app_state, settings, two))["count"] == 2
    assert (await analyse(app_state, settings, empty))["findings"] == ["face_not_detected"]
    assert (await analyse(app_state, settings, one))["findings"] == []
    flags = {f["type"]: f for f in await ai_flags(p)}
    assert set(flags) == {"multiple_faces", "face_not_detected"}
    media = f"/api/v1/attempts/{p.attempt_id}/media/{two}"
    plain = (await p.teacher.browser.get(media)).content
    marked = await p.teacher.browser.get(media, params={"boxes": "true"})
    assert marked.status_code == 200 and marked.headers["content-type"] == "image/jpeg"
    assert marked.content != plain
    assert Image.open(io.BytesIO(marked.content)).size == Image.open(io.BytesIO(plain)).size
    assert flags["multiple_faces"]["snapshots"] == [two]
    assert 0.5 < flags["multiple_faces"]["confidence"] <= 1
    assert flags["face_not_detected"]["snapshots"] == [empty]
    # Analysing again (a retried job) adds nothing.
    await analyse(app_state, settings, two)
    assert len(await ai_flags(p)) == 2


async def test_identity_is_checked_against_the_selfie(
    new_browser: Any, db: Any, settings: Any, app_state: Any
) -> None:
    p = await proctored(new_browser, db)
    selfie = await upload(p, "selfie", photo("obama_portrait.jpg"), "s", route="identity")
    card = await upload(p, "id_document", photo("biden_portrait.jpg"), "d", route="identity")
    assert len((await analyse(app_state, settings, selfie))["embedding"]) == 128
    checked = await analyse(app_state, settings, card)
    assert checked["identity"]["same"] is False and checked["identity"]["against"] == "selfie"
    impostor = await upload(p, "webcam", photo("biden_standing.jpg"), "w1")
    assert (await analyse(app_state, settings, impostor))["identity"]["same"] is False
    flags = [f for f in await ai_flags(p) if f["type"] == "identity_mismatch"]
    assert len(flags) == 1 and flags[0]["event_count"] == 2  # one episode, two findings
    assert flags[0]["confidence"] > 0.5


async def test_a_dark_room_is_poor_lighting_not_an_absent_student(
    new_browser: Any, db: Any, settings: Any, app_state: Any
) -> None:
    p = await proctored(new_browser, db)
    image = Image.open(io.BytesIO(photo("webcam_frontal.jpg"))).point(lambda v: int(v * 0.1))
    dark = io.BytesIO()
    image.save(dark, "JPEG", quality=85)
    media = await upload(p, "webcam", dark.getvalue(), "dark")
    result = await analyse(app_state, settings, media)
    assert "too_dark" in result["quality"]["problems"]
    assert not any(f["type"] == "face_not_detected" for f in await ai_flags(p))


async def test_speech_and_prohibited_sites(
    new_browser: Any, db: Any, settings: Any, app_state: Any
) -> None:
    fixtures = require_fixtures()
    p = await proctored(new_browser, db)
    speech = (fixtures / "audio" / "speech_en_male_arctic_aew_a0001.webm").read_bytes()
    noise = (fixtures / "audio" / "noise_dishes_10s.webm").read_bytes()
    talk = await upload(p, "audio", speech, "a1")
    dishes = await upload(p, "audio", noise, "a2")
    assert (await analyse(app_state, settings, talk))["findings"] == ["speech_detected"]
    assert (await analyse(app_state, settings, dishes))["findings"] == []
    screen = await upload(p, "screen", rendered_screen("https://chat.openai.com/c/42"), "sc")
    assert (await analyse(app_state, settings, screen))["findings"] == ["prohibited_content"]
    types = sorted(f["type"] for f in await ai_flags(p))
    assert types == ["prohibited_content", "speech_detected"]


async def test_switched_off_checks_do_not_run_and_bad_files_get_a_note(
    new_browser: Any, db: Any, settings: Any, app_state: Any
) -> None:
    off = {"multiple_faces": {"enabled": False}, "face_not_detected": {"enabled": False}}
    off |= {"head_movement": {"enabled": False}, "gaze_deviation": {"enabled": False}}
    off |= {"identity_mismatch": {"enabled": False}}
    p = await proctored(new_browser, db, flag_settings=off)
    two = await upload(p, "webcam", photo("obama_and_biden_side_by_side.jpg"), "w1")
    assert "skipped" in await analyse(app_state, settings, two)
    clip = await upload(p, "audio", b"\x1a\x45\xdf\xa3" + b"\x00" * 400, "broken")
    note = await analyse(app_state, settings, clip)
    assert note["error"].startswith("could not analyse")
    assert await ai_flags(p) == []


def rendered_screen(url: str) -> bytes:
    """A 1280x720 browser-like screenshot with ``url`` in its address bar."""
    image = Image.new("RGB", (1280, 720), "white")
    draw = ImageDraw.Draw(image)
    font_path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    font: Any = (
        ImageFont.truetype(str(font_path), 22) if font_path.exists() else ImageFont.load_default()
    )
    draw.rectangle((0, 0, 1280, 60), fill=(235, 235, 235))
    draw.text((40, 18), url, fill="black", font=font)
    draw.text((40, 200), "How can I help you today?", fill="black", font=font)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def test_findings_of_a_webcam_result() -> None:
    """The mapping alone: covered is no face, dark is not; unsure faces are not people."""
    dark = {"quality": {"problems": ["too_dark"]}, "faces": [], "count": 0}
    covered = {"quality": {"problems": ["covered"]}, "faces": [], "count": 0}
    unsure = {"quality": {"problems": []}, "faces": [{"score": 0.4, "uncertain": True}], "count": 0}
    assert findings.webcam(dark) == []
    assert [f.details for f in findings.webcam(covered)] == [{"reason": "covered"}]
    assert findings.webcam(unsure)[0].confidence == findings.ONLY_UNSURE_FACE_CONFIDENCE
    turned = {"quality": {}, "faces": [], "count": 1, "head_turned": True, "gaze_away": True}
    assert [f.type for f in findings.webcam(turned)] == ["head_movement"]
    assert findings.webcam({"quality": {}, "count": 1}, {"same": True}) == []
    assert findings.audio({"speech_ratio": 0.42}) == []


async def test_the_exam_shows_which_analyses_are_off(new_browser: Any, db: Any) -> None:
    """A model that could not load leaves a warning on the snapshots it skipped; the exam
    says so to its teacher, and only to its teacher."""
    p = await proctored(new_browser, db)
    other = await proctored(new_browser, db)
    media = await upload(p, "webcam", photo("webcam_frontal.jpg"), "w")
    warning = "Webcam analysis is off: face detection model failed to load"
    await db.execute(
        update(Snapshot).where(Snapshot.id == media).values(analysis={"warnings": [warning]})
    )
    exam = (await p.teacher.browser.get(f"/api/v1/exams/{p.exam_id}")).json()
    assert exam["analysis_warnings"] == [warning]
    theirs = (await other.teacher.browser.get(f"/api/v1/exams/{other.exam_id}")).json()
    assert theirs["analysis_warnings"] == []
