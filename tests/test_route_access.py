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
    "public.start": PUBLIC,
    "public.question": PUBLIC,
    "public.check_answers": PUBLIC,
    "public.confirmation": PUBLIC,
    "public.track": PUBLIC,
    "public.accessibility": PUBLIC,
    "public.privacy": PUBLIC,
    "public.privacy_full": PUBLIC,
    "public.advocate_new": staff(Role.ADVOCATE),
    "public.advocate_cases": staff(Role.ADVOCATE),
    "staff.login": PUBLIC,
    "staff.login_code": PUBLIC,
    "staff.logout": PUBLIC,
    "staff.cases": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER, Role.ADVOCATE),
    "staff.cases_csv": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER, Role.ADVOCATE),
    "staff.case": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER, Role.ADVOCATE),
    "staff.case_triage": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_acknowledge": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_assign": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_extend": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_investigation": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_respond": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_escalate": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_late_decision": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_panel": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_withdraw": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    # The procedure (intake/staff/procedure_actions.py, remedy_actions.py).
    "staff.case_point": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_point_outcome": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_statement": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_investigation_report": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_adjudication": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_panel_report": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_recommendation": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_council_response": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_stage_handler": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_stage_acknowledge": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_pause": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_resume": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_grounds": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_late_complaint": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_refuse": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_ombudsman_refer": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_ombudsman_enquiry": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_ombudsman_decision": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_ombudsman_compliance": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_payment": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_resolutions": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_learning": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_adjustment": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_adjustment_review": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_action": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_action_update": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_close": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_forward": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_legal_hold": staff(Role.COMPLAINTS_OFFICER),
    "staff.case_sms": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER),
    "staff.case_note": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER, Role.ADVOCATE),
    "staff.case_raise_alert": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER, Role.ADVOCATE),
    "staff.case_letters": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_letter": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_letter_send": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.case_letter_pdf": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "staff.alerts": staff(Role.COMPLAINTS_OFFICER, Role.RIGHTS_OFFICER, Role.MANAGER),
    "staff.alert": staff(Role.COMPLAINTS_OFFICER, Role.RIGHTS_OFFICER, Role.MANAGER),
    "staff.alert_action": staff(Role.COMPLAINTS_OFFICER, Role.RIGHTS_OFFICER, Role.MANAGER),
    "staff.alert_false_alarm": staff(Role.COMPLAINTS_OFFICER, Role.RIGHTS_OFFICER, Role.MANAGER),
    "staff.case_new": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER),
    "staff.case_record": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER),
    "staff.case_attachments": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER),
    "staff.case_attachment": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER, Role.ADVOCATE),
    "staff.referrals": staff(Role.ADVOCATE),
    "staff.referral": staff(Role.ADVOCATE),
    "staff.referral_accept": staff(Role.ADVOCATE),
    "staff.outbox": staff(Role.COMPLAINTS_OFFICER, Role.ADMIN),
    "staff.users": staff(Role.ADMIN),
    "staff.user_new": staff(Role.ADMIN),
    "staff.user_deactivate": staff(Role.ADMIN),
    "staff.user_unlock": staff(Role.ADMIN),
    "sms.inbound": WEBHOOK,
    "sms.status": WEBHOOK,
    "notify.inbound": WEBHOOK,
    "notify.status": WEBHOOK,
    "chat.index": PUBLIC,
    "chat.send_json": PUBLIC,
    "chat.clear": PUBLIC,
    "reports.index": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER),
    "reports.annual": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER),
    "reports.annual_json": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER),
    "reports.annual_csv": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER),
    "reports.annual_pdf": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.RIGHTS_OFFICER),
    "reports.narrative": staff(Role.COMPLAINTS_OFFICER),
    "reports.rag": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
    "reports.rag_download": staff(Role.COMPLAINTS_OFFICER, Role.MANAGER),
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
        assert response.status_code in (302, 303), (
            f"{rule.rule} answered {response.status_code} to an anonymous visitor"
        )
        assert "/staff/login" in response.headers["Location"]
