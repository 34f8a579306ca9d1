"""A thin request path for machine endpoints: Twilio's signed webhooks, which bring no cookie and get no page.

Flask runs every app-wide hook for every request. Most of ours serve pages and staff sessions: CSRF, the
rate limiter (webhooks are exempt), gzipped static files, the staff idle sign-out, Flask-Login's remember
cookie. On a webhook they all find nothing to do, yet together they cost about as much as the signature
check, and on the webhook every millisecond of CPU is throughput (issue 14 item 11). So a view marked
``@machine_endpoint`` skips them; the hooks every response needs (the security headers) still run, as do
teardowns (the database session is given back). Hooks a blueprint registers for itself run as before.

``create_app`` calls ``pages_only`` last, once every hook is registered, naming the hooks that stay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, request

F = TypeVar("F", bound=Callable[..., Any])
_MARK = "machine_endpoint"


def machine_endpoint(view: F) -> F:
    """Mark a view as a machine endpoint: page and session hooks are skipped for it."""
    setattr(view, _MARK, True)
    return view


def pages_only(app: Flask, every_response: Iterable[Callable[..., Any]]) -> None:
    """Wrap the app-wide before- and after-request hooks, except ``every_response``, so that they do not run
    for machine endpoints."""
    machine = frozenset(name for name, view in app.view_functions.items() if getattr(view, _MARK, False))
    if not machine:
        return
    kept = set(every_response)

    def before(hook: Callable[[], Any]) -> Callable[[], Any]:
        @wraps(hook)
        def unless_machine() -> Any:
            return None if request.endpoint in machine else hook()

        return unless_machine

    def after(hook: Callable[[Any], Any]) -> Callable[[Any], Any]:
        @wraps(hook)
        def unless_machine(response: Any) -> Any:
            return response if request.endpoint in machine else hook(response)

        return unless_machine

    hooks = app.before_request_funcs.get(None, [])
    hooks[:] = [hook if hook in kept else before(hook) for hook in hooks]
    hooks = app.after_request_funcs.get(None, [])
    hooks[:] = [hook if hook in kept else after(hook) for hook in hooks]
