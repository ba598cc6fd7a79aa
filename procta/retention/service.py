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


def _thumbnail(storage: Storage, snap: Snapshot) -> tuple[str, int] | None:
    """Write a thumbnail of the snapshot beside it: (its key, its size), or None when the
    original is gone or no image PIL can read."""
    try:
        small = thumbnail(storage.get(snap.storage_key))
    except (NotFound, OSError):
        return None
    key = snap.storage_key.rsplit(".", 1)[0] + ".thumb.jpg"
    storage.put(key, small)
    return key, len(small)


async def _delete_files(storage: Storage, keys: list[str]) -> None:
    """Called only after the rows that stopped pointing at these files are committed: a
    rolled-back batch leaves every row with its file. Off the event loop: a batch is
    hundreds of unlinks."""

    def delete_all() -> None:
        for key in keys:
            storage.delete(key)

    if keys:
        await asyncio.to_thread(delete_all)


async def _snapshot_batch(
    session: AsyncSession, storage: Storage, org: Organization, now: datetime
) -> tuple[Freed, list[str]] | None:
    """One batch of the org's snapshots past retention, and the files to delete once it is
    committed; None when none is left. Rows another cleanup holds are skipped (PostgreSQL),
    so two runs never share a batch."""
    shots_before = now - timedelta(days=org.screenshot_retention_days)
    media_before = now - timedelta(days=org.retention_days)
    batch = list(
        (
            await session.execute(
                select(Snapshot)
                .where(
                    Snapshot.org_id == org.id,
                    Snapshot.purged_at.is_(None),
                    or_(
                        Snapshot.kind.in_(SHOTS) & (Snapshot.taken_at < shots_before),
                        Snapshot.kind.not_in(SHOTS) & (Snapshot.taken_at < media_before),
                    ),
                )
                .order_by(Snapshot.id)
                .limit(BATCH)
                .with_for_update(skip_locked=True)
            )
        ).scalars()
    )
    if not batch:
        return None
    attempts = {s.attempt_id for s in batch}
    identity = (
        await session.execute(
            select(Attempt.selfie_id, Attempt.id_document_id).where(
                Attempt.org_id == org.id, Attempt.id.in_(attempts)
            )
        )
    ).all()
    keep = await _evidence(session, org.id, attempts) | {i for pair in identity for i in pair if i}
    freed, gone, files = Freed(), [], []
    for snap in batch:
        wanted = (snap.client_id in keep or snap.id in keep) and snap.kind != "audio"
        small = await asyncio.to_thread(_thumbnail, storage, snap) if wanted else None
        files.append(snap.storage_key)
        freed.snapshots_deleted += 1
        if small is None:
            gone.append(snap.id)
            freed.bytes_freed += snap.size
        else:
            snap.storage_key, size = small
            freed.bytes_freed += snap.size - size
            snap.size, snap.purged_at = size, now
            freed.thumbnails_kept += 1
    if gone:
        await session.execute(
            delete(Snapshot)
            .where(Snapshot.org_id == org.id, Snapshot.id.in_(gone))
            .execution_options(synchronize_session=False)
        )
    await session.flush()
    return freed, files


async def _recordings(
    session: AsyncSession, org: Organization, now: datetime
) -> tuple[Freed, list[str]]:
    freed, files = Freed(), []
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
        .with_for_update(of=Recording, skip_locked=True)
    )
    for recording in rows.scalars():
        prefix = recording.storage_key.rsplit("/", 1)[0]
        files += [
            recording.storage_key,
            f"{prefix}/{recording.kind}.play.webm",
            f"{prefix}/{recording.kind}.play.json",
        ]
        freed.bytes_freed += recording.size
        freed.recordings_deleted += 1
        recording.purged_at = now
    await session.flush()
    return freed, files


async def cleanup(
    session: AsyncSession, storage: Storage, org_id: str | None, now: datetime
) -> Freed:
    """Delete what is past retention for one org (Tools) or every org (the daily job).

    Unlike other services this one commits, once per batch of 500 snapshots: a cleanup
    of months of media must not hold the database (or, on SQLite, the process's one
    connection) for its whole run. Each batch is a whole unit of work; a run that stops
    leaves the next one less to do. Idempotent: a second run frees nothing more."""
    stmt = select(Organization)
    if org_id is not None:
        stmt = stmt.where(Organization.id == org_id)
    orgs = list((await session.execute(stmt.order_by(Organization.id))).scalars())
    freed = Freed()
    for org in orgs:
        while (batch := await _snapshot_batch(session, storage, org, now)) is not None:
            await session.commit()
            freed.add(batch[0])
            await _delete_files(storage, batch[1])
        recordings, files = await _recordings(session, org, now)
        await session.commit()
        freed.add(recordings)
        await _delete_files(storage, files)
    return freed
