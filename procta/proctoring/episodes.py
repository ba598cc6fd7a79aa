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
    start: datetime
    end: datetime
    open: bool
    confidence: float = 1.0  # the highest seen in the episode: the flag's confidence
    held: float = 0.0  # its live-risk share while open: held at full weight, not fading

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.flag_id,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "open": self.open,
            "conf": self.confidence,
            "held": self.held,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Episode:
        end = datetime.fromisoformat(data["end"])
        start = datetime.fromisoformat(data["start"]) if "start" in data else end
        confidence, held = float(data.get("conf", 1.0)), float(data.get("held", 0.0))
        return cls(data["id"], start, end, bool(data["open"]), confidence, held)

    def takes(self, at: datetime, gap: timedelta) -> bool:
        """Whether an event at ``at`` belongs to this episode: while it is open from its
        start on, or within ``gap`` of its span. A late event from long before (a backlog,
        a recording analysed after the exam) is an episode of its own."""
        if self.open:
            return at >= self.start - gap
        return self.start - gap <= at <= self.end + gap


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
    """How an existing flag grows: its span, whether it is still open, more events, and
    its confidence (the highest seen)."""

    started_at: datetime
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
    strays: dict[str, Episode] | None = None,
) -> Outcome:
    """Fold one event into the episode state, recording flags to insert (``new_flags``)
    and existing flags to update (``extensions``). ``strays``: the episodes of late events
    (before the latest episode of their type) within one fold."""
    if strays is None:
        strays = {}
    current = episodes.get(type)
    if phase == "end":
        if current is None or not current.open:
            return Outcome(None)
        previous = current.end
        current.end, current.open = max(current.end, at), False
        _grow(new_flags, extensions, current, counted=False)
        return Outcome(current.flag_id, renewed_from=previous)
    if current is not None and not current.takes(at, gap) and at < current.start:
        # From before the latest episode (a backlog, a recording analysed after the exam):
        # it joins the other late events of this fold, never the latest episode.
        current = strays.get(type)
        if current is None or not current.takes(at, gap):
            flag = _new_flag(new_flags, type, at, phase, source, confidence, snapshot, details)
            strays[type] = Episode(flag.id, at, at, flag.open, confidence)
            return Outcome(flag.id, opened=True)
    if current is not None and current.takes(at, gap):
        previous = current.end
        current.start, current.end = min(current.start, at), max(current.end, at)
        current.open = current.open or phase == "start"
        current.confidence = max(current.confidence, confidence)
        _grow(new_flags, extensions, current, counted=True)
        return Outcome(current.flag_id, renewed_from=previous)
    flag = _new_flag(new_flags, type, at, phase, source, confidence, snapshot, details)
    episodes[type] = Episode(flag.id, at, at, flag.open, confidence)
    return Outcome(flag.id, opened=True)


def held(episodes: dict[str, Any]) -> float:
    """The live-risk share of the episodes still open, from the JSON kept on the attempt."""
    return sum(float(e.get("held", 0.0)) for e in (episodes or {}).values() if e.get("open"))


def _new_flag(
    new_flags: dict[str, NewFlag],
    type: str,
    at: datetime,
    phase: Phase,
    source: str,
    confidence: float,
    snapshot: str | None,
    details: dict[str, Any] | None,
) -> NewFlag:
    flag = NewFlag(new_id(), type, at, at, phase == "start", source, confidence, snapshot=snapshot)
    flag.details = dict(details or {})
    new_flags[flag.id] = flag
    return flag


def _grow(
    new_flags: dict[str, NewFlag],
    extensions: dict[str, Extension],
    episode: Episode,
    *,
    counted: bool,
) -> None:
    fresh = new_flags.get(episode.flag_id)
    if fresh is not None:
        fresh.started_at, fresh.ended_at, fresh.open = episode.start, episode.end, episode.open
        fresh.confidence = episode.confidence
        fresh.event_count += counted
        return
    ext = extensions.setdefault(
        episode.flag_id, Extension(episode.start, episode.end, episode.open, episode.confidence)
    )
    ext.started_at, ext.ended_at = episode.start, episode.end
    ext.open, ext.confidence = episode.open, episode.confidence
    ext.events += counted
