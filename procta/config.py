"""Every knob is a ``PROCTA_*`` environment variable (or a line in ``.env``)."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEMO_SECRET_KEY = "procta-demo-secret-key-change-me"  # noqa: S105 - refused outside the demo


def async_url(url: str) -> str:
    """Accept plain ``postgresql://`` and ``sqlite://`` URLs; use the async drivers."""
    for plain, driver in (
        ("postgresql://", "postgresql+psycopg://"),
        ("postgres://", "postgresql+psycopg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return driver + url[len(plain) :]
    return url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PROCTA_", env_file=".env", extra="ignore")

    data_dir: Path = Path("procta-data")
    database_url: str = ""
    redis_url: str = ""
    smtp_url: str = ""
    mail_from: str = "Procta <no-reply@procta.local>"
    public_url: str = "http://127.0.0.1:8000"
    secret_key: str = DEMO_SECRET_KEY
    demo: bool = False
    host: str = "127.0.0.1"
    port: int = 8000
    # One log line per request. Off when a proxy in front already logs requests: it costs
    # about a tenth of the server's time on an exam day (bench/exam_load.py).
    access_log: bool = True
    web_dist: Path = Path(__file__).resolve().parent.parent / "web" / "dist"

    session_days: int = 14
    trial_days: int = 14
    password_min_length: int = 10
    reset_token_minutes: int = 60
    invite_days: int = 7
    two_factor_minutes: int = 10
    two_factor_max_tries: int = 5
    login_limit_per_account: int = 5
    login_limit_per_ip: int = 30
    login_limit_window_s: int = 900
    overdue_check_s: float = 30.0
    # Proctoring: events of one type closer than this merge into one flag (episode); live
    # risk fades with this half-life; media uploads are capped.
    flag_merge_gap_s: float = 30.0
    # Run the AI analysis of each snapshot and clip as a job (procta/proctoring/analysis.py).
    analysis: bool = True
    live_half_life_s: float = 600.0
    # Optional AI summaries by an OpenAI-compatible chat endpoint (base URL, e.g.
    # http://llm.school.local/v1); without it the rules write the summaries.
    llm_url: str = ""
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str = ""
    llm_timeout_s: float = 20.0
    # Media retention runs daily; Tools -> Cleanup Screenshots runs it at once.
    retention_check_s: float = 86_400.0
    max_snapshot_bytes: int = 2_000_000
    max_recording_bytes: int = 600_000_000  # one attempt's webcam (or screen), all parts
    max_upload_bytes: int = 6_000_000  # multipart uploads (imports); routes cap further
    max_body_bytes: int = Field(
        default=1_000_000, description="JSON body cap; uploads set their own"
    )

    @model_validator(mode="after")
    def _defaults(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///{self.data_dir.resolve() / 'procta.db'}"
        self.database_url = async_url(self.database_url)
        return self

    @property
    def flag_merge_gap(self) -> timedelta:
        return timedelta(seconds=self.flag_merge_gap_s)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")

    def check_secret(self) -> None:
        """A server must not run on the published demo secret unless it is the demo."""
        if self.secret_key == DEMO_SECRET_KEY and not self.demo:
            raise RuntimeError(
                "PROCTA_SECRET_KEY is the built-in demo value. Set PROCTA_SECRET_KEY to a long "
                "random string (`python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
                " or run the demo with PROCTA_DEMO=1."
            )


@lru_cache
def get_settings() -> Settings:
    return _override[0] if _override else Settings()


def use_settings(settings: Settings) -> None:
    """Make ``get_settings()`` return these (the app's), e.g. inside job workers."""
    get_settings.cache_clear()
    _override.clear()
    _override.append(settings)


_override: list[Settings] = []
