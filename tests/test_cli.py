from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = ["serve", "migrate", "demo", "worker", "create-superadmin", "backfill", "openapi"]


def procta(*args: str, data: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, **env}
    if data is not None:
        environ["PROCTA_DATA_DIR"] = str(data)
        environ.pop("PROCTA_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "procta.cli", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = procta(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout


def test_migrate_and_demo_are_idempotent(tmp_path: Path) -> None:
    for _ in range(2):
        assert procta("migrate", data=tmp_path).returncode == 0
        demo = procta("demo", data=tmp_path)
        assert demo.returncode == 0, demo.stderr
    assert "teacher@northwind.example" in demo.stdout
    assert "access code PRACTICE" in demo.stdout
    import sqlite3

    db = sqlite3.connect(tmp_path / "procta.db")
    counts = [
        db.execute(f"select count(*) from {t}").fetchone()[0]  # noqa: S608
        for t in (
            "organizations",
            "users",
            "memberships",
            "students",
            "courses",
            "exams",
            "attempts",
        )
    ]
    # 6 students are writing the practice quiz; 6 sat the record & review exam, two of them
    # with recordings.
    assert counts == [1, 3, 2, 40, 1, 4, 77]
    (submitted,) = db.execute("select count(*) from attempts where status = 'submitted'").fetchone()
    assert submitted == 71
    (recordings,) = db.execute("select count(*) from recordings").fetchone()
    assert recordings == 4
    (flagged,) = db.execute("select count(distinct attempt_id) from flags").fetchone()
    assert flagged > 10

    # Scores stored under another formula are recomputed once; a second run changes nothing.
    db.execute("update attempts set score_version = 0, risk = null where rowid % 2 = 0")
    db.commit()
    first = procta("backfill", data=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "checked 71 completed attempts, 35 changed" in first.stdout
    assert "checked 71 completed attempts, 0 changed" in procta("backfill", data=tmp_path).stdout


def test_create_superadmin(tmp_path: Path) -> None:
    procta("migrate", data=tmp_path)
    weak = procta(
        "create-superadmin",
        "--email",
        "root@x.example",
        "--name",
        "Root",
        "--password",
        "short",
        data=tmp_path,
    )
    assert weak.returncode != 0 and "at least" in weak.stderr
    ok = procta(
        "create-superadmin",
        "--email",
        "root@x.example",
        "--name",
        "Root",
        "--password",
        "a-long-admin-passphrase",
        data=tmp_path,
    )
    assert ok.returncode == 0, ok.stderr
    assert "root@x.example is a platform administrator" in ok.stdout


def test_worker_needs_redis() -> None:
    result = procta("worker", PROCTA_REDIS_URL="")
    assert result.returncode == 2
    assert "PROCTA_REDIS_URL" in result.stderr


def test_default_secret_is_refused_outside_the_demo(tmp_path: Path) -> None:
    result = procta(
        "serve",
        "--port",
        "1",
        data=tmp_path,
        PROCTA_DEMO="0",
        PROCTA_SECRET_KEY="procta-demo-secret-key-change-me",
    )
    assert result.returncode != 0
    assert "PROCTA_SECRET_KEY" in result.stderr


def test_several_workers_need_redis(tmp_path: Path) -> None:
    result = procta("serve", "--workers", "2", "--demo", data=tmp_path, PROCTA_REDIS_URL="")
    assert result.returncode == 2
    assert "PROCTA_REDIS_URL" in result.stderr
