"""The optional LLM narrator against a local OpenAI-compatible fake (the outside world):
what it is sent, that its words are used, and that the rules' summary stands when it
fails."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from tests.conftest import free_port
from tests.review.test_appeals import flagged_with_evidence

A = "/api/v1/attempts"


class FakeLLM:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.status = 200

    async def completions(self, request: web.Request) -> web.Response:
        self.requests.append(await request.json())
        self.headers.append(dict(request.headers))
        if self.status != 200:
            return web.Response(status=self.status, text="overloaded")
        reply = {"choices": [{"message": {"role": "assistant", "content": " Calm sitting. "}}]}
        return web.json_response(reply)


@pytest.fixture
async def llm(settings: Any) -> AsyncIterator[FakeLLM]:
    fake = FakeLLM()
    app = web.Application()
    app.router.add_post("/v1/chat/completions", fake.completions)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    settings.llm_url, settings.llm_model, settings.llm_api_key = (
        f"http://127.0.0.1:{port}/v1",
        "local-model",
        "sk-school",
    )
    yield fake
    await runner.cleanup()


async def test_the_llm_writes_the_summary_from_the_facts(
    new_browser: Any, db: Any, llm: FakeLLM
) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)
    r = await p.teacher.browser.get(f"{A}/{p.attempt_id}/summary")
    assert r.json() == {"text": "Calm sitting.", "source": "llm"}
    [sent] = llm.requests
    assert sent["model"] == "local-model"
    assert llm.headers[0]["Authorization"] == "Bearer sk-school"
    system, user = sent["messages"]
    assert system["role"] == "system" and "Never accuse" in system["content"]
    facts = json.loads(user["content"].split("Facts:\n", 1)[1])
    assert {(f["flag"], f["decision"]) for f in facts["flags"]} == {
        ("Tab switch", "undecided"),
        ("Copy, cut or paste", "dismissed"),
    }
    assert "Summary by rules:" in user["content"]
    html = (await p.teacher.browser.get(f"{A}/{p.attempt_id}/report.html")).text
    assert "Summary (AI).</b> Calm sitting." in html


async def test_a_failing_llm_leaves_the_rules_summary(
    new_browser: Any, db: Any, llm: FakeLLM
) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)
    llm.status = 503
    r = await p.teacher.browser.get(f"{A}/{p.attempt_id}/summary")
    assert r.status_code == 200 and r.json()["source"] == "rules"
    assert "flags were raised" in r.json()["text"]
