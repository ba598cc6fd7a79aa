"""Reports as HTML (Jinja2) and PDF (WeasyPrint). Images go inline as small JPEG data
URIs, so a report is one self-contained file and WeasyPrint fetches nothing."""

from __future__ import annotations

import base64
import io
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from PIL import Image

from procta.errors import NotFound
from procta.proctoring.models import Snapshot
from procta.reports.facts import AttemptFacts, ExamFacts, FlagFact
from procta.reports.summary import STATUS_WORDS, duration
from procta.review.schemas import SummaryOut
from procta.storage.files import Storage

TEMPLATES = Path(__file__).resolve().parent / "templates"
THUMB_WIDTH = 300
MAX_EVIDENCE = 12  # snapshots per section
TIER_COLOURS = {"low": "#40c057", "moderate": "#fab005", "high": "#fd7e14", "critical": "#fa5252"}


@cache
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), cache_size=8
    )


def when(at: datetime | None) -> str:
    return at.strftime("%d %b %Y, %H:%M UTC") if at else "-"


def thumbnail(data: bytes, width: int = THUMB_WIDTH) -> bytes:
    """A small JPEG of an image; JPEG's draft mode decodes at a fraction of the size."""
    with Image.open(io.BytesIO(data)) as source:
        source.draft("RGB", (width, width))
        image = source.convert("RGB")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=72)
    return out.getvalue()


def _data_uri(storage: Storage, snapshot: Snapshot | None) -> str | None:
    if snapshot is None or snapshot.kind == "audio" or not snapshot.storage_key:
        return None
    try:
        data = storage.get(snapshot.storage_key)
        small = data if snapshot.purged_at else thumbnail(data)  # a purged one is a thumbnail
    except (NotFound, OSError):  # gone, or not an image PIL can read: the report goes on
        return None
    return "data:image/jpeg;base64," + base64.b64encode(small).decode()


def _evidence(storage: Storage, facts: AttemptFacts, kind: str, clock: Any) -> list[dict[str, str]]:
    """Snapshots of ``kind`` that show a flag (each once, in time order); for the screen
    also periodic captures when no flag has one."""
    chosen: dict[str, tuple[Snapshot, str]] = {}
    for flag in facts.flags:
        for snap in flag.snapshots:
            if snap.kind == kind and snap.id not in chosen:
                chosen[snap.id] = (snap, f"{clock(snap.taken_at)} · {flag.label}")
    if kind == "screen" and not chosen:
        shots = facts.of_kind("screen")
        step = max(1, len(shots) // MAX_EVIDENCE)
        for snap in shots[::step]:
            chosen[snap.id] = (snap, clock(snap.taken_at))
    items = []
    for snap, caption in sorted(chosen.values(), key=lambda pair: pair[0].taken_at):
        src = _data_uri(storage, snap)
        if src:
            items.append({"src": src, "caption": caption})
        if len(items) >= MAX_EVIDENCE:
            break
    return items


def attempt_html(facts: AttemptFacts, storage: Storage, summary: SummaryOut, now: datetime) -> str:
    a = facts.attempt
    began = a.began_at or a.started_at
    end = max([a.submitted_at or now, *(f.ended_at for f in facts.flags)])
    span = max(1.0, (end - began).total_seconds())

    def clock(at: datetime) -> str:
        seconds = max(0, round((at - began).total_seconds()))
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"

    def offset(flag: FlagFact) -> str:
        return clock(flag.started_at)

    marks = [
        {
            "severity": f.severity,
            "left": round(max(0.0, (f.started_at - began).total_seconds()) / span * 100, 2),
            "width": round(max(0.4, f.seconds / span * 100), 2),
        }
        for f in facts.flags
    ]
    by_id = {m.id: m for m in facts.media}
    images = {
        "id_document": _data_uri(storage, by_id.get(a.id_document_id or "")),
        "selfie": _data_uri(storage, by_id.get(a.selfie_id or "")),
    }
    return (
        _env()
        .get_template("attempt.html")
        .render(
            f=facts,
            now=now,
            when=when,
            status=STATUS_WORDS.get(a.status, a.status).replace("_", " "),
            minutes=duration(facts.minutes * 60),
            summary=summary,
            images=images,
            identity=any(
                f.type == "identity_mismatch" and f.decision != "dismissed" for f in facts.flags
            ),
            webcam=_evidence(storage, facts, "webcam", clock),
            screen=_evidence(storage, facts, "screen", clock),
            purged=any(m.purged_at for m in facts.media),
            marks=marks,
            span_label=clock(end),
            offset=offset,
            seconds=duration,
        )
    )


def exam_html(facts: ExamFacts, summary: SummaryOut, now: datetime) -> str:
    finished = facts.finished
    tiers = [(t, sum(1 for r in finished if r.tier == t)) for t in TIER_COLOURS]
    return (
        _env()
        .get_template("exam.html")
        .render(
            f=facts,
            now=now,
            when=when,
            summary=summary,
            finished=len(finished),
            tiers=tiers,
            colours=TIER_COLOURS,
        )
    )


def pdf(html: str) -> bytes:
    from weasyprint import HTML

    data: bytes = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    return data
