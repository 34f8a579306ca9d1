import os
import subprocess
import sys
from pathlib import Path

import pytest

from intake.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parent.parent


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_settings({"APP_ENV": "production"})


def test_production_starts_with_a_secret_key_and_safe_defaults():
    s = load_settings({"APP_ENV": "production", "SECRET_KEY": "x" * 40})
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["SMS_BACKEND"] == "fake"
    assert s["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert s["STATUTORY_ACK_DAYS"] == 3


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"SMTP_PORT": "twenty-five"}, "SMTP_PORT"),
        ({"STATUTORY_ACK_DAYS": "9"}, "STATUTORY_ACK_DAYS"),
        ({"SMTP_STARTTLS": "maybe"}, "SMTP_STARTTLS"),
        ({"CLOSURE_DAYS": "2026-13-01"}, "CLOSURE_DAYS"),
        ({"OFFICE_OPENS": "nine"}, "OFFICE_OPENS"),
        ({"PUBLIC_BASE_URL": "hys.example"}, "PUBLIC_BASE_URL"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"APP_ENV": "staging"}, "APP_ENV"),
        ({"TWILIO_ACCOUNT_SID": "AC123"}, "TWILIO_AUTH_TOKEN"),
        ({"TWILIO_ACCOUNT_SID": "AC123", "TWILIO_AUTH_TOKEN": "t"}, "TWILIO_FROM_NUMBER"),
    ],
)
def test_a_bad_setting_names_the_variable_that_is_wrong(environ, variable):
    with pytest.raises(ConfigError, match=variable):
        load_settings({"APP_ENV": "development", **environ})


def test_council_details_and_closure_days_are_configuration():
    s = load_settings(
        {
            "APP_ENV": "development",
            "COUNCIL_NAME": "Anytown",
            "COUNCIL_TEAMS": "A team; B team",
            "CLOSURE_DAYS": "2026-12-29,2026-12-30",
        }
    )
    assert s["COUNCIL_NAME"] == "Anytown"
    assert s["COUNCIL_TEAMS"] == ("A team", "B team")
    assert len(s["CLOSURE_DAYS"]) == 2


def test_the_app_factory_reports_a_bad_setting_clearly(monkeypatch):
    from intake import create_app

    monkeypatch.setenv("SMTP_PORT", "abc")
    with pytest.raises(ConfigError, match="SMTP_PORT must be a whole number"):
        create_app()


def test_a_bad_setting_stops_the_commands_with_one_clear_line_not_a_stack_trace(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "TEST_DATABASE_URL")}
    env.update(APP_ENV="production", DATABASE_URL=f"sqlite:///{tmp_path}/x.db", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "routes"],
        input="",
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Have Your Say cannot start: SECRET_KEY" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("app_env", "full_cost"), [("production", True), ("development", True), ("test", False)])
def test_passwords_are_hashed_at_full_cost_everywhere_but_under_app_env_test(app_env, full_cost):
    probe = (
        "from argon2 import PasswordHasher\n"
        "from intake.domain.staff_accounts import hash_password\n"
        "print(PasswordHasher().check_needs_rehash(hash_password('correct-horse-battery')))\n"
    )
    env = {**os.environ, "APP_ENV": app_env, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    # A hash made with argon2's default (full) parameters needs no rehash at those parameters.
    assert done.stdout.strip() == str(not full_cost)
