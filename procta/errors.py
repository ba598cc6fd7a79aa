"""One error type; one handler renders it as ``{"error": {"code", "message"}}``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class AppError(Exception):
    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        status: int | None = None,
        headers: dict[str, str] | None = None,
        details: Any = None,
        commit: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status
        self.headers = headers or {}
        self.details = details
        # True when the request's changes must be kept although it fails: a counted wrong
        # 2FA code or an audited failed sign-in.
        self.commit = commit

    def body(self) -> dict[str, Any]:
        err: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details is not None:
            err["details"] = self.details
        return {"error": err}


class BadRequest(AppError):
    pass


class NotAuthenticated(AppError):
    status = 401
    code = "not_authenticated"


class Forbidden(AppError):
    status = 403
    code = "forbidden"


class NotFound(AppError):
    status = 404
    code = "not_found"


class Conflict(AppError):
    status = 409
    code = "conflict"


class Gone(AppError):
    status = 410
    code = "gone"


class TooManyRequests(AppError):
    status = 429
    code = "rate_limited"


class ErrorBody(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorOut(BaseModel):
    """The shape of every error the API returns."""

    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in (
        (400, "Bad request"),
        (401, "Not signed in"),
        (403, "Not allowed"),
        (404, "Not found (also another org's resource)"),
        (409, "Conflict"),
        (413, "Body too large"),
        (422, "Validation error"),
        (429, "Too many requests"),
    )
}
