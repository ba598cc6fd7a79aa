"""Display names of users, for "decided by", "reviewed by" and the like."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.auth.models import User


async def user_names(session: AsyncSession, ids: Iterable[str | None]) -> dict[str, str]:
    """{user id: name} of the given ids (empty ones ignored); a deleted user is absent."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = await session.execute(select(User.id, User.name).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows.all()}
