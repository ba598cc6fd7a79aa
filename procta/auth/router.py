"""``/api/v1/auth``: sign-up, sign-in, 2FA, sessions, passwords, the user's audit log."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy.ext.asyncio import AsyncSession

from procta.audit import service as audit
from procta.auth import service
from procta.auth.deps import (
    CSRF_COOKIE,
    DB,
    SESSION_COOKIE,
    Client,
    SignedIn,
    State,
)
from procta.auth.models import AuthSession, User
from procta.auth.schemas import (
    AuditOut,
    ChangePasswordIn,
    CodeIn,
    CurrentOrgOut,
    DetailOut,
    ForgotIn,
    LoginIn,
    LoginOut,
    MembershipOut,
    MeOut,
    PasswordIn,
    ResetIn,
    RevokedOut,
    SessionOut,
    SignupIn,
    SwitchOrgIn,
    TwoFactorLoginIn,
    UserOut,
)
from procta.auth.useragent import describe
from procta.config import Settings
from procta.errors import NotFound
from procta.orgs import service as orgs

router = APIRouter(prefix="/auth", tags=["auth"])


async def build_me(db: AsyncSession, user: User, auth: AuthSession | None) -> MeOut:
    pairs = await orgs.memberships_of(db, user.id)
    current = None
    for member, org in pairs:
        if auth is not None and org.id == auth.current_org_id:
            current = CurrentOrgOut(id=org.id, name=org.name, slug=org.slug, role=member.role)
    return MeOut(
        user=UserOut.model_validate(user),
        current_org=current,
        memberships=[
            MembershipOut(org_id=o.id, org_name=o.name, org_slug=o.slug, role=m.role)
            for m, o in pairs
        ],
    )


def set_session_cookies(
    response: Response, settings: Settings, auth: AuthSession, token: str
) -> None:
    for name, value, http_only in (
        (SESSION_COOKIE, token, True),
        (CSRF_COOKIE, auth.csrf_token, False),
    ):
        response.set_cookie(
            name,
            value,
            max_age=settings.session_days * 86400,
            httponly=http_only,
            samesite="lax",
            secure=settings.secure_cookies,
            path="/",
        )


def clear_session_cookies(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


async def sign_in(
    db: AsyncSession,
    state: State,
    response: Response,
    user: User,
    client: service.Client,
    org_id: str | None = None,
) -> MeOut:
    auth, token = await service.open_session(db, state.settings, user, client, org_id)
    await service.record_login(db, user, auth, client.ip)
    set_session_cookies(response, state.settings, auth, token)
    return await build_me(db, user, auth)


@router.post("/signup", status_code=201, summary="Start free trial")
async def signup(body: SignupIn, db: DB, state: State, client: Client, response: Response) -> MeOut:
    user, org = await service.signup(
        db,
        state.settings,
        org_name=body.org_name,
        name=body.name,
        email=body.email,
        password=body.password,
    )
    return await sign_in(db, state, response, user, client, org.id)


@router.post("/login")
async def login(
    body: LoginIn, db: DB, state: State, client: Client, response: Response
) -> LoginOut:
    user = await service.authenticate(
        db, state.limiter, state.settings, email=body.email, password=body.password, client=client
    )
    if user.two_factor_enabled:
        token = await service.start_challenge(db, state.settings, user, "login")
        return LoginOut(
            status="two_factor_required",
            challenge_token=token,
            email_hint=service.mask_email(user.email),
        )
    return LoginOut(status="ok", me=await sign_in(db, state, response, user, client))


@router.post("/login/two-factor")
async def login_two_factor(
    body: TwoFactorLoginIn, db: DB, state: State, client: Client, response: Response
) -> LoginOut:
    user = await service.verify_login_code(
        db, state.limiter, state.settings, body.challenge_token, body.code, client.ip
    )
    return LoginOut(status="ok", me=await sign_in(db, state, response, user, client))


@router.post("/logout", status_code=204)
async def logout(principal: SignedIn, db: DB, response: Response) -> None:
    await service.close_session(db, principal.auth_session)
    clear_session_cookies(response)


@router.get("/me")
async def me(principal: SignedIn, db: DB) -> MeOut:
    return await build_me(db, principal.user, principal.auth_session)


@router.post("/switch-org")
async def switch_org(body: SwitchOrgIn, principal: SignedIn, db: DB) -> MeOut:
    if await orgs.membership(db, body.org_id, principal.user.id) is None:
        raise NotFound("organization not found")
    principal.auth_session.current_org_id = body.org_id
    return await build_me(db, principal.user, principal.auth_session)


@router.post("/password/forgot", status_code=202)
async def forgot_password(body: ForgotIn, db: DB, state: State, client: Client) -> DetailOut:
    await service.request_password_reset(db, state.settings, body.email, client.ip)
    return DetailOut(detail="If an account uses this email, a reset link is on its way.")


@router.post("/password/reset", status_code=204)
async def reset_password(body: ResetIn, db: DB, state: State, client: Client) -> None:
    await service.reset_password(db, state.settings, body.token, body.password, client.ip)


@router.post("/password/change", status_code=204)
async def change_password(
    body: ChangePasswordIn, principal: SignedIn, db: DB, state: State, client: Client
) -> None:
    await service.change_password(
        db,
        state.settings,
        principal.user,
        principal.auth_session,
        body.current_password,
        body.new_password,
        client.ip,
    )


@router.post("/two-factor/enable", status_code=202)
async def enable_two_factor(principal: SignedIn, db: DB, state: State) -> DetailOut:
    await service.enable_two_factor_start(db, state.settings, principal.user)
    return DetailOut(detail=f"We emailed a 6-digit code to {principal.user.email}.")


@router.post("/two-factor/enable/confirm")
async def confirm_two_factor(
    body: CodeIn, principal: SignedIn, db: DB, state: State, client: Client
) -> MeOut:
    await service.enable_two_factor_confirm(
        db, state.settings, principal.user, body.code, client.ip
    )
    return await build_me(db, principal.user, principal.auth_session)


@router.post("/two-factor/disable")
async def disable_two_factor(
    body: PasswordIn, principal: SignedIn, db: DB, client: Client
) -> MeOut:
    await service.disable_two_factor(db, principal.user, body.password, client.ip)
    return await build_me(db, principal.user, principal.auth_session)


@router.get("/sessions")
async def sessions(principal: SignedIn, db: DB) -> list[SessionOut]:
    return [
        SessionOut(
            id=s.id,
            device=describe(s.user_agent),
            ip=s.ip,
            created_at=s.created_at,
            last_seen_at=s.last_seen_at,
            current=s.id == principal.auth_session.id,
        )
        for s in await service.list_sessions(db, principal.user.id)
    ]


@router.delete("/sessions/{session_id}", status_code=204)
async def revoke_session(session_id: str, principal: SignedIn, db: DB, client: Client) -> None:
    await service.revoke_session(db, principal.user, session_id, client.ip)


@router.post("/sessions/revoke-others")
async def revoke_other_sessions(principal: SignedIn, db: DB, client: Client) -> RevokedOut:
    count = await service.revoke_all_sessions(db, principal.user.id, keep=principal.auth_session.id)
    audit.record(
        db,
        "auth.sessions_revoked",
        user_id=principal.user.id,
        actor_email=principal.user.email,
        ip=client.ip,
        count=count,
    )
    return RevokedOut(revoked=count)


@router.get("/audit-log")
async def my_audit_log(principal: SignedIn, db: DB) -> list[AuditOut]:
    return [AuditOut.model_validate(e) for e in await audit.for_user(db, principal.user.id)]
