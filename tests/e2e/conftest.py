"""Browser tests: a real ``procta serve`` process and Debian's Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI
from tests.servers import ROOT, migrated_data_dir, procta_server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() or not (ROOT / "web" / "dist" / "index.html").exists():
        if IN_CI:
            pytest.fail(
                "CI=true needs /usr/bin/chromium and a built web/dist (make test does both)"
            )
        pytest.skip("needs Debian's chromium and the built front end (make web chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=BROWSER_ARGS,
        )
        yield browser
        browser.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    data = migrated_data_dir(tmp_path / "data")
    with procta_server(data) as base:
        yield base, data


def shoot(page: Any, name: str) -> None:
    """Keep a screenshot of each page the flow passes, for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def media_browser(tmp_path: Path) -> Iterator[Any]:
    """Chromium with a camera (a real face), a microphone and a screen to share."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.media import FACE, FAKE_MEDIA, face_video, require_media

    require_media()
    video = face_video(FACE, tmp_path / "face.y4m")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[*BROWSER_ARGS, *FAKE_MEDIA, f"--use-file-for-fake-video-capture={video}"],
        )
        yield browser
        browser.close()
