"""Proctoring data: flags (episodes), the raw browser events behind them, and media
(snapshots, audio clips, identity photos). The per-attempt proctoring state (consent,
calibration, scores, live risk) lives on ``Attempt`` itself, so the live table and the
results read one row per student."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from procta.db import Base, OrgScoped, utcnow

SOURCES = ("browser", "ai", "proctor")
DECISIONS = ("undecided", "confirmed", "dismissed")
MEDIA_KINDS = ("webcam", "screen", "room", "audio", "selfie", "id_document")


class Flag(OrgScoped, Base):
    """One episode of one kind of trouble: a condition that lasts (no face for 40 s) is one
    flag with a duration; repeats within the merge gap extend it."""

    __tablename__ = "flags"
    __table_args__ = (Index("ix_flags_attempt_type", "attempt_id", "type"),)

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime]
    # Whether the episode is still going on (a start event without its end yet).
    open: Mapped[bool] = mapped_column(default=False)
    event_count: Mapped[int] = mapped_column(default=1)
    confidence: Mapped[float] = mapped_column(default=1.0)
    severity: Mapped[str] = mapped_column(String(10))
    # {"snapshots": [client ids], "details": [...the events' details, capped]}
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    decision: Mapped[str] = mapped_column(String(12), default="undecided")
    decided_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    # A warning a reviewer added at a moment of the recording: who, and why.
    created_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    comment: Mapped[str] = mapped_column(Text, default="")


class ProctorEvent(Base):
    """A browser signal as the client sent it. Keyed by (attempt, client id): a retried
    batch is a no-op. The hottest table of an exam day, so it has no surrogate id and no
    secondary index; on SQLite it is stored in key order (WITHOUT ROWID). Read it only
    through its attempt, filtered by ``org_id`` as well."""

    __tablename__ = "proctor_events"
    __table_args__ = ({"sqlite_with_rowid": False},)

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    org_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("organizations.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    type: Mapped[str] = mapped_column(String(40))
    phase: Mapped[str] = mapped_column(String(8))  # instant | start | end
    at: Mapped[datetime]
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The flag this event opened or extended (none when its type is off for this attempt)
    # and the snapshot the client took with it: the flag's evidence.
    flag_id: Mapped[str | None] = mapped_column(String(32))
    snapshot_client_id: Mapped[str | None] = mapped_column(String(64))


class Snapshot(OrgScoped, Base):
    """A stored piece of media of an attempt; the bytes live in the storage adapter."""

    __tablename__ = "snapshots"
    __table_args__ = (UniqueConstraint("attempt_id", "client_id"),)

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int]
    width: Mapped[int | None]
    height: Mapped[int | None]
    taken_at: Mapped[datetime]
    storage_key: Mapped[str] = mapped_column(String(200))
    # What the AI made of it (next issue); empty until analysed.
    analysis: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Past retention: the file is gone; evidence of a flag keeps a thumbnail (storage_key
    # then names it), anything else keeps no file.
    purged_at: Mapped[datetime | None]


class Recording(OrgScoped, Base):
    """One part of a recording of an attempt (webcam or screen): what one MediaRecorder
    produced, uploaded in numbered chunks and appended in order to one file in the storage
    adapter. A reload or a restarted screen share starts a new part; playback joins the
    parts of a kind on one timeline (procta/proctoring/playback.py)."""

    __tablename__ = "recordings"
    __table_args__ = (UniqueConstraint("attempt_id", "kind", "part"),)

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # webcam | screen
    part: Mapped[str] = mapped_column(String(64), default="p0")  # the client's recorder id
    content_type: Mapped[str] = mapped_column(String(60))
    storage_key: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(default=0)
    chunks: Mapped[int] = mapped_column(default=0)  # the next expected chunk is this number
    started_at: Mapped[datetime]
    # What the analysis of the recording found (record_review mode); empty until then.
    analysis: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    purged_at: Mapped[datetime | None]  # past retention: the file is gone
