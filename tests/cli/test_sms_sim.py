"""The terminal SMS simulator goes through the real, signed webhook."""

from __future__ import annotations

from sqlalchemy import select

from intake.models import Message, Representation


def test_the_simulator_holds_a_whole_conversation_through_the_signed_webhook(app, session):
    lines = "hi\n1\ncomplain\nme\nmy PA never answers\ndone\nskip\nmy PA\nno\nyes\nno\nyes\n"
    result = app.test_cli_runner().invoke(args=["sms-sim", "--from", "+447700900555"], input=lines)
    assert result.exit_code == 0, result.output
    assert "< Hi, this is Have Your Say" in result.output
    rep = session.scalar(select(Representation))
    assert f"Your reference is {rep.reference}" in result.output
    assert rep.contact_phone == "+447700900555"
    assert len(session.scalars(select(Message).where(Message.provider_sid.is_not(None))).all()) == 12


def test_the_simulator_shows_a_refusal_when_signed_with_the_wrong_token(app):
    result = app.test_cli_runner().invoke(args=["sms-sim", "--auth-token", "wrong"], input="hi\n")
    assert "answered 403" in result.output
