from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.audit.models import AuditLog

# The client address of the request being served, so that every audit entry carries it
# without each service passing it along (set by the app's middleware).
request_ip: ContextVar[str] = ContextVar("request_ip", default="")


def record(
    session: AsyncSession,
    action: str,
    *,
    org_id: str | None = None,
    user_id: str | None = None,
    actor_email: str = "",
    ip: str = "",
    **details: Any,
) -> None:
    session.add(
        AuditLog(
            org_id=org_id,
            user_id=user_id,
            actor_email=actor_email,
            action=action,
            ip=ip or request_ip.get(),
            details=details,
        )
    )


async def for_user(session: AsyncSession, user_id: str, limit: int = 100) -> list[AuditLog]:
    stmt = (
        select(AuditLog)
        .where(AuditLog.user_id == user_id)
        .order_by(AuditLog.created_at.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def for_org(session: AsyncSession, org_id: str, limit: int = 200) -> list[AuditLog]:
    stmt = (
        select(AuditLog)
        .where(AuditLog.org_id == org_id)
        .order_by(AuditLog.created_at.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())
