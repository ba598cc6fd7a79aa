"""A student's browser with a camera, a microphone and a screen: Chromium's fake devices,
the camera fed from a real face photo in ../shared (made into a .y4m video at test time,
never copied into the repository), and the proctoring setup walked through as a student
does it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import IN_CI, SHARED
from tests.e2e.conftest import CHROMIUM, shoot
from tests.servers import ROOT

FACE = SHARED / "fixtures" / "images" / "webcam_frontal.jpg"
# The Chromium flags that give a page a camera, a microphone and a screen to share with no
# one to click the browser's prompts (all checked with Chromium 15x headless).
FAKE_MEDIA = [
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--auto-select-desktop-capture-source=Entire screen",
    "--autoplay-policy=no-user-gesture-required",
]


def require_media() -> None:
    """The face photo lives in ../shared (never copied here); the browser and the built
    front end must exist. Locally a missing piece skips; under CI=true it fails."""
    missing = []
    if not FACE.exists():
        missing.append(f"the face photo {FACE} (../shared/fixtures)")
    if not Path(CHROMIUM).exists():
        missing.append("Debian's chromium at /usr/bin/chromium")
    if not (ROOT / "web" / "dist" / "index.html").exists():
        missing.append("the built front end (make web)")
    if missing:
        message = "needs " + " and ".join(missing)
        if IN_CI:
            pytest.fail(f"CI=true: {message}")
        pytest.skip(message)


def face_video(photo: Path, out: Path, frames: int = 30) -> Path:
    """A 640x480, 10 fps Y4M (4:2:0) of the photo, drifting a few pixels from frame to
    frame, for ``--use-file-for-fake-video-capture``."""
    from PIL import Image, ImageOps

    width, height = 640, 480
    base = ImageOps.fit(Image.open(photo).convert("RGB"), (width + 16, height + 16))
    with out.open("wb") as f:
        f.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for n in range(frames):
            dx = dy = 4 + round(4 * ((n % 10) / 10))
            frame = base.crop((dx, dy, dx + width, dy + height)).convert("YCbCr")
            y, cb, cr = frame.split()
            f.write(b"FRAME\n")
            f.write(y.tobytes())
            half = (width // 2, height // 2)
            f.write(cb.resize(half, Image.Resampling.BILINEAR).tobytes())
            f.write(cr.resize(half, Image.Resampling.BILINEAR).tobytes())
    return out


def pass_setup(page: Any, *, screen: bool, name: str = "proctor") -> None:
    """From the device check to the first question, as a student does it."""
    expect(page.get_by_role("heading", name="Check your device")).to_be_visible(timeout=15_000)
    if screen:
        page.get_by_role("button", name="Share screen").click()
    checks = page.get_by_role("list", name="Device check")
    for label in ["Browser", "Camera", "Microphone", "Upload speed"]:
        expect(checks.get_by_text(f"{label}: passed")).to_be_attached(timeout=15_000)
    if screen:
        expect(checks.get_by_text("Screen sharing: passed")).to_be_attached(timeout=15_000)
    shoot(page, f"{name}-01-device-check")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="What this exam records")).to_be_visible()
    expect(page.get_by_text(re.compile(r"kept for \d+ days"))).to_be_visible()
    shoot(page, f"{name}-02-consent")
    page.get_by_label("I agree to be recorded as described above").check()
    page.get_by_role("button", name="Agree and continue").click()

    expect(page.get_by_role("heading", name="Confirm who you are")).to_be_visible()
    for kind, button in [
        ("Photo of your ID", "Take ID photo"),
        ("Photo of your face", "Take selfie"),
    ]:
        section = page.get_by_role("region", name=kind)
        section.get_by_role("button", name=button).click()
        expect(section.get_by_role("img", name=re.compile("as taken"))).to_be_visible()
        section.get_by_role("button", name="Use this photo").click()
        expect(section.get_by_text("Sent")).to_be_visible()
    shoot(page, f"{name}-03-identity")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Calibration")).to_be_visible()
    page.get_by_role("button", name="Start calibration").click()
    expect(page.get_by_text(re.compile("^Calibration (done|is poor)$"))).to_be_visible(
        timeout=20_000
    )
    shoot(page, f"{name}-04-calibration")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="You are ready")).to_be_visible()
    page.get_by_role("button", name="Start the exam").click()
    expect(page.get_by_role("heading", name=re.compile(r"Question 1 of \d"))).to_be_visible()
