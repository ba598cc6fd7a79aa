"""``procta analyze`` on real photos and audio: one JSON object a file, errors per file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import procta
from tests.vision.fixtures import require_fixtures


def test_analyze_prints_one_object_per_file(tmp_path: Path) -> None:
    fixtures = require_fixtures()
    baseline = tmp_path / "calibration.json"
    baseline.write_text(json.dumps({"yaw": 2.0, "pitch": None, "status": "ok"}))
    broken = tmp_path / "cut.jpg"
    broken.write_bytes((fixtures / "images" / "webcam_frontal.jpg").read_bytes()[:3000])
    files = [
        fixtures / "images" / "obama_and_biden_side_by_side.jpg",
        fixtures / "images" / "biden_portrait.jpg",
        fixtures / "audio" / "speech_en_male_arctic_aew_a0001.webm",
        broken,
    ]
    result = procta(
        "analyze",
        *map(str, files),
        "--reference",
        str(fixtures / "images" / "obama_portrait.jpg"),
        "--baseline",
        str(baseline),
    )
    assert result.returncode == 0, result.stderr
    pair, biden, speech, cut = (json.loads(line) for line in result.stdout.splitlines())
    assert pair["count"] == 2 and len(pair["faces"]) == 2
    assert biden["count"] == 1 and biden["identity"]["same"] is False
    assert biden["pose"] is not None and biden["head_turned"] is False
    assert speech["kind"] == "audio" and speech["speech_ratio"] > 0.5 and speech["segments"]
    assert cut["file"] == str(broken) and "error" in cut


def test_analyze_refuses_a_reference_without_a_face(tmp_path: Path) -> None:
    fixtures = require_fixtures()
    photo = fixtures / "images" / "landscape_no_person.jpg"
    result = procta("analyze", str(photo), "--reference", str(photo))
    assert result.returncode != 0 and "no face" in result.stderr
