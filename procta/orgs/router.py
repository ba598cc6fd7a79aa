"""``/api/v1/orgs/current``: the caller's organization, members, invites and API keys;
``/api/v1/invites/{token}``: the public side of an invite link."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from procta.audit import service as audit
from procta.auth import service as auth_service
from procta.auth.deps import DB, Client, OrgAdmin, OrgMember, State, resolve_principal
from procta.auth.router import build_me, sign_in
from procta.auth.schemas import AuditOut, MeOut
from procta.errors import BadRequest, NotAuthenticated
from procta.live.bus import org_channel, publish_after_commit
from procta.orgs import service
from procta.orgs.models import Invite
from procta.orgs.schemas import (
    AcceptInviteIn,
    ApiKeyCreatedOut,
    ApiKeyIn,
    ApiKeyOut,
    InviteIn,
    InviteOut,
    InvitePublicOut,
    MemberOut,
    OrgOut,
    OrgUpdateIn,
    RoleIn,
)
from procta.state import AppState

router = APIRouter(prefix="/orgs/current", tags=["organization"])
invites_router = APIRouter(prefix="/invites", tags=["organization"])


def announce(db: AsyncSession, state: AppState, org_id: str, kind: str, **data: object) -> None:
    """Tell the org's open dashboards (all server processes) that something changed."""
    publish_after_commit(
        db, state.bus, org_channel(org_id), {"type": kind, "org_id": org_id, "data": data}
    )


@router.get("")
async def current_org(principal: OrgMember, db: DB) -> OrgOut:
    return OrgOut.model_validate(await service.get_org(db, principal.org_id))


@router.patch("")
async def update_org(body: OrgUpdateIn, principal: OrgAdmin, db: DB) -> OrgOut:
    org = await service.update_org(
        db,
        principal.org_id,
        name=body.name,
        slug=body.slug,
        actor=principal.actor_email,
        retention_days=body.retention_days,
        screenshot_retention_days=body.screenshot_retention_days,
    )
    return OrgOut.model_validate(org)


@router.get("/members")
async def members(principal: OrgMember, db: DB) -> list[MemberOut]:
    return [
        MemberOut(user_id=u.id, name=u.name, email=u.email, role=m.role, joined_at=m.created_at)
        for m, u in await service.list_members(db, principal.org_id)
    ]


@router.patch("/members/{user_id}")
async def change_role(
    user_id: str, body: RoleIn, principal: OrgAdmin, db: DB, state: State
) -> MemberOut:
    member = await service.change_role(
        db,
        principal.org_id,
        user_id,
        body.role,
        actor_role=principal.role,
        actor=principal.actor_email,
    )
    user = await auth_service.user_by_id(db, member.user_id)
    announce(db, state, principal.org_id, "member.updated", user_id=user_id, role=body.role)
    return MemberOut(
        user_id=user.id,
        name=user.name,
        email=user.email,
        role=body.role,
        joined_at=member.created_at,
    )


@router.delete("/members/{user_id}", status_code=204)
async def remove_member(user_id: str, principal: OrgAdmin, db: DB, state: State) -> None:
    await service.remove_member(
        db, principal.org_id, user_id, actor_role=principal.role, actor=principal.actor_email
    )
    announce(db, state, principal.org_id, "member.removed", user_id=user_id)


def invite_out(invite: Invite, invited_by: str | None) -> InviteOut:
    return InviteOut(
        id=invite.id,
        email=invite.email,
        role=invite.role,
        created_at=invite.created_at,
        expires_at=invite.expires_at,
        invited_by=invited_by,
    )


@router.get("/invites")
async def invites(principal: OrgAdmin, db: DB) -> list[InviteOut]:
    names = {u.id: u.name for _, u in await service.list_members(db, principal.org_id)}
    return [
        invite_out(i, names.get(i.invited_by_id or ""))
        for i in await service.pending_invites(db, principal.org_id)
    ]


@router.post("/invites", status_code=201)
async def create_invite(body: InviteIn, principal: OrgAdmin, db: DB, state: State) -> InviteOut:
    invite, _ = await service.create_invite(
        db,
        state.settings,
        principal.org_id,
        email=body.email,
        role=body.role,
        inviter=principal.user,
        actor_role=principal.role,
        actor=principal.actor_email,
    )
    announce(db, state, principal.org_id, "invite.created", email=invite.email)
    return invite_out(invite, principal.user.name if principal.user else None)


@router.delete("/invites/{invite_id}", status_code=204)
async def revoke_invite(invite_id: str, principal: OrgAdmin, db: DB, state: State) -> None:
    await service.revoke_invite(db, principal.org_id, invite_id, principal.actor_email)
    announce(db, state, principal.org_id, "invite.revoked", invite_id=invite_id)


@router.get("/audit-log")
async def org_audit_log(principal: OrgAdmin, db: DB) -> list[AuditOut]:
    return [AuditOut.model_validate(e) for e in await audit.for_org(db, principal.org_id)]


@router.get("/api-keys")
async def api_keys(principal: OrgAdmin, db: DB) -> list[ApiKeyOut]:
    return [ApiKeyOut.model_validate(k) for k in await service.list_api_keys(db, principal.org_id)]


@router.post("/api-keys", status_code=201)
async def create_api_key(body: ApiKeyIn, principal: OrgAdmin, db: DB) -> ApiKeyCreatedOut:
    if principal.user is None:
        raise BadRequest(
            "API keys are created by a signed-in admin.", code="user_required", status=403
        )
    key, secret = await service.create_api_key(db, principal.org_id, body.name, principal.user)
    return ApiKeyCreatedOut(**ApiKeyOut.model_validate(key).model_dump(), key=secret)


@router.delete("/api-keys/{key_id}", status_code=204)
async def revoke_api_key(key_id: str, principal: OrgAdmin, db: DB) -> None:
    if principal.user is None:
        raise BadRequest(
            "API keys are revoked by a signed-in admin.", code="user_required", status=403
        )
    await service.revoke_api_key(db, principal.org_id, key_id, principal.user)


@invites_router.get("/{token}")
async def show_invite(token: str, db: DB) -> InvitePublicOut:
    invite = await service.invite_by_token(db, token)
    org = await service.get_org(db, invite.org_id)
    inviter = (
        await auth_service.user_by_id(db, invite.invited_by_id) if invite.invited_by_id else None
    )
    return InvitePublicOut(
        org_name=org.name,
        email=invite.email,
        role=invite.role,
        invited_by=inviter.name if inviter else None,
        user_exists=await auth_service.user_by_email(db, invite.email) is not None,
    )


@invites_router.post("/{token}/accept")
async def accept_invite(
    token: str,
    body: AcceptInviteIn,
    request: Request,
    db: DB,
    state: State,
    client: Client,
    response: Response,
) -> MeOut:
    """A new person sets a name and password; an existing account accepts while signed in."""
    invite = await service.invite_by_token(db, token)
    existing = await auth_service.user_by_email(db, invite.email)
    if existing is None:
        if not body.name or not body.password:
            raise BadRequest("Enter your name and choose a password.", code="details_required")
        user = await auth_service.create_user(
            db, state.settings, name=body.name, email=invite.email, password=body.password
        )
        await service.accept_invite(db, invite, user)
        me = await sign_in(db, state, response, user, client, invite.org_id)
    else:
        try:
            principal = await resolve_principal(request, db)
        except NotAuthenticated:
            raise NotAuthenticated(
                f"Sign in as {invite.email} to accept this invitation.", code="sign_in_required"
            ) from None
        if principal.user is None or principal.auth_session is None:
            raise NotAuthenticated("Sign in to accept this invitation.", code="sign_in_required")
        await service.accept_invite(db, invite, principal.user)
        principal.auth_session.current_org_id = invite.org_id
        me = await build_me(db, principal.user, principal.auth_session)
        user = principal.user
    announce(db, state, invite.org_id, "member.joined", user_id=user.id, role=invite.role)
    return me
