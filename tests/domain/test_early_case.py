"""A case made early on a disclosure, brought up to date as the person carries on."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from intake.domain.early_case import finish_case, update_case
from intake.domain.submit import Submission, submit
from intake.models import AlertLevel, AuditEvent, Channel, Kind, Notification, SafeguardingAlert, SubmittedBy

DISCLOSURE = "he hits me when mum is at work"
IMMEDIATE = "I am going to kill myself tonight"


def early(session, settings, **kwargs):
    sub = Submission(kind=Kind.COMPLAINT, channel=Channel.WEB_FORM, what_happened=DISCLOSURE, **kwargs)
    rep = submit(session, sub, settings).representation
    session.commit()
    return rep


def later(**kwargs) -> Submission:
    return Submission(
        kind=Kind.COMPLAINT, channel=Channel.WEB_FORM, what_happened=DISCLOSURE, actor="web form", **kwargs
    )


def events(session, rep) -> list[tuple[str, str]]:
    rows = session.scalars(select(AuditEvent).where(AuditEvent.reference == rep.reference).order_by(AuditEvent.id))
    return [(e.action, e.detail) for e in rows]


def alerts(session) -> list[SafeguardingAlert]:
    return list(session.scalars(select(SafeguardingAlert).order_by(SafeguardingAlert.id)))


def test_later_answers_change_the_case_and_the_audit_names_the_fields_never_the_words(session, settings):
    rep = early(session, settings)
    changed = update_case(
        session,
        rep,
        later(what_would_help="Move me somewhere safe", contact_phone="07700 900123", submitted_by=SubmittedBy.CHILD),
        settings,
        action="updated_from_form",
    )
    assert changed == ["submitted_by", "what_would_help", "contact_phone"]
    assert rep.what_would_help == "Move me somewhere safe" and rep.contact_phone == "+447700900123"
    assert ("updated_from_form", "fields: submitted_by, what_would_help, contact_phone") in events(session, rep)
    assert (
        update_case(
            session,
            rep,
            later(
                what_would_help="Move me somewhere safe", contact_phone="07700900123", submitted_by=SubmittedBy.CHILD
            ),
            settings,
            action="x",
        )
        == []
    )


def test_a_new_disclosure_while_the_alert_is_open_is_recorded_without_a_second_alert(session, settings):
    rep = early(session, settings)
    update_case(session, rep, later(what_would_help="he said he will hurt me if I tell"), settings, action="x")
    assert len(alerts(session)) == 1
    assert [a for a, _d in events(session, rep)].count("further_risk_disclosure") == 1


def test_a_new_disclosure_after_the_alert_was_dealt_with_raises_a_fresh_alert_and_tells_the_front_door(
    session, settings
):
    rep = early(session, settings)
    [first] = alerts(session)
    first.actioned_at, first.actioned_by, first.action_taken = datetime.now(UTC), "mash@council.example", "Visited"
    session.commit()
    update_case(session, rep, later(what_would_help="he said he will hurt me if I tell"), settings, action="x")
    session.commit()
    assert len(alerts(session)) == 2
    to_front_door = session.scalars(
        select(Notification).where(Notification.recipient == settings["SAFEGUARDING_EMAIL"])
    ).all()
    assert len(to_front_door) == 2 and all(n.urgent for n in to_front_door)


def test_words_over_the_limit_are_refused_unless_they_hold_a_disclosure(session, settings):
    import pytest

    from intake.domain.sanitise import TextTooLong

    rep = early(session, settings)
    with pytest.raises(TextTooLong):
        update_case(session, rep, later(what_would_help="x" * 5001), settings, action="x")
    long_disclosure = "x" * 5001 + " and he hits me"
    update_case(session, rep, later(what_would_help=long_disclosure), settings, action="x")
    assert rep.what_would_help == long_disclosure


def test_finishing_queues_what_the_later_answers_call_for_once(session, settings):
    rep = early(session, settings)
    done = later(contact_phone="07700900123", safe_to_contact=True, advocate_requested=True)
    finish_case(session, rep, done, settings, action="updated_from_form", done="form_completed")
    finish_case(session, rep, done, settings, action="updated_from_form", done="form_completed")
    session.commit()
    templates = [
        n.template for n in session.scalars(select(Notification).where(Notification.representation_id == rep.id))
    ]
    assert templates.count("acknowledgement_sms") == 1 and templates.count("advocacy_referral") == 1
    assert ("form_completed", "finished") in events(session, rep)


def test_a_different_kind_chosen_later_is_noted_and_the_case_kept_for_triage(session, settings):
    rep = early(session, settings)
    sub = later()
    sub.kind = Kind.COMMENT
    finish_case(session, rep, sub, settings, action="x", done="form_completed")
    assert rep.kind is Kind.COMPLAINT
    assert ("form_completed", "finished; they chose comment (case kept as complaint for triage)") in events(
        session, rep
    )


def test_immediate_danger_on_an_open_concern_raises_its_level_and_calls_out_the_duty_team_at_night(
    app, session, settings, monkeypatch
):
    night = datetime(2026, 12, 5, 23, 0, tzinfo=UTC)
    monkeypatch.setattr("intake.domain.early_case.utcnow", lambda: night)
    monkeypatch.setitem(app.config, "OUT_OF_HOURS_EMAIL", "edt@council.example")
    rep = early(session, settings)
    assert alerts(session)[0].level is AlertLevel.CONCERN
    update_case(session, rep, later(what_would_help=IMMEDIATE), settings, action="x")
    session.commit()
    [alert] = alerts(session)
    assert alert.level is AlertLevel.IMMEDIATE
    duty = session.scalars(select(Notification).where(Notification.recipient == "edt@council.example")).all()
    assert [(n.template, n.urgent) for n in duty] == [("safeguarding_alert", True)]
