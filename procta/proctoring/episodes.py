"""Events into episodes: pure, no database.

A flag is an episode: a ``start`` opens it, its ``end`` closes it, and any event of the
same type within ``gap`` of the episode's end extends it instead of opening another. So a
student who switches tabs five times in a minute has one tab_switch flag of five events,
not five flags, and a camera that drops for 40 s is one flag 40 s long.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from procta.db import new_id

Phase = Literal["instant", "start", "end"]


@dataclass
class Episode:
    """The latest episode of one type, as kept on the attempt between batches."""

    flag_id: str
    end: datetime
    open: bool
    confidence: float = 1.0  # the highest seen in the episode: the flag's confidence

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.flag_id,
            "end": self.end.isoformat(),
            "open": self.open,
            "conf": self.confidence,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Episode:
        end = datetime.fromisoformat(data["end"])
        return cls(data["id"], end, bool(data["open"]), float(data.get("conf", 1.0)))


@dataclass
class NewFlag:
    id: str
    type: str
    started_at: datetime
    ended_at: datetime
    open: bool
    source: str = "browser"
    confidence: float = 1.0
    event_count: int = 1
    snapshot: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Extension:
    """How an existing flag grows: its new end, whether it is still open, more events, and
    its confidence (the highest seen)."""

    ended_at: datetime
    open: bool
    confidence: float
    events: int = 0


@dataclass
class Outcome:
    """What one event did: ``flag_id`` it belongs to (None: an end with nothing open),
    ``opened`` a new flag, ``renewed_from`` the previous end of a flag it extended."""

    flag_id: str | None
    opened: bool = False
    renewed_from: datetime | None = None


def apply(
    episodes: dict[str, Episode],
    new_flags: dict[str, NewFlag],
    extensions: dict[str, Extension],
    *,
    type: str,
    phase: Phase,
    at: datetime,
    gap: timedelta,
    snapshot: str | None = None,
    details: dict[str, Any] | None = None,
    source: str = "browser",
    confidence: float = 1.0,
) -> Outcome:
    """Fold one event into the episode state, recording flags to insert (``new_flags``)
    and existing flags to update (``extensions``)."""
    current = episodes.get(type)
    if phase == "end":
        if current is None or not current.open:
            return Outcome(None)
        previous = current.end
        current.end, current.open = max(current.end, at), False
        _grow(new_flags, extensions, current, counted=False)
        return Outcome(current.flag_id, renewed_from=previous)
    if current is not None and (current.open or at - current.end <= gap):
        previous = current.end
        current.end = max(current.end, at)
        current.open = current.open or phase == "start"
        current.confidence = max(current.confidence, confidence)
        _grow(new_flags, extensions, current, counted=True)
        return Outcome(current.flag_id, renewed_from=previous)
    flag = NewFlag(new_id(), type, at, at, phase == "start", source, confidence, snapshot=snapshot)
    flag.details = dict(details or {})
    new_flags[flag.id] = flag
    episodes[type] = Episode(flag.id, at, flag.open, confidence)
    return Outcome(flag.id, opened=True)


def _grow(
    new_flags: dict[str, NewFlag],
    extensions: dict[str, Extension],
    episode: Episode,
    *,
    counted: bool,
) -> None:
    fresh = new_flags.get(episode.flag_id)
    if fresh is not None:
        fresh.ended_at, fresh.open = episode.end, episode.open
        fresh.confidence = episode.confidence
        fresh.event_count += counted
        return
    ext = extensions.setdefault(
        episode.flag_id, Extension(episode.end, episode.open, episode.confidence)
    )
    ext.ended_at, ext.open, ext.confidence = episode.end, episode.open, episode.confidence
    ext.events += counted
