"""Finding the org-scoped routes: those that depend on ``org_member`` or ``org_admin``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import routing
from fastapi.routing import APIRoute, APIWebSocketRoute

from procta.auth import deps


def dependency_calls(dependant: Any) -> Iterator[Any]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from dependency_calls(dependency)


def all_routes(app: Any) -> Iterator[Any]:
    """Every route with its full path. Newer FastAPI keeps included routers as nodes of
    ``app.routes``; ``iter_route_contexts`` flattens them (older versions are flat)."""
    flatten = getattr(routing, "iter_route_contexts", None)
    yield from (flatten(app.routes) if flatten else app.routes)


def org_scoped_routes(app: Any) -> set[tuple[str, str]]:
    guards = (deps.org_member, deps.org_admin)
    found: set[tuple[str, str]] = set()
    for route in all_routes(app):
        kind = getattr(route, "original_route", route)
        if isinstance(kind, APIRoute):
            methods = set(route.methods)
        elif isinstance(kind, APIWebSocketRoute):
            methods = {"WEBSOCKET"}
        else:
            continue
        if any(call in guards for call in dependency_calls(route.dependant)):
            found |= {(method, route.path) for method in methods}
    return found
