import pyotp
import pytest
from sqlalchemy import select

from intake.models import Role, StaffUser


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args, password="a-long-enough-passphrase"):
        return runner.invoke(args=["create-user", *args, "--password-stdin"], input=password + "\n")

    return invoke


def test_create_user_makes_an_account_and_prints_the_authenticator_secret_once(run, session):
    result = run("Sam.Officer@Council.Example", "--role", "complaints_officer")
    assert result.exit_code == 0, result.output
    user = session.scalar(select(StaffUser))
    assert user.email == "sam.officer@council.example" and user.role is Role.COMPLAINTS_OFFICER
    assert user.totp_secret in result.output
    assert "otpauth://totp/" in result.output
    assert pyotp.TOTP(user.totp_secret).now()
    assert "a-long-enough-passphrase" not in user.password_hash


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (("x@council.example", "--role", "wizard"), "a-long-enough-passphrase", "unknown role"),
        (("x@council.example", "--role", "admin"), "short", "at least 12 characters"),
        (("not-an-email", "--role", "admin"), "a-long-enough-passphrase", "not an email address"),
        (("x@council.example", "--role", "admin"), "aaaaaaaaaaaaaaaa", "too easy to guess"),
    ],
)
def test_create_user_refuses_bad_input_with_a_clear_message_and_non_zero_exit(run, args, password, message):
    result = run(*args, password=password)
    assert result.exit_code != 0
    assert message in result.output


def test_create_user_refuses_a_duplicate_email(run):
    assert run("x@council.example", "--role", "admin").exit_code == 0
    result = run("X@council.example", "--role", "manager")
    assert result.exit_code != 0
    assert "already exists" in result.output


def test_create_user_requires_password_stdin(app):
    result = app.test_cli_runner().invoke(args=["create-user", "x@council.example", "--role", "admin"])
    assert result.exit_code != 0
