"""An optional large-language-model narrator behind any OpenAI-compatible endpoint
(``PROCTA_LLM_URL``, e.g. a school's own vLLM or Ollama server). It rewrites the rules'
summary and the facts into prose; when it is not configured, fails or is slow, the rules'
summary stands, so a report never waits on it or breaks because of it."""

from __future__ import annotations

import logging

import httpx

from procta.config import Settings
from procta.review.schemas import SummaryOut

log = logging.getLogger("procta.reports")

INSTRUCTIONS = (
    "You summarise online exam proctoring records for a teacher. Write 3 to 6 plain "
    "sentences: what was flagged, what the reviewer decided, and what stands out. Use only "
    "the facts given. Never accuse the student; a flag is something to look at, not proof. "
    "Do not invent numbers."
)


async def narrate(settings: Settings, rules_text: str, facts: str) -> SummaryOut:
    """The LLM's summary, or the rules' one when there is no LLM or it fails."""
    if not settings.llm_url:
        return SummaryOut(text=rules_text, source="rules")
    url = settings.llm_url.rstrip("/") + "/chat/completions"
    body = {
        "model": settings.llm_model,
        "temperature": 0.2,
        "messages": [
            {"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": f"Summary by rules:\n{rules_text}\n\nFacts:\n{facts}"},
        ],
    }
    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    try:
        async with httpx.AsyncClient(timeout=settings.llm_timeout_s) as client:
            response = await client.post(url, json=body, headers=headers)
            response.raise_for_status()
            text = response.json()["choices"][0]["message"]["content"].strip()
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        log.warning(
            "LLM summary failed (%s: %s); using the rules' summary", type(exc).__name__, exc
        )
        return SummaryOut(text=rules_text, source="rules")
    if not text:
        return SummaryOut(text=rules_text, source="rules")
    return SummaryOut(text=text, source="llm")
