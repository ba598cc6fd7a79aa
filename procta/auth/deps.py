"""Who is calling: the request's database session and principal, and the guards that
every router uses. Org-scoped routes depend on ``org_member`` or ``org_admin``; the
tenancy test finds them through these dependencies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from procta.auth import service, tokens
from procta.auth.models import AuthSession, User
from procta.errors import AppError, Forbidden, NotAuthenticated
from procta.orgs import service as orgs
from procta.orgs.models import ApiKey
from procta.state import AppState, app_state, current_state

SESSION_COOKIE = "procta_session"
CSRF_COOKIE = "procta_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def get_db(request: HTTPConnection) -> AsyncIterator[AsyncSession]:
    """The request's one unit of work: committed when the handler returns, rolled back on
    error (unless the error asks to keep what it recorded, e.g. a counted wrong code)."""
    async with app_state(request).sessionmaker() as session:
        try:
            yield session
        except AppError as exc:
            await (session.commit() if exc.commit else session.rollback())
            raise
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


DB = Annotated[AsyncSession, Depends(get_db, scope="function")]
State = Annotated[AppState, Depends(current_state)]


async def client_of(conn: HTTPConnection) -> service.Client:
    return service.Client(
        ip=conn.client.host if conn.client else "",
        user_agent=conn.headers.get("user-agent", ""),
    )


Client = Annotated[service.Client, Depends(client_of)]


@dataclass
class Principal:
    """A signed-in user (cookie session) or an org's API key (Bearer)."""

    user: User | None
    auth_session: AuthSession | None
    api_key: ApiKey | None
    org_id: str | None
    role: str | None

    @property
    def actor_email(self) -> str:
        if self.user:
            return self.user.email
        return f"api-key:{self.api_key.prefix}" if self.api_key else ""


async def resolve_principal(conn: HTTPConnection, db: AsyncSession) -> Principal:
    authorization = conn.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        key = await orgs.resolve_api_key(db, authorization[7:].strip())
        if key is None:
            raise NotAuthenticated(
                "The API key is not valid or was revoked.", code="invalid_api_key"
            )
        return Principal(user=None, auth_session=None, api_key=key, org_id=key.org_id, role="admin")
    token = conn.cookies.get(SESSION_COOKIE)
    found = await service.resolve_session(db, token) if token else None
    if found is None:
        raise NotAuthenticated("Sign in to continue.")
    auth, user = found
    if isinstance(conn, Request) and conn.method not in SAFE_METHODS:
        sent = conn.headers.get(CSRF_HEADER, "")
        if not sent or not tokens.same(sent, auth.csrf_token):
            raise Forbidden("Missing or wrong CSRF token. Reload the page.", code="csrf_failed")
    role = None
    if auth.current_org_id:
        member = await orgs.membership(db, auth.current_org_id, user.id)
        role = member.role if member else None
    return Principal(
        user=user,
        auth_session=auth,
        api_key=None,
        org_id=auth.current_org_id if role else None,
        role=role,
    )


async def authenticated(request: Request, db: DB) -> Principal:
    return await resolve_principal(request, db)


CurrentPrincipal = Annotated[Principal, Depends(authenticated)]


@dataclass
class UserPrincipal(Principal):
    user: User
    auth_session: AuthSession


async def signed_in_user(principal: CurrentPrincipal) -> UserPrincipal:
    if principal.user is None or principal.auth_session is None:
        raise Forbidden("This needs a signed-in person, not an API key.", code="user_required")
    return UserPrincipal(
        user=principal.user,
        auth_session=principal.auth_session,
        api_key=None,
        org_id=principal.org_id,
        role=principal.role,
    )


SignedIn = Annotated[UserPrincipal, Depends(signed_in_user)]


@dataclass
class OrgPrincipal(Principal):
    org_id: str
    role: str


def _in_org(principal: Principal) -> OrgPrincipal:
    if principal.org_id is None or principal.role is None:
        raise Forbidden("You are not a member of an organization.", code="no_org")
    return OrgPrincipal(
        user=principal.user,
        auth_session=principal.auth_session,
        api_key=principal.api_key,
        org_id=principal.org_id,
        role=principal.role,
    )


async def org_member(principal: CurrentPrincipal) -> OrgPrincipal:
    return _in_org(principal)


async def org_admin(principal: CurrentPrincipal) -> OrgPrincipal:
    inside = _in_org(principal)
    if inside.role not in orgs.ADMIN_ROLES:
        raise Forbidden("Only owners and admins can do this.")
    return inside


async def superadmin(principal: SignedIn) -> UserPrincipal:
    if not principal.user.is_superadmin:
        raise Forbidden("Only platform administrators can do this.")
    return principal


OrgMember = Annotated[OrgPrincipal, Depends(org_member)]
OrgAdmin = Annotated[OrgPrincipal, Depends(org_admin)]
SuperAdmin = Annotated[UserPrincipal, Depends(superadmin)]
