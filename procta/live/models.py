"""What proctors did to a live attempt: the attempt's action timeline.

Warnings are flags as well (``proctor_warning``, they count in the scores); every action,
warnings included, is a row here, so the review packet shows who paused, resumed, warned,
ended or noted what, and when. Chat is deliberately not stored (see ``chat``). Also: the
room camera paired with an attempt.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from procta.db import Base, OrgScoped

ACTIONS = ("warn", "pause", "resume", "end", "note")


class ProctorAction(OrgScoped, Base):
    __tablename__ = "proctor_actions"

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    # The proctor_warning flag a warning opened; the student acknowledges it by this id.
    flag_id: Mapped[str | None] = mapped_column(String(32))
    acknowledged_at: Mapped[datetime | None]


class RoomCamera(OrgScoped, Base):
    """A phone that films the student's room for one attempt (when the exam requires it).

    The exam page shows a QR code with a one-time pairing code; the phone trades it for its
    own token, which can do nothing but send room snapshots of this attempt."""

    __tablename__ = "room_cameras"

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), unique=True
    )
    code_hash: Mapped[str | None] = mapped_column(String(64))
    code_expires_at: Mapped[datetime | None]
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    paired_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]
