"""Recordings as the reviewer plays them: the parts of one kind (webcam or screen) joined on
one timeline in one seekable WebM, remuxed without re-encoding.

MediaRecorder writes WebM with no duration and no cues, so a browser cannot seek in the raw
upload; the remux writes both. A part starts at its recorder's start time, so the time the
student spent reloading shows as a gap between parts, and a part whose upload stopped is
playable up to its last whole frame. The joined file is rebuilt only when a part grew.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import av
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import Attempt
from procta.db import end_reads, org_get
from procta.errors import NotFound
from procta.proctoring.models import Recording
from procta.storage.files import Storage

log = logging.getLogger("procta.recordings")
MS = Fraction(1, 1000)  # WebM's time base
MIN_GAP_S = 1.0  # shorter pauses between parts are the recorder restarting, not a gap


@dataclass(frozen=True)
class Part:
    path: Path
    offset_s: float  # from the start of the first part


@dataclass
class Timeline:
    duration_s: float = 0.0
    parts: list[dict[str, float]] = field(default_factory=list)  # {"offset_s", "duration_s"}
    gaps: list[dict[str, float]] = field(default_factory=list)  # {"start_s", "end_s"}


def join(parts: list[Part], out: Path) -> Timeline:
    """Remux ``parts`` (in time order) into one WebM at ``out``; what fails to decode at
    the end of a part (a cut-off upload) is left out."""
    timeline = Timeline()
    last_dts: dict[str, int] = {}
    with av.open(str(out), "w", format="webm") as output:
        streams: dict[str, av.stream.Stream] = {}
        for part in parts:
            first: dict[str, int] = {}
            end_ms = 0
            try:
                with av.open(str(part.path)) as source:
                    inputs = [s for s in source.streams if s.type in ("video", "audio")]
                    for stream in inputs:
                        if stream.type not in streams:
                            streams[stream.type] = output.add_stream_from_template(stream)
                    offset_ms = round(part.offset_s * 1000)
                    for packet in source.demux(*inputs):
                        kind = packet.stream.type
                        if packet.pts is None or packet.size == 0:
                            continue
                        ms = round(packet.pts * packet.time_base * 1000)
                        base = first.setdefault(kind, ms)
                        at = max(offset_ms + ms - base, last_dts.get(kind, -1) + 1)
                        last_dts[kind] = at
                        end_ms = max(end_ms, at - offset_ms)
                        packet.stream = streams[kind]
                        packet.pts = packet.dts = at
                        packet.time_base = MS
                        output.mux(packet)
            except (av.error.FFmpegError, ValueError, KeyError) as exc:
                # A cut-off tail ends the part here; a part that cannot be joined at all
                # (a stream or codec the first part lacked) shows as a gap.
                log.info("recording part %s ends at %.1f s: %s", part.path.name, end_ms / 1000, exc)
            timeline.parts.append({"offset_s": part.offset_s, "duration_s": end_ms / 1000})
    ends = 0.0
    for span in timeline.parts:
        if span["offset_s"] - ends >= MIN_GAP_S:
            timeline.gaps.append({"start_s": round(ends, 3), "end_s": span["offset_s"]})
        ends = max(ends, span["offset_s"] + span["duration_s"])
    timeline.duration_s = round(ends, 3)
    return timeline


@dataclass(frozen=True)
class Playback:
    kind: str
    started_at: datetime
    path: Path
    timeline: Timeline


async def _parts(session: AsyncSession, attempt: Attempt, kind: str) -> list[Recording]:
    rows = await session.execute(
        select(Recording)
        .where(
            Recording.org_id == attempt.org_id,
            Recording.attempt_id == attempt.id,
            Recording.kind == kind,
            Recording.purged_at.is_(None),
            Recording.size > 0,
        )
        .order_by(Recording.started_at, Recording.part)
    )
    return list(rows.scalars())


async def kinds(session: AsyncSession, attempt: Attempt) -> list[str]:
    """The kinds of recording this attempt has something of."""
    rows = await session.execute(
        select(Recording.kind)
        .where(
            Recording.org_id == attempt.org_id,
            Recording.attempt_id == attempt.id,
            Recording.purged_at.is_(None),
            Recording.size > 0,
        )
        .distinct()
    )
    return sorted(rows.scalars(), key=("webcam", "screen").index)


async def playback(
    session: AsyncSession, storage: Storage, org_id: str, attempt_id: str, kind: str
) -> Playback:
    """The joined recording of ``kind``, built (off the event loop) if the stored one is
    older than its parts."""
    attempt = await org_get(session, Attempt, org_id, attempt_id)
    parts = await _parts(session, attempt, kind)
    if not parts:
        raise NotFound("This attempt has no such recording.", code="recording_not_found")
    await end_reads(session)  # a remux takes seconds: not while holding the database
    return await asyncio.to_thread(_built, storage, attempt, kind, parts)


def _built(storage: Storage, attempt: Attempt, kind: str, parts: list[Recording]) -> Playback:
    started = parts[0].started_at
    version = hashlib.sha256(
        json.dumps([[p.id, p.size, p.started_at.isoformat()] for p in parts]).encode()
    ).hexdigest()[:16]
    key = f"{attempt.org_id}/{attempt.id}/recordings/{kind}.play.webm"
    meta_key = f"{attempt.org_id}/{attempt.id}/recordings/{kind}.play.json"
    try:
        meta = json.loads(storage.get(meta_key))
        if meta["version"] == version:
            return Playback(kind, started, storage.path(key), Timeline(**meta["timeline"]))
    except (NotFound, ValueError, KeyError, TypeError):
        pass
    sources = [
        Part(storage.path(p.storage_key), round((p.started_at - started).total_seconds(), 3))
        for p in parts
    ]
    fd, tmp = tempfile.mkstemp(suffix=".webm")
    os.close(fd)
    try:
        timeline = join(sources, Path(tmp))
        storage.put_file(key, Path(tmp))
    finally:
        Path(tmp).unlink(missing_ok=True)
    storage.put(meta_key, json.dumps({"version": version, "timeline": asdict(timeline)}).encode())
    return Playback(kind, started, storage.path(key), timeline)
