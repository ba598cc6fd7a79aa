"""Organizations, members and roles, teacher invites and API keys."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.audit.service import record
from procta.auth import tokens
from procta.config import Settings
from procta.db import org_get, org_select, utcnow
from procta.errors import Conflict, Forbidden, Gone, NotFound
from procta.mail.service import queue_email
from procta.orgs.models import ApiKey, Invite, Membership, Organization

if TYPE_CHECKING:
    from procta.auth.models import User

ADMIN_ROLES = ("owner", "admin")
API_KEY_PREFIX = "pk_"


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:50] or "org"


async def slug_taken(session: AsyncSession, slug: str, except_org: str | None = None) -> bool:
    stmt = select(Organization.id).where(Organization.slug == slug)
    if except_org:
        stmt = stmt.where(Organization.id != except_org)
    return (await session.execute(stmt)).first() is not None


async def unique_slug(session: AsyncSession, name: str) -> str:
    base = slugify(name)
    slug, n = base, 1
    while await slug_taken(session, slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


async def create_org(
    session: AsyncSession, settings: Settings, *, name: str, owner: User
) -> Organization:
    org = Organization(
        name=name,
        slug=await unique_slug(session, name),
        plan="trial",
        status="trialing",
        trial_ends_at=utcnow() + timedelta(days=settings.trial_days),
    )
    session.add(org)
    await session.flush()
    session.add(Membership(org_id=org.id, user_id=owner.id, role="owner"))
    record(session, "org.created", org_id=org.id, user_id=owner.id, actor_email=owner.email)
    await session.flush()
    return org


async def get_org(session: AsyncSession, org_id: str) -> Organization:
    org = await session.get(Organization, org_id)
    if org is None:
        raise NotFound("organization not found")
    return org


async def update_org(
    session: AsyncSession,
    org_id: str,
    *,
    name: str | None,
    slug: str | None,
    actor: str,
    retention_days: int | None = None,
    screenshot_retention_days: int | None = None,
) -> Organization:
    org = await get_org(session, org_id)
    if slug is not None and slug != org.slug:
        if await slug_taken(session, slug, except_org=org.id):
            raise Conflict("That address is taken by another organization.", code="slug_taken")
        org.slug = slug
    if name is not None:
        org.name = name
    if retention_days is not None:
        org.retention_days = retention_days
    if screenshot_retention_days is not None:
        org.screenshot_retention_days = screenshot_retention_days
    record(
        session,
        "org.settings_changed",
        org_id=org.id,
        actor_email=actor,
        name=org.name,
        slug=org.slug,
        retention_days=org.retention_days,
        screenshot_retention_days=org.screenshot_retention_days,
    )
    await session.flush()
    return org


# --- memberships ----------------------------------------------------------------------


async def memberships_of(
    session: AsyncSession, user_id: str
) -> list[tuple[Membership, Organization]]:
    stmt = (
        select(Membership, Organization)
        .join(Organization, Organization.id == Membership.org_id)
        .where(Membership.user_id == user_id)
        .order_by(Organization.name)
    )
    return [(m, o) for m, o in await session.execute(stmt)]


async def default_org_id(session: AsyncSession, user_id: str) -> str | None:
    pairs = await memberships_of(session, user_id)
    return pairs[0][1].id if pairs else None


async def membership(session: AsyncSession, org_id: str, user_id: str) -> Membership | None:
    stmt = org_select(Membership, org_id).where(Membership.user_id == user_id)
    return (await session.execute(stmt)).scalar()


async def list_members(session: AsyncSession, org_id: str) -> list[tuple[Membership, User]]:
    from procta.auth.models import User

    stmt = (
        org_select(Membership, org_id)
        .join(User, User.id == Membership.user_id)
        .add_columns(User)
        .order_by(User.name)
    )
    return [(row[0], row[1]) for row in await session.execute(stmt)]


async def _member_or_404(session: AsyncSession, org_id: str, user_id: str) -> Membership:
    member = await membership(session, org_id, user_id)
    if member is None:
        raise NotFound("member not found")
    return member


async def _owner_count(session: AsyncSession, org_id: str) -> int:
    stmt = (
        select(func.count())
        .select_from(Membership)
        .where(Membership.org_id == org_id, Membership.role == "owner")
    )
    return int((await session.execute(stmt)).scalar_one())


async def change_role(
    session: AsyncSession, org_id: str, user_id: str, role: str, *, actor_role: str, actor: str
) -> Membership:
    member = await _member_or_404(session, org_id, user_id)
    if "owner" in (role, member.role) and actor_role != "owner":
        raise Forbidden("Only an owner can grant or take away the owner role.")
    if member.role == "owner" and role != "owner" and await _owner_count(session, org_id) == 1:
        raise Conflict("The organization needs at least one owner.", code="last_owner")
    old, member.role = member.role, role
    record(
        session,
        "org.member_role_changed",
        org_id=org_id,
        user_id=user_id,
        actor_email=actor,
        old_role=old,
        new_role=role,
    )
    await session.flush()
    return member


async def remove_member(
    session: AsyncSession, org_id: str, user_id: str, *, actor_role: str, actor: str
) -> None:
    member = await _member_or_404(session, org_id, user_id)
    if member.role == "owner":
        if actor_role != "owner":
            raise Forbidden("Only an owner can remove an owner.")
        if await _owner_count(session, org_id) == 1:
            raise Conflict("The last owner cannot leave the organization.", code="last_owner")
    await session.delete(member)
    record(
        session,
        "org.member_removed",
        org_id=org_id,
        user_id=user_id,
        actor_email=actor,
        role=member.role,
    )
    await session.flush()


# --- invites --------------------------------------------------------------------------


async def create_invite(
    session: AsyncSession,
    settings: Settings,
    org_id: str,
    *,
    email: str,
    role: str,
    inviter: User | None,
    actor_role: str,
    actor: str,
) -> tuple[Invite, str]:
    email = email.strip().lower()
    if role == "owner" and actor_role != "owner":
        raise Forbidden("Only an owner can invite another owner.")
    from procta.auth.models import User

    existing_user = (await session.execute(select(User).where(User.email == email))).scalar()
    if existing_user and await membership(session, org_id, existing_user.id):
        raise Conflict("This person is already a member.", code="already_member")
    for pending in await pending_invites(session, org_id):
        if pending.email == email:
            pending.revoked_at = utcnow()  # a new invite replaces the old link
    token = tokens.new_token()
    invite = Invite(
        org_id=org_id,
        email=email,
        role=role,
        token_hash=tokens.digest(token),
        invited_by_id=inviter.id if inviter else None,
        expires_at=utcnow() + timedelta(days=settings.invite_days),
    )
    session.add(invite)
    org = await get_org(session, org_id)
    inviter_name = inviter.name if inviter else org.name
    link = f"{settings.public_url.rstrip('/')}/invite/{token}"
    queue_email(
        session,
        email,
        f"{inviter_name} invited you to {org.name} on Procta",
        f"Hello,\n\n{inviter_name} invited you to join {org.name} on Procta as {role}.\n\n"
        f"Accept the invitation within {settings.invite_days} days:\n\n{link}\n",
    )
    record(
        session,
        "org.member_invited",
        org_id=org_id,
        actor_email=actor,
        email=email,
        role=role,
    )
    await session.flush()
    return invite, token


async def pending_invites(session: AsyncSession, org_id: str) -> list[Invite]:
    stmt = (
        org_select(Invite, org_id)
        .where(
            Invite.accepted_at.is_(None), Invite.revoked_at.is_(None), Invite.expires_at > utcnow()
        )
        .order_by(Invite.created_at.desc())
    )
    return list((await session.execute(stmt)).scalars())


async def revoke_invite(session: AsyncSession, org_id: str, invite_id: str, actor: str) -> None:
    invite = await org_get(session, Invite, org_id, invite_id)
    if invite.accepted_at is not None or invite.revoked_at is not None:
        raise NotFound("invite not found")
    invite.revoked_at = utcnow()
    record(session, "org.invite_revoked", org_id=org_id, actor_email=actor, email=invite.email)
    await session.flush()


async def invite_by_token(session: AsyncSession, token: str) -> Invite:
    """An invite link's invite; used, revoked and expired links say so."""
    stmt = select(Invite).where(Invite.token_hash == tokens.digest(token))
    invite = (await session.execute(stmt)).scalar()
    if invite is None or invite.revoked_at is not None:
        raise NotFound("This invitation link is not valid.", code="invite_invalid")
    if invite.accepted_at is not None:
        raise Gone("This invitation was already accepted. Sign in instead.", code="invite_used")
    if invite.expires_at <= utcnow():
        raise Gone("This invitation has expired. Ask for a new one.", code="invite_expired")
    return invite


async def accept_invite(session: AsyncSession, invite: Invite, user: User) -> Membership:
    if user.email != invite.email:
        raise Forbidden(
            f"This invitation is for {invite.email}. Sign in with that account.",
            code="wrong_account",
        )
    invite.accepted_at = utcnow()
    member = await membership(session, invite.org_id, user.id)
    if member is None:
        member = Membership(org_id=invite.org_id, user_id=user.id, role=invite.role)
        session.add(member)
    record(
        session,
        "org.member_joined",
        org_id=invite.org_id,
        user_id=user.id,
        actor_email=user.email,
        role=invite.role,
    )
    await session.flush()
    return member


# --- API keys -------------------------------------------------------------------------


async def create_api_key(
    session: AsyncSession, org_id: str, name: str, creator: User
) -> tuple[ApiKey, str]:
    """Return the key row and the full key, which is shown this once and never again."""
    secret = API_KEY_PREFIX + tokens.new_token(30)
    key = ApiKey(
        org_id=org_id,
        name=name,
        prefix=secret[:10],
        key_hash=tokens.digest(secret),
        created_by_id=creator.id,
    )
    session.add(key)
    record(
        session,
        "org.api_key_created",
        org_id=org_id,
        user_id=creator.id,
        actor_email=creator.email,
        name=name,
        prefix=key.prefix,
    )
    await session.flush()
    return key, secret


async def list_api_keys(session: AsyncSession, org_id: str) -> list[ApiKey]:
    stmt = org_select(ApiKey, org_id).order_by(ApiKey.created_at.desc())
    return list((await session.execute(stmt)).scalars())


async def revoke_api_key(session: AsyncSession, org_id: str, key_id: str, actor: User) -> None:
    key = await org_get(session, ApiKey, org_id, key_id)
    if key.revoked_at is not None:
        raise NotFound("api key not found")
    key.revoked_at = utcnow()
    record(
        session,
        "org.api_key_revoked",
        org_id=org_id,
        user_id=actor.id,
        actor_email=actor.email,
        name=key.name,
        prefix=key.prefix,
    )
    await session.flush()


async def resolve_api_key(session: AsyncSession, secret: str) -> ApiKey | None:
    if not secret.startswith(API_KEY_PREFIX):
        return None
    stmt = select(ApiKey).where(ApiKey.key_hash == tokens.digest(secret))
    key = (await session.execute(stmt)).scalar()
    if key is None or key.revoked_at is not None:
        return None
    now = utcnow()
    if key.last_used_at is None or now - key.last_used_at > timedelta(minutes=1):
        key.last_used_at = now
    return key
