"""The import's own 5 MB cap, under the app's multipart cap (6 MB by default): a bigger
file is refused with the import's own words, one under the cap goes through."""

from __future__ import annotations

from typing import Any

from tests.factories import sign_up
from tests.questions.samples import API, error_of

HEADER = "type,stem,options,answer,points,partial_credit,explanation,tags"


async def test_the_import_caps_files_at_5_mb(browser: Any) -> None:
    await sign_up(browser)
    row = "essay," + "x" * 1000 + ",,,1,,,\n"
    under = HEADER + "\n" + row * 2_000  # about 2 MB
    over = HEADER + "\n" + row * 5_500  # about 5.5 MB
    for path in ("import.csv", "import.qti"):
        files = {"file": ("big", over.encode(), "application/octet-stream")}
        error = error_of(await browser.post(f"{API}/{path}", files=files), 413, "file_too_large")
        assert "5 MB" in error["message"]
    files = {"file": ("ok.csv", under.encode(), "text/csv")}
    response = await browser.post(f"{API}/import.csv", files=files)
    assert response.status_code == 200, response.text
    assert response.json()["imported"] == 2_000
