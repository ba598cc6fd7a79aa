"""Dramatiq: an in-process broker and worker thread by default, Redis when configured.

Actor modules are imported once, bound first to a placeholder stub broker; ``configure``
moves every actor onto the broker the settings call for, so the same actors run in the
embedded server and in ``procta worker`` processes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

ACTOR_MODULES = (
    "procta.mail.tasks",
    "procta.attempts.tasks",
    "procta.proctoring.tasks",
    "procta.reports.tasks",
    "procta.retention.tasks",
)

_placeholder = StubBroker()
dramatiq.set_broker(_placeholder)


def job(**options: Any) -> Callable[[Callable[..., None]], dramatiq.Actor[..., None]]:
    """Declare a Dramatiq actor on the current broker (the placeholder until ``configure``)."""

    def wrap(fn: Callable[..., None]) -> dramatiq.Actor[..., None]:
        declared: dramatiq.Actor[..., None] = dramatiq.actor(
            broker=dramatiq.get_broker(), **options
        )(fn)
        return declared

    return wrap


def _load_actors() -> None:
    for module in ACTOR_MODULES:
        importlib.import_module(module)


def configure(redis_url: str = "", namespace: str = "procta") -> dramatiq.Broker:
    """Make the broker for these settings current and declare every actor on it."""
    _load_actors()
    old = dramatiq.get_broker()
    broker: dramatiq.Broker
    if redis_url:
        broker = RedisBroker(url=redis_url, namespace=namespace)  # type: ignore[no-untyped-call]
    else:
        broker = StubBroker()
        broker.emit_after("process_boot")
    for name in old.get_declared_actors():
        actor = old.get_actor(name)
        actor.broker = broker
        broker.declare_actor(actor)
    dramatiq.set_broker(broker)
    return broker


def start_worker(broker: dramatiq.Broker, threads: int = 2) -> dramatiq.Worker:
    worker = dramatiq.Worker(broker, worker_threads=threads, worker_timeout=200)
    worker.start()
    return worker
