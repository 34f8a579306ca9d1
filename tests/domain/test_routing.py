"""Who is told about a new representation: routing as a table (issue 5 §1)."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from intake.config import settings_for_tests
from intake.domain.routing import AUDIENCE_PERSON, RoutingFacts, route, safeguarding_recipients
from intake.models import AlertLevel, Channel, ContactMethod, Kind, SubmittedBy

SETTINGS = settings_for_tests(
    {
        "COMPLAINTS_OFFICER_EMAIL": "complaints@council.example",
        "ADVOCACY_SERVICE_EMAIL": "advocacy@advocacy.example",
        "RIGHTS_OFFICER_EMAIL": "rights@council.example",
        "RIGHTS_OFFICER_MOBILE": "+447700900999",
        "SAFEGUARDING_EMAIL": "mash@council.example",
        "OUT_OF_HOURS_EMAIL": None,
    }
)
NO_MOBILE = SETTINGS.with_values({"RIGHTS_OFFICER_MOBILE": None})
NOBODY = settings_for_tests(
    dict.fromkeys(
        (
            "COMPLAINTS_OFFICER_EMAIL",
            "ADVOCACY_SERVICE_EMAIL",
            "RIGHTS_OFFICER_EMAIL",
            "RIGHTS_OFFICER_MOBILE",
            "SAFEGUARDING_EMAIL",
            "OUT_OF_HOURS_EMAIL",
        )
    )
)

OFFICER = ("email", "complaints@council.example", "new_case")
ADVOCACY = ("email", "advocacy@advocacy.example", "advocacy_referral")
RIGHTS = ("email", "rights@council.example", "rights_alert")
RIGHTS_SMS = ("sms", "+447700900999", "rights_alert_sms")
MASH = ("email", "mash@council.example", "safeguarding_alert")
RIGHTS_SAFE = ("email", "rights@council.example", "safeguarding_alert")
RIGHTS_SAFE_SMS = ("sms", "+447700900999", "safeguarding_alert_sms")
MANAGER = ("email", "manager@council.example", "compliment_for_team")
ACK_SMS = ("sms", "+447700900123", "acknowledgement_sms")
ACK_EMAIL = ("email", "sam@example.org", "acknowledgement")


def facts(**kw) -> RoutingFacts:
    kw.setdefault("kind", Kind.COMPLAINT)
    kw.setdefault("channel", Channel.WEB_FORM)
    kw.setdefault("submitted_by", SubmittedBy.PARENT)
    return RoutingFacts(**kw)


SAFE_PHONE = {"contact_phone": "+447700900123", "safe_to_contact": True}
SAFE_BOTH = {**SAFE_PHONE, "contact_email": "sam@example.org"}


@pytest.mark.parametrize(
    ("case", "settings", "expected"),
    [
        # Every complaint, compliment and comment reaches the complaints officer.
        ({}, SETTINGS, [OFFICER]),
        ({"kind": Kind.COMMENT}, SETTINGS, [OFFICER]),
        ({"kind": Kind.COMPLIMENT}, SETTINGS, [OFFICER]),
        # A child, young person or advocate: the rights officer by email and SMS.
        ({"submitted_by": SubmittedBy.CHILD}, SETTINGS, [OFFICER, RIGHTS, RIGHTS_SMS]),
        ({"submitted_by": SubmittedBy.CHILD}, NO_MOBILE, [OFFICER, RIGHTS]),
        # An advocate submitting is also an advocacy referral.
        ({"submitted_by": SubmittedBy.ADVOCATE}, SETTINGS, [OFFICER, ADVOCACY, RIGHTS, RIGHTS_SMS]),
        # A child asking for an advocate.
        ({"submitted_by": SubmittedBy.CHILD, "advocate_requested": True}, NO_MOBILE, [OFFICER, ADVOCACY, RIGHTS]),
        # Anyone asking to be contacted alerts the rights officer.
        ({"wants_contact": True}, NO_MOBILE, [OFFICER, RIGHTS]),
        # Compliments go to the team manager when the team is known and wants them.
        (
            {
                "kind": Kind.COMPLIMENT,
                "team_manager_email": "manager@council.example",
                "team_forwards_compliments": True,
            },
            SETTINGS,
            [OFFICER, MANAGER],
        ),
        (
            {
                "kind": Kind.COMPLIMENT,
                "team_manager_email": "manager@council.example",
                "team_forwards_compliments": False,
            },
            SETTINGS,
            [OFFICER],
        ),
        (
            {
                "kind": Kind.COMPLAINT,
                "team_manager_email": "manager@council.example",
                "team_forwards_compliments": True,
            },
            SETTINGS,
            [OFFICER],
        ),
        # Safeguarding: MASH and the rights officer, once each (the safeguarding alert replaces the usual one).
        ({"safeguarding": True}, SETTINGS, [OFFICER, MASH, RIGHTS_SAFE, RIGHTS_SAFE_SMS]),
        (
            {"safeguarding": True, "submitted_by": SubmittedBy.CHILD},
            SETTINGS,
            [OFFICER, MASH, RIGHTS_SAFE, RIGHTS_SAFE_SMS],
        ),
        # The person: a text by default, only on a contact they said is safe.
        (SAFE_PHONE, SETTINGS, [OFFICER, ACK_SMS]),
        ({**SAFE_PHONE, "safe_to_contact": None}, SETTINGS, [OFFICER]),
        ({**SAFE_PHONE, "safe_to_contact": False}, SETTINGS, [OFFICER]),
        ({**SAFE_PHONE, "contact_via_advocate": True}, SETTINGS, [OFFICER]),
        ({**SAFE_PHONE, "preferred_contact": ContactMethod.ADVOCATE}, SETTINGS, [OFFICER]),
        # Their preferred way first, one message only.
        ({**SAFE_BOTH, "preferred_contact": ContactMethod.EMAIL}, SETTINGS, [OFFICER, ACK_EMAIL]),
        ({**SAFE_BOTH, "preferred_contact": ContactMethod.SMS}, SETTINGS, [OFFICER, ACK_SMS]),
        ({**SAFE_PHONE, "preferred_contact": ContactMethod.EMAIL}, SETTINGS, [OFFICER, ACK_SMS]),
        # An SMS conversation already gave the reference: no second text, but an email if they gave one.
        ({**SAFE_PHONE, "channel": Channel.SMS}, SETTINGS, [OFFICER]),
        ({**SAFE_BOTH, "channel": Channel.SMS}, SETTINGS, [OFFICER, ACK_EMAIL]),
        # Recipients come from configuration: none configured, none told.
        ({"submitted_by": SubmittedBy.CHILD}, NOBODY, []),
    ],
)
def test_routing_table(case, settings, expected):
    got = [(r.channel, r.address, r.template) for r in route(facts(**case), settings)]
    assert got == expected


def test_alerts_about_a_safeguarding_concern_are_all_urgent():
    recipients = route(facts(safeguarding=True, submitted_by=SubmittedBy.ADVOCATE), SETTINGS)
    staff = [r for r in recipients if r.audience != AUDIENCE_PERSON]
    assert staff and all(r.urgent for r in staff)


def test_ordinary_alerts_are_not_urgent():
    assert not any(r.urgent for r in route(facts(submitted_by=SubmittedBy.CHILD), SETTINGS))


def test_a_message_to_the_person_is_addressed_to_them_not_to_staff():
    [_, ack] = route(facts(**SAFE_PHONE), SETTINGS)
    assert ack.audience == AUDIENCE_PERSON


def test_safeguarding_recipients_skip_what_is_not_configured():
    assert [
        r.template
        for r in safeguarding_recipients(
            SETTINGS.with_values({"RIGHTS_OFFICER_EMAIL": None, "RIGHTS_OFFICER_MOBILE": None})
        )
    ] == ["safeguarding_alert"]


def test_the_same_address_is_not_sent_the_same_message_twice():
    same = SETTINGS.with_values({"RIGHTS_OFFICER_EMAIL": "complaints@council.example"})
    got = [(r.address, r.template) for r in route(facts(safeguarding=True), same)]
    assert len(got) == len(set(got))


EVENINGS = SETTINGS.with_values(
    {"OUT_OF_HOURS_EMAIL": "edt@council.example", "OFFICE_OPENS": time(9), "OFFICE_CLOSES": time(17)}
)
EDT = ("email", "edt@council.example", "safeguarding_alert")


@pytest.mark.parametrize(
    ("raised_at", "expected"),
    [
        # Tuesday 1 December 2026, 10:00 London: the front door is open, so no call-out.
        (datetime(2026, 12, 1, 10, 0, tzinfo=UTC), [MASH, RIGHTS_SAFE, RIGHTS_SAFE_SMS]),
        # The same Tuesday at 17:00 (closing time) and at 02:30: the emergency duty team first.
        (datetime(2026, 12, 1, 17, 0, tzinfo=UTC), [EDT, MASH, RIGHTS_SAFE, RIGHTS_SAFE_SMS]),
        (datetime(2026, 12, 1, 2, 30, tzinfo=UTC), [EDT, MASH, RIGHTS_SAFE, RIGHTS_SAFE_SMS]),
        # Saturday midday, and Christmas Day morning: not working days.
        (datetime(2026, 12, 5, 12, 0, tzinfo=UTC), [EDT, MASH, RIGHTS_SAFE, RIGHTS_SAFE_SMS]),
        (datetime(2026, 12, 25, 10, 0, tzinfo=UTC), [EDT, MASH, RIGHTS_SAFE, RIGHTS_SAFE_SMS]),
        # 08:30 London in summer is 07:30 UTC: still before opening.
        (datetime(2026, 7, 7, 7, 30, tzinfo=UTC), [EDT, MASH, RIGHTS_SAFE, RIGHTS_SAFE_SMS]),
        # 09:30 London in summer is 08:30 UTC: open.
        (datetime(2026, 7, 7, 8, 30, tzinfo=UTC), [MASH, RIGHTS_SAFE, RIGHTS_SAFE_SMS]),
    ],
)
def test_immediate_danger_out_of_office_hours_goes_first_to_the_emergency_duty_team(raised_at, expected):
    recipients = safeguarding_recipients(EVENINGS, raised_at, AlertLevel.IMMEDIATE)
    assert [(r.channel, r.address, r.template) for r in recipients] == expected
    assert all(r.urgent for r in recipients)


@pytest.mark.parametrize(
    "raised_at",
    [datetime(2026, 12, 1, 2, 30, tzinfo=UTC), datetime(2026, 12, 5, 12, 0, tzinfo=UTC)],
    ids=["Tuesday 02:30", "Saturday midday"],
)
def test_a_concern_out_of_office_hours_goes_to_the_front_door_for_its_next_working_day(raised_at):
    recipients = safeguarding_recipients(EVENINGS, raised_at, AlertLevel.CONCERN)
    assert [(r.channel, r.address, r.template) for r in recipients] == [MASH, RIGHTS_SAFE, RIGHTS_SAFE_SMS]
    assert all(r.urgent for r in recipients)


def test_with_no_out_of_hours_address_or_no_time_immediate_danger_goes_where_it_always_did():
    night = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)
    assert [r.address for r in safeguarding_recipients(SETTINGS, night, AlertLevel.IMMEDIATE)] == [
        r.address for r in safeguarding_recipients(SETTINGS)
    ]
    assert "edt@council.example" not in [
        r.address for r in safeguarding_recipients(EVENINGS, None, AlertLevel.IMMEDIATE)
    ]


@pytest.mark.parametrize(
    ("level", "duty_team_told"), [(AlertLevel.IMMEDIATE, True), (AlertLevel.CONCERN, False)], ids=str
)
def test_a_new_case_raising_an_alert_at_night_calls_out_the_duty_team_only_for_immediate_danger(level, duty_team_told):
    night = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)
    case = facts(safeguarding=True, alert_level=level, alert_raised_at=night, received_at=night)
    got = [(r.channel, r.address, r.template) for r in route(case, EVENINGS)]
    assert (EDT in got) is duty_team_told and MASH in got
    if duty_team_told:
        assert got.index(EDT) < got.index(MASH), "the duty team first: they can act tonight"
