from __future__ import annotations

import pytest

from tests.vision.fixtures import REPORT


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REPORT:
        terminalreporter.section("vision accuracy")
        for text in REPORT:
            terminalreporter.write_line(text + "\n")
