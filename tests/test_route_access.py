"""Every route is listed here as public, webhook or staff (with its roles).

A route that is not listed fails this test, so nobody can add a page without
deciding who may see it. Staff routes must carry ``role_required`` with exactly
the roles listed.
"""

from __future__ import annotations

from intake.models import Role

PUBLIC = "public"
WEBHOOK = "webhook"
ALL_STAFF = frozenset(Role)


def staff(*roles: Role) -> frozenset[Role]:
    return frozenset(roles) if roles else ALL_STAFF


# endpoint -> PUBLIC | WEBHOOK | frozenset of roles. Add yours here.
ROUTES: dict[str, object] = {
    "static": PUBLIC,
    "public.home": PUBLIC,
    "public.healthz": PUBLIC,
}


def test_every_route_is_classified_as_public_webhook_or_staff(app):
    unknown = sorted(rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint not in ROUTES)
    assert not unknown, f"classify these routes in tests/test_route_access.py: {unknown}"


def test_every_staff_route_declares_exactly_its_roles(app):
    for endpoint, access in ROUTES.items():
        if access in (PUBLIC, WEBHOOK) or endpoint not in app.view_functions:
            continue
        view = app.view_functions[endpoint]
        assert getattr(view, "required_roles", None) == access, f"{endpoint} must use role_required{tuple(access)}"


def test_staff_routes_send_anonymous_visitors_to_sign_in(app, client):
    for rule in app.url_map.iter_rules():
        access = ROUTES.get(rule.endpoint)
        if access in (PUBLIC, WEBHOOK, None) or "GET" not in rule.methods:
            continue
        url = rule.rule.replace("<reference>", "AAAA-AAAA").replace("<int:", "<").replace("<", "").replace(">", "")
        response = client.get(url)
        assert response.status_code in (302, 303), f"{rule.rule} answered {response.status_code} to an anonymous visitor"
        assert "/staff/login" in response.headers["Location"]
