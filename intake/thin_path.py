"""A thin request path for machine endpoints: Twilio's signed webhooks, which bring no cookie and get no page.

Flask runs every app-wide hook for every request. Most of ours serve pages and staff sessions: CSRF, the
rate limiter (webhooks are exempt), gzipped static files, the staff idle sign-out, Flask-Login's remember
cookie, the limiter's per-request context. On a webhook they all find nothing to do, yet together they cost
about as much as the signature check, and on the webhook every millisecond of CPU is throughput (issue 14
item 11). So a view marked ``@machine_endpoint`` skips them; the hooks every response needs (the security
headers) still run, as does the app context's teardown (the database session is given back). Hooks a
blueprint registers for itself run as before.

``create_app`` calls ``pages_only`` last, once every hook is registered, naming the hooks that stay. The
page hooks are gathered into one hook per run of neighbours, in Flask's order, so a machine endpoint pays
one check for each run rather than a call and a check for every hook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, TypeVar

from flask import Flask, request

F = TypeVar("F", bound=Callable[..., Any])
_MARK = "machine_endpoint"
Hook = Callable[..., Any]


def machine_endpoint(view: F) -> F:
    """Mark a view as a machine endpoint: page and session hooks are skipped for it."""
    setattr(view, _MARK, True)
    return view


def pages_only(app: Flask, every_response: Iterable[Hook]) -> None:
    """Gather the app-wide before-request, after-request and teardown-request hooks, except ``every_response``,
    into hooks that do nothing for machine endpoints."""
    machine = frozenset(name for name, view in app.view_functions.items() if getattr(view, _MARK, False))
    if not machine:
        return
    kept = set(every_response)
    for funcs, gather in (
        (app.before_request_funcs, _before),
        (app.after_request_funcs, _after),
        (app.teardown_request_funcs, _teardown),
    ):
        if None in funcs:
            funcs[None] = _gathered(funcs[None], kept, partial(gather, app, machine))


def _gathered(hooks: list[Hook], kept: set[Hook], gather: Callable[[list[Hook]], Hook]) -> list[Hook]:
    """``hooks`` with each run of neighbours not in ``kept`` replaced by one hook from ``gather``."""
    result: list[Hook] = []
    run: list[Hook] = []
    for hook in hooks:
        if hook in kept:
            if run:
                result.append(gather(run))
                run = []
            result.append(hook)
        else:
            run.append(hook)
    if run:
        result.append(gather(run))
    return result


def _before(app: Flask, machine: frozenset[str], hooks: list[Hook]) -> Hook:
    def page_hooks_before() -> Any:
        if request.endpoint in machine:
            return None
        for hook in hooks:  # as Flask does: the first answer stops the rest
            answer = app.ensure_sync(hook)()
            if answer is not None:
                return answer
        return None

    return page_hooks_before


def _after(app: Flask, machine: frozenset[str], hooks: list[Hook]) -> Hook:
    def page_hooks_after(response: Any) -> Any:
        if request.endpoint in machine:
            return response
        for hook in reversed(hooks):  # Flask runs after-request hooks last registered first
            response = app.ensure_sync(hook)(response)
        return response

    return page_hooks_after


def _teardown(app: Flask, machine: frozenset[str], hooks: list[Hook]) -> Hook:
    def page_hooks_teardown(error: BaseException | None = None) -> None:
        if request.endpoint in machine:
            return
        for hook in reversed(hooks):  # as Flask: last registered first
            app.ensure_sync(hook)(error)

    return page_hooks_teardown
