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


def test_a_refusal_says_what_to_match_rather_than_a_bare_403(app):
    result = app.test_cli_runner().invoke(args=["sms-sim", "--auth-token", "wrong"], input="hi\n")
    assert "PUBLIC_BASE_URL and TWILIO_AUTH_TOKEN" in result.output and "instance/.env" in result.output


def test_in_development_the_public_address_follows_the_port_and_the_token_needs_no_setting():
    from cryptography.fernet import Fernet

    from intake.config import load_settings

    one = load_settings({"APP_ENV": "development", "SECRET_KEY": "x" * 32, "PORT": "5601"})
    two = load_settings({"APP_ENV": "development", "SECRET_KEY": "x" * 32})
    assert one["PUBLIC_BASE_URL"] == "http://127.0.0.1:5601" and two["PUBLIC_BASE_URL"] == "http://127.0.0.1:5000"
    assert one["TWILIO_AUTH_TOKEN"] and one["TWILIO_AUTH_TOKEN"] == two["TWILIO_AUTH_TOKEN"]
    asked = load_settings({"APP_ENV": "development", "SECRET_KEY": "x" * 32, "PUBLIC_BASE_URL": "https://a.test/"})
    assert asked["PUBLIC_BASE_URL"] == "https://a.test"
    key = Fernet.generate_key().decode()
    production = load_settings(
        {"APP_ENV": "production", "SECRET_KEY": "x" * 32, "DATA_ENCRYPTION_KEY": key, "PORT": "5601"}
    )
    assert production["PUBLIC_BASE_URL"] == "http://127.0.0.1:5000" and production["TWILIO_AUTH_TOKEN"] is None
