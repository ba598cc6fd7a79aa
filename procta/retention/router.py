from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from procta.auth.deps import DB, OrgMember, State
from procta.db import utcnow
from procta.retention import service
from procta.storage.files import local_storage

router = APIRouter(tags=["tools"])


class CleanupOut(BaseModel):
    snapshots_deleted: int
    recordings_deleted: int
    thumbnails_kept: int
    bytes_freed: int


@router.post("/tools/cleanup-media")
async def cleanup_media(principal: OrgMember, db: DB, state: State) -> CleanupOut:
    """Tools -> Cleanup Screenshots: delete this organization's media past its retention
    settings now (the daily job does the same); evidence keeps a thumbnail."""
    freed = await service.cleanup(
        db, local_storage(state.settings.data_dir), principal.org_id, utcnow()
    )
    return CleanupOut(**vars(freed))
