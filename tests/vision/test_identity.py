"""Face identity on the shared fixtures: same person vs different people, and bad input."""

from __future__ import annotations

import itertools
import json
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from procta.vision.faces import detect_faces
from procta.vision.identity import (
    DEFAULT_THRESHOLD,
    InvalidImageError,
    compare,
    embed,
)
from procta.vision.images import VisionError
from tests.vision.fixtures import REPORT, require_fixtures


def rgb(path: Path) -> NDArray[np.uint8]:
    image: NDArray[np.uint8] = cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)
    return image


@pytest.fixture(scope="module")
def embeddings() -> list[tuple[str, str, NDArray[np.float64] | None]]:
    """(file, identity, embedding) for every single-person photo, and each half of the two
    side-by-side pairs (their `identities` are listed left to right)."""
    root = require_fixtures()
    out: list[tuple[str, str, NDArray[np.float64] | None]] = []
    for rec in json.loads((root / "labels.json").read_text())["files"]:
        labels = rec["labels"]
        if rec["media"] != "image":
            continue
        if labels.get("identity"):
            out.append((rec["file"], labels["identity"], embed(rgb(root / rec["file"]))))
        elif len(labels.get("identities") or []) == 2 and labels["face_count"] == 2:
            image = rgb(root / rec["file"])
            half = image.shape[1] // 2
            for name, part in zip(
                labels["identities"], (image[:, :half], image[:, half:]), strict=True
            ):
                out.append((f"{rec['file']}[{name}]", name, embed(np.ascontiguousarray(part))))
    return out


def test_same_and_different_people(
    embeddings: list[tuple[str, str, NDArray[np.float64] | None]],
) -> None:
    missed = [name for name, _, e in embeddings if e is None]
    found = [(name, who, e) for name, who, e in embeddings if e is not None]
    same, different = [], []
    for (_, a, ea), (_, b, eb) in itertools.combinations(found, 2):
        (same if a == b else different).append(compare(ea, eb))
    tar = sum(m.same for m in same) / len(same)
    far = sum(m.same for m in different) / len(different)
    REPORT.append(
        f"identity @ {DEFAULT_THRESHOLD}: {len(found)} faces ({len(missed)} not found: {missed})"
        f"\n  same-person pairs {len(same)}: true-accept {tar:.3f}, "
        f"max distance {max(m.distance for m in same):.3f}"
        f"\n  different pairs {len(different)}: false-accept {far:.4f}, "
        f"min distance {min(m.distance for m in different):.3f}"
    )
    assert not missed
    assert len(same) >= 12
    assert tar >= 0.95  # measured 1.000 at 0.6
    assert far <= 0.03  # measured 0.013: 3 of 236 pairs, the closest at 0.541


def test_confidence_follows_distance() -> None:
    ref = np.zeros(128)
    near, edge, far = (compare(ref, np.full(128, d / np.sqrt(128))) for d in (0.3, 0.6, 0.9))
    assert near.same and near.confidence > 0.99
    assert edge.same and edge.confidence == pytest.approx(0.5)
    assert not far.same and far.confidence > 0.99
    assert compare(ref, np.full(128, 0.5 / np.sqrt(128)), threshold=0.4).same is False


def test_mediapipe_box_gives_the_same_embedding() -> None:
    """The pipeline passes the face box it already has and skips dlib's HOG detector."""
    for name in ("obama_portrait.jpg", "biden_standing.jpg", "webcam_frontal.jpg"):
        image = rgb(require_fixtures() / "images" / name)
        faces = detect_faces(image)
        assert faces
        whole, boxed = embed(image), embed(image, box=faces[0].box)
        assert whole is not None and boxed is not None
        assert compare(whole, boxed).distance < 0.15, name


def test_threads_share_the_models() -> None:
    image = rgb(require_fixtures() / "images" / "biden_portrait.jpg")
    expected = embed(image)
    assert expected is not None
    results: list[NDArray[np.float64] | None] = []
    threads = [threading.Thread(target=lambda: results.append(embed(image))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r is not None and np.allclose(r, expected) for r in results)


def test_bad_input() -> None:
    assert embed(np.full((480, 640, 3), 128, np.uint8)) is None  # grey frame: no face
    assert embed(np.zeros((1, 1, 3), np.uint8)) is None
    for bad in (np.zeros((10, 10), np.uint8), np.zeros((10, 10, 3), np.float32)):
        with pytest.raises(InvalidImageError):
            embed(bad)
    with pytest.raises(InvalidImageError):
        embed(np.zeros((10, 10, 3), np.uint8), box=(0, 0, 0, 5))
    assert issubclass(InvalidImageError, VisionError)
    with pytest.raises(ValueError, match="128-d"):
        compare(np.zeros(128), np.zeros(64))
