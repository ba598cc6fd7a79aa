"""Webcam analysis throughput per core: frames per second of the pipeline that the proctoring
jobs run (decode + quality + face presence and count + head pose and gaze of a single face)
on the shared test photos fitted into 320x240 JPEG snapshots, next to mediapipe's own
``process()`` calls on the same frames in the same run. Prints both and their ratio.

    .venv/bin/python bench/vision.py                 # 5 passes over the 30 photos
    .venv/bin/python bench/vision.py --passes 20

Single thread: the thread pools of OpenCV, BLAS and TFLite are held to one thread, and the
rate is CPU seconds of this process, so other load on the machine slows it less than the
wall clock; the rows take turns pass by pass and each reports its median pass. Add rows for
other analyses (identity, phone detection, OCR, VAD) to ``BENCHES``: each entry returns (one
item's work, the items), and the runner times it the same way.
"""

from __future__ import annotations

import os

for _var in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "TF_NUM_INTRAOP_THREADS",
):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import io  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from statistics import median  # noqa: E402
from typing import Any  # noqa: E402

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from procta.vision import WEBCAM_MAX_SIDE, analyze_webcam, decode_image  # noqa: E402
from procta.vision.faces import detect_faces  # noqa: E402
from procta.vision.models import model  # noqa: E402
from procta.vision.pose import landmark_roi  # noqa: E402

cv2.setNumThreads(1)
FIXTURES = ROOT.parent / "shared" / "fixtures" / "images"
SIZE = (320, 240)

Bench = Callable[[], tuple[Callable[[Any], object], Sequence[Any]]]


def snapshots() -> list[bytes]:
    """The photos fitted into 320x240 frames (black bars), as JPEG like a browser sends."""
    out = []
    for path in sorted(FIXTURES.glob("*.jpg")):
        rgb = decode_image(path.read_bytes())
        scale = min(SIZE[0] / rgb.shape[1], SIZE[1] / rgb.shape[0])
        w, h = round(rgb.shape[1] * scale), round(rgb.shape[0] * scale)
        frame = np.zeros((SIZE[1], SIZE[0], 3), np.uint8)
        y, x = (SIZE[1] - h) // 2, (SIZE[0] - w) // 2
        frame[y : y + h, x : x + w] = cv2.resize(rgb, (w, h), interpolation=cv2.INTER_AREA)
        buf = io.BytesIO()
        Image.fromarray(frame).save(buf, "JPEG", quality=85)
        out.append(buf.getvalue())
    return out


def webcam_pipeline() -> tuple[Callable[[Any], object], Sequence[Any]]:
    return analyze_webcam, snapshots()


def bare_mediapipe() -> tuple[Callable[[Any], object], Sequence[Any]]:
    """Only the mediapipe calls the pipeline makes, on the same inputs: the detector on every
    frame, the face landmarks on the region of the one person in frames with exactly one
    (the region prepared outside the timing)."""
    work = []
    for data in snapshots():
        rgb = decode_image(data, WEBCAM_MAX_SIDE)
        faces = detect_faces(rgb) or []
        people = [f for f in faces if not f.uncertain]
        roi = landmark_roi(people[0], rgb.shape[1], rgb.shape[0]) if len(people) == 1 else None
        work.append((rgb, roi))
    detector, mesh = model("face_detection"), model("face_mesh")
    if detector is None or mesh is None:
        sys.exit("the mediapipe models do not load: see the warning above")

    def run(item: tuple[Any, Any]) -> object:
        rgb, roi = item
        detector.process(rgb)
        return None if roi is None else mesh.process(rgb, roi)

    return run, work


def embedding(rgb: Any, box: tuple[int, int, int, int] | None = None) -> Any:
    """The identity embedding of a frame the bench picked for holding a face."""
    from procta.vision.identity import embed

    found = embed(rgb, box)
    if found is None:
        raise RuntimeError("no face found in a frame picked for having one")
    return found


def identity_comparison() -> tuple[Callable[[Any], object], Sequence[Any]]:
    """One comparison: embed the probe face (dlib HOG + 5-point + ResNet) against a stored
    reference embedding, on the photos of one person fitted into 640 px."""
    from procta.vision.identity import compare, embed

    frames = [decode_image(p.read_bytes(), 640) for p in sorted(FIXTURES.glob("*.jpg"))]
    frames = [f for f in frames if embed(f) is not None]
    reference = embedding(frames[0])
    return lambda rgb: compare(reference, embedding(rgb)), frames


def identity_with_box() -> tuple[Callable[[Any], object], Sequence[Any]]:
    """As above with the face box mediapipe already found (how the pipeline calls it)."""
    from procta.vision.identity import compare

    work = []
    for path in sorted(FIXTURES.glob("*.jpg")):
        rgb = decode_image(path.read_bytes(), 640)
        faces = detect_faces(rgb) or []
        if faces:
            work.append((rgb, faces[0].box))
    reference = embedding(*work[0])
    return lambda item: compare(reference, embedding(*item)), work


def ocr_screen() -> tuple[Callable[[Any], object], Sequence[Any]]:
    """RapidOCR + term matching on 1280x720 synthetic screens (address bar + page text)."""
    from PIL import ImageDraw, ImageFont

    from procta.vision.ocr import scan

    font_path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    screens = []
    for address in ("https://chat.openai.com/c/1", "https://procta.example/exam/42"):
        img = Image.new("RGB", (1280, 720), "white")
        draw = ImageDraw.Draw(img)
        font = ImageFont.truetype(str(font_path), 22) if font_path.exists() else None
        draw.text((110, 10), address, font=font, fill="black")
        for i, line in enumerate(["Question 4 of 20", "Which number is prime?", "A) 21 B) 23"]):
            draw.text((80, 110 + 60 * i), line, font=font, fill="black")
        screens.append(np.asarray(img))
    return scan, screens


def vad_10s() -> tuple[Callable[[Any], object], Sequence[Any]]:
    """Silero VAD + levels on loud 10 s clips (every frame goes through the model): times
    real time = 10 x clips/s. Quiet rooms skip the model and run far faster."""
    from procta.vision.audio import analyse

    audio = FIXTURES.parent / "audio"
    names = ("noise_dishes_10s.wav", "music_guitar_16k.wav")
    return analyse, [(audio / n).read_bytes() for n in names]


BENCHES: dict[str, Bench] = {
    "mediapipe process() alone": bare_mediapipe,
    "webcam pipeline": webcam_pipeline,
    "identity compare (ms/comparison)": identity_comparison,
    "identity compare, given box": identity_with_box,
    "OCR 1280x720 screen": ocr_screen,
    "VAD loud 10 s clip (x10 = xRT)": vad_10s,
}


def measure(benches: dict[str, Bench], passes: int) -> dict[str, tuple[float, float]]:
    """(items per CPU second, items per wall second) of each bench, from its median pass.

    After a warm-up pass of each, every round runs one pass of every bench in turn, so the
    rows share the machine's other load alike, and a burst of it during one pass moves no
    row (timed in one block, the pipeline row moved by a fifth between two runs here)."""
    work = {name: bench() for name, bench in benches.items()}
    for fn, items in work.values():
        for item in items:
            fn(item)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in work}
    for _ in range(passes):
        for name, (fn, items) in work.items():
            cpu, wall = time.process_time(), time.perf_counter()
            for item in items:
                fn(item)
            times[name].append((time.process_time() - cpu, time.perf_counter() - wall))
    return {
        name: (
            len(work[name][1]) / median(c for c, _ in rounds),
            len(work[name][1]) / median(w for _, w in rounds),
        )
        for name, rounds in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    if not FIXTURES.is_dir():
        sys.exit(f"the shared photos are missing: {FIXTURES}")
    rates = measure(BENCHES, args.passes)
    print(f"{'row':32} {'frames/s per core (CPU)':>24} {'frames/s (wall)':>16} {'ms/frame':>9}")
    for name, (cpu, wall) in rates.items():
        print(f"{name:32} {cpu:24.1f} {wall:16.1f} {1000 / cpu:9.2f}")
    bare, pipe = rates["mediapipe process() alone"][0], rates["webcam pipeline"][0]
    print(
        f"overhead: pipeline / bare = {bare / pipe:.2f}x time (goal <= 1.2x); "
        f"pipeline {pipe:.0f} frames/s per core (goal >= 100)"
    )
    print(f"rerun: .venv/bin/python bench/vision.py --passes {args.passes}")


if __name__ == "__main__":
    main()
