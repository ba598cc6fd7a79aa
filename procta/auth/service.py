"""Accounts: sign-up, sign-in (with emailed 2FA), sessions, password reset and change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from procta.audit.service import record
from procta.auth import tokens
from procta.auth.models import AuthSession, PasswordReset, TwoFactorChallenge, User
from procta.auth.passwords import check_policy, hash_password, verify_password
from procta.auth.ratelimit import RateLimiter
from procta.config import Settings
from procta.db import utcnow
from procta.errors import BadRequest, NotAuthenticated, NotFound, TooManyRequests
from procta.mail.service import queue_email
from procta.orgs import service as orgs
from procta.orgs.models import Organization


@dataclass(frozen=True)
class Client:
    """Where a request came from, for sessions, audit and throttling."""

    ip: str
    user_agent: str


def normalise_email(email: str) -> str:
    return email.strip().lower()


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


async def user_by_email(session: AsyncSession, email: str) -> User | None:
    stmt = select(User).where(User.email == normalise_email(email))
    return (await session.execute(stmt)).scalar()


async def create_user(
    session: AsyncSession, settings: Settings, *, name: str, email: str, password: str
) -> User:
    email = normalise_email(email)
    if await user_by_email(session, email):
        raise BadRequest("An account with this email already exists.", code="email_taken")
    check_policy(password, min_length=settings.password_min_length, personal=(name, email))
    user = User(name=name, email=email, password_hash=hash_password(password))
    session.add(user)
    await session.flush()
    return user


async def signup(
    session: AsyncSession,
    settings: Settings,
    *,
    org_name: str,
    name: str,
    email: str,
    password: str,
) -> tuple[User, Organization]:
    """ "Start free trial": the org, its owner and a trial of ``settings.trial_days``."""
    user = await create_user(session, settings, name=name, email=email, password=password)
    org = await orgs.create_org(session, settings, name=org_name, owner=user)
    return user, org


# --- sessions -------------------------------------------------------------------------


async def open_session(
    session: AsyncSession, settings: Settings, user: User, client: Client, org_id: str | None
) -> tuple[AuthSession, str]:
    """Create a server-side session; return it and the cookie token (shown only here)."""
    if org_id is None:
        org_id = await orgs.default_org_id(session, user.id)
    token = tokens.new_token()
    now = utcnow()
    auth = AuthSession(
        user_id=user.id,
        token_hash=tokens.digest(token),
        csrf_token=tokens.new_token(24),
        current_org_id=org_id,
        ip=client.ip,
        user_agent=client.user_agent[:400],
        last_seen_at=now,
        expires_at=now + timedelta(days=settings.session_days),
    )
    session.add(auth)
    await session.flush()
    return auth, token


async def resolve_session(session: AsyncSession, token: str) -> tuple[AuthSession, User] | None:
    stmt = (
        select(AuthSession, User)
        .join(User, User.id == AuthSession.user_id)
        .where(AuthSession.token_hash == tokens.digest(token))
    )
    row = (await session.execute(stmt)).first()
    if row is None:
        return None
    auth, user = row
    now = utcnow()
    if auth.revoked_at is not None or auth.expires_at <= now:
        return None
    if now - auth.last_seen_at > timedelta(minutes=1):  # keep "last seen" without a write per call
        auth.last_seen_at = now
    return auth, user


async def close_session(session: AsyncSession, auth: AuthSession) -> None:
    auth.revoked_at = utcnow()
    await session.flush()


async def list_sessions(session: AsyncSession, user_id: str) -> list[AuthSession]:
    stmt = (
        select(AuthSession)
        .where(
            AuthSession.user_id == user_id,
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > utcnow(),
        )
        .order_by(AuthSession.last_seen_at.desc())
    )
    return list((await session.execute(stmt)).scalars())


async def revoke_session(session: AsyncSession, user: User, session_id: str, ip: str) -> None:
    stmt = select(AuthSession).where(
        AuthSession.id == session_id,
        AuthSession.user_id == user.id,
        AuthSession.revoked_at.is_(None),
    )
    auth = (await session.execute(stmt)).scalar()
    if auth is None:
        raise NotFound("session not found")
    auth.revoked_at = utcnow()
    record(session, "auth.session_revoked", user_id=user.id, actor_email=user.email, ip=ip)
    await session.flush()


async def revoke_all_sessions(
    session: AsyncSession, user_id: str, *, keep: str | None = None
) -> int:
    stmt = (
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    if keep is not None:
        stmt = stmt.where(AuthSession.id != keep)
    result = await session.execute(stmt)
    return int(result.rowcount)  # type: ignore[attr-defined]


# --- sign-in --------------------------------------------------------------------------


async def check_login_allowed(
    limiter: RateLimiter, settings: Settings, email: str, ip: str
) -> None:
    """Throttle failed attempts by IP and by account. Only failures count, so a school whose
    teachers all sign in from one address at 9:00 is not locked out."""
    window = settings.login_limit_window_s
    per_ip = await limiter.count(f"login:ip:{ip}", window)
    per_account = await limiter.count(f"login:fail:{normalise_email(email)}", window)
    if per_ip >= settings.login_limit_per_ip or per_account >= settings.login_limit_per_account:
        minutes = max(1, window // 60)
        raise TooManyRequests(
            f"Too many sign-in attempts. Try again in {minutes} minutes.",
            headers={"Retry-After": str(window)},
        )


async def count_failure(limiter: RateLimiter, settings: Settings, email: str, ip: str) -> None:
    await limiter.hit(f"login:fail:{normalise_email(email)}", settings.login_limit_window_s)
    await limiter.hit(f"login:ip:{ip}", settings.login_limit_window_s)


async def authenticate(
    session: AsyncSession,
    limiter: RateLimiter,
    settings: Settings,
    *,
    email: str,
    password: str,
    client: Client,
) -> User:
    await check_login_allowed(limiter, settings, email, client.ip)
    user = await user_by_email(session, email)
    # Verify even for an unknown email (against a dummy hash): both take the same time.
    password_ok = verify_password(user.password_hash if user else None, password)
    if user is None or not password_ok:
        await count_failure(limiter, settings, email, client.ip)
        record(
            session,
            "auth.login_failed",
            user_id=user.id if user else None,
            actor_email=normalise_email(email),
            ip=client.ip,
        )
        raise BadRequest("Email or password is incorrect.", code="invalid_credentials", commit=True)
    await limiter.reset(f"login:fail:{user.email}")
    return user


async def record_login(session: AsyncSession, user: User, auth: AuthSession, ip: str) -> None:
    record(
        session,
        "auth.login",
        org_id=auth.current_org_id,
        user_id=user.id,
        actor_email=user.email,
        ip=ip,
        device=auth.user_agent[:120],
    )


async def start_challenge(
    session: AsyncSession, settings: Settings, user: User, purpose: str
) -> str:
    """Email a fresh 6-digit code; return the challenge token the client sends it back with."""
    token, code = tokens.new_token(), tokens.new_code()
    session.add(
        TwoFactorChallenge(
            user_id=user.id,
            purpose=purpose,
            token_hash=tokens.digest(token),
            code_hash=tokens.digest(code),
            expires_at=utcnow() + timedelta(minutes=settings.two_factor_minutes),
        )
    )
    await session.flush()
    action = "sign in to" if purpose == "login" else "turn on two-step verification for"
    queue_email(
        session,
        user.email,
        f"Your Procta verification code: {code}",
        f"Hello {user.name},\n\nUse this code to {action} Procta: {code}\n\n"
        f"It expires in {settings.two_factor_minutes} minutes. If this wasn't you, change "
        "your password.\n",
    )
    return token


async def _challenge(session: AsyncSession, token: str, purpose: str) -> TwoFactorChallenge:
    stmt = select(TwoFactorChallenge).where(
        TwoFactorChallenge.token_hash == tokens.digest(token),
        TwoFactorChallenge.purpose == purpose,
    )
    challenge = (await session.execute(stmt)).scalar()
    if challenge is None or challenge.used_at is not None:
        raise BadRequest("This verification has ended. Sign in again.", code="challenge_invalid")
    if challenge.expires_at <= utcnow():
        raise BadRequest("The code has expired. Ask for a new one.", code="challenge_expired")
    return challenge


async def verify_login_code(
    session: AsyncSession,
    limiter: RateLimiter,
    settings: Settings,
    token: str,
    code: str,
    ip: str,
) -> User:
    """The second step of a sign-in. Wrong codes also count as failed sign-ins, so fresh
    challenges cannot be used to keep guessing."""
    challenge = await _challenge(session, token, "login")
    user = await user_by_id(session, challenge.user_id)
    await check_login_allowed(limiter, settings, user.email, ip)
    try:
        await verify_challenge(session, settings, token, code, "login")
    except BadRequest as exc:
        if exc.code == "invalid_code":
            await count_failure(limiter, settings, user.email, ip)
        raise
    return user


async def verify_challenge(
    session: AsyncSession, settings: Settings, token: str, code: str, purpose: str
) -> TwoFactorChallenge:
    """Check a code; a wrong try is counted (and kept although the request fails)."""
    challenge = await _challenge(session, token, purpose)
    if challenge.attempts >= settings.two_factor_max_tries:
        raise TooManyRequests(
            "Too many wrong codes. Start again to get a new code.", code="too_many_attempts"
        )
    if not tokens.same(challenge.code_hash, tokens.digest(code)):
        challenge.attempts += 1
        left = settings.two_factor_max_tries - challenge.attempts
        raise BadRequest(
            f"That code is not right. {left} {'try' if left == 1 else 'tries'} left."
            if left
            else "That code is not right, and no tries are left. Start again.",
            code="invalid_code",
            commit=True,
        )
    challenge.used_at = utcnow()
    await session.flush()
    return challenge


async def user_by_id(session: AsyncSession, user_id: str) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotAuthenticated("Sign in again.")
    return user


# --- two-factor settings --------------------------------------------------------------


async def enable_two_factor_start(session: AsyncSession, settings: Settings, user: User) -> None:
    if user.two_factor_enabled:
        raise BadRequest("Two-step verification is already on.", code="already_enabled")
    # One pending "enable" code at a time: a new request ends the previous one.
    await session.execute(
        update(TwoFactorChallenge)
        .where(
            TwoFactorChallenge.user_id == user.id,
            TwoFactorChallenge.purpose == "enable",
            TwoFactorChallenge.used_at.is_(None),
        )
        .values(used_at=utcnow())
    )
    await start_challenge(session, settings, user, "enable")


async def enable_two_factor_confirm(
    session: AsyncSession, settings: Settings, user: User, code: str, ip: str
) -> None:
    stmt = (
        select(TwoFactorChallenge)
        .where(
            TwoFactorChallenge.user_id == user.id,
            TwoFactorChallenge.purpose == "enable",
            TwoFactorChallenge.used_at.is_(None),
        )
        .order_by(TwoFactorChallenge.created_at.desc())
        .limit(1)
    )
    pending = (await session.execute(stmt)).scalar()
    if pending is None:
        raise BadRequest("Ask for a code first.", code="challenge_invalid")
    if pending.expires_at <= utcnow():
        raise BadRequest("The code has expired. Ask for a new one.", code="challenge_expired")
    if pending.attempts >= settings.two_factor_max_tries:
        raise TooManyRequests("Too many wrong codes. Ask for a new one.", code="too_many_attempts")
    if not tokens.same(pending.code_hash, tokens.digest(code)):
        pending.attempts += 1
        raise BadRequest("That code is not right.", code="invalid_code", commit=True)
    pending.used_at = utcnow()
    user.two_factor_enabled = True
    record(session, "auth.two_factor_enabled", user_id=user.id, actor_email=user.email, ip=ip)
    await session.flush()


async def disable_two_factor(session: AsyncSession, user: User, password: str, ip: str) -> None:
    if not verify_password(user.password_hash, password):
        raise BadRequest("Password is incorrect.", code="invalid_password")
    if not user.two_factor_enabled:
        raise BadRequest("Two-step verification is already off.", code="already_disabled")
    user.two_factor_enabled = False
    record(session, "auth.two_factor_disabled", user_id=user.id, actor_email=user.email, ip=ip)
    await session.flush()


# --- passwords ------------------------------------------------------------------------


async def request_password_reset(
    session: AsyncSession, settings: Settings, email: str, ip: str
) -> None:
    """Email a one-time link. Unknown emails get the same answer and no mail."""
    user = await user_by_email(session, email)
    if user is None:
        return
    token = tokens.new_token()
    session.add(
        PasswordReset(
            user_id=user.id,
            token_hash=tokens.digest(token),
            expires_at=utcnow() + timedelta(minutes=settings.reset_token_minutes),
        )
    )
    record(session, "auth.password_reset_requested", user_id=user.id, actor_email=user.email, ip=ip)
    link = f"{settings.public_url.rstrip('/')}/reset-password?token={token}"
    queue_email(
        session,
        user.email,
        "Reset your Procta password",
        f"Hello {user.name},\n\nSomeone asked to reset the password of your Procta account.\n"
        f"Open this link within {settings.reset_token_minutes} minutes to choose a new one:\n\n"
        f"{link}\n\nIf it wasn't you, ignore this email: your password stays as it is.\n",
    )
    await session.flush()


async def reset_password(
    session: AsyncSession, settings: Settings, token: str, password: str, ip: str
) -> None:
    stmt = select(PasswordReset).where(PasswordReset.token_hash == tokens.digest(token))
    reset = (await session.execute(stmt)).scalar()
    if reset is None or reset.used_at is not None:
        raise BadRequest(
            "This reset link is not valid or was already used. Ask for a new one.",
            code="invalid_token",
        )
    if reset.expires_at <= utcnow():
        raise BadRequest("This reset link has expired. Ask for a new one.", code="token_expired")
    user = await user_by_id(session, reset.user_id)
    check_policy(
        password, min_length=settings.password_min_length, personal=(user.name, user.email)
    )
    user.password_hash = hash_password(password)
    reset.used_at = utcnow()
    revoked = await revoke_all_sessions(session, user.id)
    record(
        session,
        "auth.password_reset",
        user_id=user.id,
        actor_email=user.email,
        ip=ip,
        sessions_revoked=revoked,
    )
    await session.flush()


async def change_password(
    session: AsyncSession,
    settings: Settings,
    user: User,
    auth: AuthSession,
    current: str,
    new: str,
    ip: str,
) -> None:
    """Change the password and sign out every other session."""
    if not verify_password(user.password_hash, current):
        raise BadRequest("Current password is incorrect.", code="invalid_password")
    check_policy(new, min_length=settings.password_min_length, personal=(user.name, user.email))
    user.password_hash = hash_password(new)
    await revoke_all_sessions(session, user.id, keep=auth.id)
    record(session, "auth.password_changed", user_id=user.id, actor_email=user.email, ip=ip)
    await session.flush()
