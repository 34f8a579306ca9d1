"""Response headers that keep pages private: no third parties, no caching of anything personal."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from flask import Flask, Response, g, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from intake import encryption
from intake.ratelimits import DatabaseStorage  # noqa: F401 (registers database:// for Flask-Limiter)
from intake.settings import settings_of

# No third-party requests of any kind (ICO children's code: no analytics, no trackers).
# The one inline script (GOV.UK's js-enabled class) carries a per-response nonce.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
)


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


# Anything that is not a page (TwiML for Twilio, JSON for the chat) runs no script at all.
NOT_A_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
_COMMON_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()"),
)


class LazyCookieSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, minus the work for requests that bring no session cookie and leave the
    session alone (every Twilio webhook): there is nothing to verify, and nothing to sign or send back."""

    def open_session(self, app, request):
        if app.secret_key and (
            "HTTP_COOKIE" not in request.environ or not request.cookies.get(self.get_cookie_name(app))
        ):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app, session, response):
        if not session and not session.modified and not session.accessed:
            return  # Flask would do nothing here either, after working out the cookie's settings
        super().save_session(app, session, response)


def _is_html(content_type: str | None) -> bool:
    """``response.mimetype == "text/html"`` without parsing the header's parameters."""
    return content_type is not None and content_type.split(";", 1)[0].strip().lower() == "text/html"


def _hsts(app: Flask) -> str | None:
    """Served over HTTPS: browsers must never try plain HTTP again (decided once, not per request)."""
    return "max-age=31536000" if settings_of(app).public_base_url.startswith("https://") else None


def not_a_page_headers(app: Flask) -> tuple[tuple[str, str], ...]:
    """What a response that is not a page gets when it sets none of these itself (every webhook answer): one
    list, built once, added in one go (by the headers hook, and by the SMS door ahead of Flask)."""
    hsts = _hsts(app)
    return (
        ("Content-Security-Policy", NOT_A_PAGE_POLICY),
        *_COMMON_HEADERS,
        *((("Strict-Transport-Security", hsts),) if hsts else ()),
        ("Cache-Control", "no-store"),
    )


def init_app(app: Flask) -> Callable[[Response], Response]:
    """Register the headers hook, and return it: it is the hook every response needs (``thin_path`` keeps it)."""
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.session_interface = LazyCookieSessionInterface()
    encryption.init_app(app)
    proxies = settings_of(app).security.trusted_proxy_count
    if proxies:
        # The client's address from the proxies' X-Forwarded-For, so rate limits key on the person, not the proxy.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=0, x_host=0, x_port=0, x_prefix=0)  # type: ignore[method-assign]
    hsts = _hsts(app)
    not_a_page = not_a_page_headers(app)
    ours = frozenset(name.lower() for name, _value in not_a_page)

    @app.after_request
    def _headers(response):
        headers = response.headers
        # Each look-up in werkzeug's Headers walks the list: look once, then add what is missing.
        present = {name.lower() for name, _value in headers}
        # A nonce only where a page may use one: Twilio's webhooks are busy, and a nonce costs a random draw.
        page = _is_html(response.content_type) or "csp_nonce" in g
        static = request.path.startswith("/static/")
        if not page and not static and present.isdisjoint(ours):
            headers.extend(not_a_page)
            return response
        if "content-security-policy" not in present:
            headers["Content-Security-Policy"] = (
                CONTENT_SECURITY_POLICY.format(nonce=csp_nonce()) if page else NOT_A_PAGE_POLICY
            )
        headers.extend([(name, value) for name, value in _COMMON_HEADERS if name.lower() not in present])
        if hsts and "strict-transport-security" not in present:
            headers["Strict-Transport-Security"] = hsts
        if "cache-control" not in present and not static:
            # On a shared phone, the back button must not show someone else's story.
            headers["Cache-Control"] = "no-store"
        return response

    return _headers
