"""Media retention: snapshots past the org's screenshot retention, and recordings, audio
clips and ID photos past its media retention, are deleted from storage. A snapshot that is
evidence of a flag (or an ID photo or selfie) keeps a small thumbnail, so reports still
show it; the rest goes with its row."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import FINISHED, Attempt
from procta.errors import NotFound
from procta.orgs.models import Organization
from procta.proctoring.models import Flag, ProctorEvent, Recording, Snapshot
from procta.reports.render import thumbnail
from procta.storage.files import Storage

SHOTS = ("webcam", "screen", "room")
BATCH = 500


@dataclass
class Freed:
    snapshots_deleted: int = 0
    recordings_deleted: int = 0
    thumbnails_kept: int = 0
    bytes_freed: int = 0

    def add(self, other: Freed) -> None:
        self.snapshots_deleted += other.snapshots_deleted
        self.recordings_deleted += other.recordings_deleted
        self.thumbnails_kept += other.thumbnails_kept
        self.bytes_freed += other.bytes_freed


async def _evidence(session: AsyncSession, org_id: str, attempt_ids: set[str]) -> set[str]:
    """Client ids of the snapshots that show a flag of these attempts."""
    found: set[str] = set()
    rows = await session.execute(
        select(ProctorEvent.snapshot_client_id).where(
            ProctorEvent.org_id == org_id,
            ProctorEvent.attempt_id.in_(attempt_ids),
            ProctorEvent.flag_id.is_not(None),
            ProctorEvent.snapshot_client_id.is_not(None),
        )
    )
    found.update(c for c in rows.scalars() if c)
    flags = await session.execute(
        select(Flag.evidence).where(Flag.org_id == org_id, Flag.attempt_id.in_(attempt_ids))
    )
    for evidence in flags.scalars():
        found.update((evidence or {}).get("snapshots", []))
    return found


def _shrink(storage: Storage, snap: Snapshot) -> tuple[str, int] | None:
    """Replace the file by a thumbnail; (new key, new size), or None when it is gone."""
    try:
        small = thumbnail(storage.get(snap.storage_key))
    except NotFound:
        return None
    except OSError:  # not an image PIL can read: keep nothing
        storage.delete(snap.storage_key)
        return None
    key = snap.storage_key.rsplit(".", 1)[0] + ".thumb.jpg"
    storage.put(key, small)
    storage.delete(snap.storage_key)
    return key, len(small)


async def _snapshots(
    session: AsyncSession, storage: Storage, org: Organization, now: datetime
) -> Freed:
    freed = Freed()
    shots_before = now - timedelta(days=org.screenshot_retention_days)
    media_before = now - timedelta(days=org.retention_days)
    old = or_(
        Snapshot.kind.in_(SHOTS) & (Snapshot.taken_at < shots_before),
        Snapshot.kind.not_in(SHOTS) & (Snapshot.taken_at < media_before),
    )
    after = ""
    while True:
        batch = list(
            (
                await session.execute(
                    select(Snapshot)
                    .where(
                        Snapshot.org_id == org.id,
                        Snapshot.purged_at.is_(None),
                        Snapshot.id > after,
                        old,
                    )
                    .order_by(Snapshot.id)
                    .limit(BATCH)
                )
            ).scalars()
        )
        if not batch:
            return freed
        after = batch[-1].id
        attempts = {s.attempt_id for s in batch}
        evidence = await _evidence(session, org.id, attempts)
        identity = set(
            (
                await session.execute(
                    select(Attempt.selfie_id, Attempt.id_document_id).where(
                        Attempt.id.in_(attempts)
                    )
                )
            ).all()
        )
        keep = evidence | {i for pair in identity for i in pair if i}
        gone = []
        for snap in batch:
            wanted = (snap.client_id in keep or snap.id in keep) and snap.kind != "audio"
            shrunk = await asyncio.to_thread(_shrink, storage, snap) if wanted else None
            if shrunk is None:
                if not wanted:
                    await asyncio.to_thread(storage.delete, snap.storage_key)
                gone.append(snap.id)
                freed.bytes_freed += snap.size
            else:
                snap.storage_key, small = shrunk
                freed.bytes_freed += snap.size - small
                snap.size = small
                snap.purged_at = now
                freed.thumbnails_kept += 1
            freed.snapshots_deleted += 1
        if gone:
            await session.execute(
                delete(Snapshot)
                .where(Snapshot.org_id == org.id, Snapshot.id.in_(gone))
                .execution_options(synchronize_session=False)
            )
        await session.flush()


async def _recordings(
    session: AsyncSession, storage: Storage, org: Organization, now: datetime
) -> Freed:
    freed = Freed()
    before = now - timedelta(days=org.retention_days)
    rows = await session.execute(
        select(Recording)
        .join(Attempt, Attempt.id == Recording.attempt_id)
        .where(
            Recording.org_id == org.id,
            Recording.purged_at.is_(None),
            Recording.started_at < before,
            Attempt.status.in_((*FINISHED, "failed")),
        )
    )
    for recording in rows.scalars():
        prefix = recording.storage_key.rsplit("/", 1)[0]
        for key in (
            recording.storage_key,
            f"{prefix}/{recording.kind}.play.webm",
            f"{prefix}/{recording.kind}.play.json",
        ):
            await asyncio.to_thread(storage.delete, key)
        freed.bytes_freed += recording.size
        freed.recordings_deleted += 1
        recording.purged_at = now
    await session.flush()
    return freed


async def cleanup(
    session: AsyncSession, storage: Storage, org_id: str | None, now: datetime
) -> Freed:
    """Delete what is past retention for one org (Tools) or every org (the daily job).
    Idempotent: a second run frees nothing more."""
    stmt = select(Organization)
    if org_id is not None:
        stmt = stmt.where(Organization.id == org_id)
    freed = Freed()
    for org in list((await session.execute(stmt.order_by(Organization.id))).scalars()):
        freed.add(await _snapshots(session, storage, org, now))
        freed.add(await _recordings(session, storage, org, now))
    return freed
