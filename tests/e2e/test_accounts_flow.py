"""Sign up, sign out, sign in with an emailed 2FA code, invite a teacher, and accept the
invite in a second browser context: the whole foundation as a person uses it."""

from __future__ import annotations

import re
import time
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shoot

pytestmark = pytest.mark.e2e
PASSWORD = "a-sturdy-passphrase-31"


def latest_mail_to(data: Path, address: str, after: int = 0, timeout: float = 10) -> str:
    """Wait for the (after+1)-th mail to ``address`` in the outbox; return its text."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = []
        for path in sorted((data / "outbox").glob("*.eml")):
            msg = message_from_bytes(path.read_bytes(), policy=policy.default)
            if msg["To"] == address:
                found.append(msg.get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]
        if len(found) > after:
            return str(found[-1])
        time.sleep(0.2)
    raise AssertionError(f"no mail #{after + 1} to {address}")


def test_sign_up_2fa_invite_and_accept(chromium: Any, server: tuple[str, Path]) -> None:
    base, data = server
    owner_ctx = chromium.new_context(base_url=base, viewport={"width": 1366, "height": 768})
    page = owner_ctx.new_page()

    page.goto("/signup")
    expect(page.get_by_text("Start free trial").first).to_be_visible()
    shoot(page, "01-signup")
    page.get_by_label("Organization name").fill("Lakeside College")
    page.get_by_label("Your name").fill("Olivia Park")
    page.get_by_label("Email").fill("olivia@lakeside.example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_text("Lakeside College").first).to_be_visible()
    shoot(page, "02-dashboard")

    page.goto("/security")
    page.get_by_role("button", name="Enable two-factor").click()
    code = re.search(r"\b(\d{6})\b", latest_mail_to(data, "olivia@lakeside.example"))
    assert code
    page.get_by_label("Verification code").fill(code.group(1))
    page.get_by_role("button", name="Confirm code").click()
    expect(page.get_by_text(re.compile("two-factor.*(on|enabled)", re.I)).first).to_be_visible()
    shoot(page, "03-security")

    page.get_by_role("button", name="Account menu").click()
    page.get_by_role("menuitem", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/signin"))
    expect(page.get_by_text("Welcome Back")).to_be_visible()
    expect(page.get_by_text("Sign in to your teacher dashboard")).to_be_visible()
    shoot(page, "04-signin")

    page.get_by_label("Email").fill("olivia@lakeside.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    code_input = page.get_by_label("Verification code")
    expect(code_input).to_be_visible()
    shoot(page, "05-two-factor")
    code = re.search(r"\b(\d{6})\b", latest_mail_to(data, "olivia@lakeside.example", after=1))
    assert code
    code_input.fill(code.group(1))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("button", name="Account menu")).to_be_visible()  # signed in

    page.goto("/org/members")
    page.get_by_label("Email").fill("noah@lakeside.example")
    page.get_by_role("button", name="Send invite").click()
    expect(page.get_by_text("noah@lakeside.example").first).to_be_visible()
    shoot(page, "06-members")
    link = re.search(r"(/invite/[A-Za-z0-9_\-]+)", latest_mail_to(data, "noah@lakeside.example"))
    assert link

    invitee_ctx = chromium.new_context(base_url=base, viewport={"width": 1366, "height": 768})
    invitee = invitee_ctx.new_page()
    invitee.goto(link.group(1))
    expect(invitee.get_by_text("Lakeside College").first).to_be_visible()
    shoot(invitee, "07-invite")
    invitee.get_by_label("Your name").fill("Noah Kim")
    invitee.get_by_label("Password", exact=True).fill(PASSWORD)
    invitee.get_by_role("button", name="Accept invite").click()
    expect(invitee).to_have_url(re.compile(r"/dashboard$"))
    expect(invitee.get_by_text("Lakeside College").first).to_be_visible()
    shoot(invitee, "08-invitee-dashboard")
    # A teacher sees no org admin screens.
    expect(invitee.get_by_role("link", name="Members")).to_have_count(0)

    # The owner's members table shows the new teacher without a reload (live feed).
    expect(page.get_by_role("cell", name="Noah Kim")).to_be_visible(timeout=10_000)
    shoot(page, "09-members-live")
    owner_ctx.close()
    invitee_ctx.close()
