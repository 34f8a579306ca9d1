"""Security settings: the __Host- session cookie and HSTS in production, keys for data at rest, proxies."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from intake import create_app
from intake.config import TEST_SETTINGS, ConfigError, load_settings

KEY = "8mE0j3Hcx1FsO2Rv5QyH0cW6v0n1tqvB4kq1Qm1mZ3Y="  # a fixed Fernet key (ids must match across workers)
PRODUCTION = {"APP_ENV": "production", "SECRET_KEY": "x" * 40, "DATA_ENCRYPTION_KEY": KEY}


def test_production_names_the_session_cookie_host_only_and_secure():
    s = load_settings(PRODUCTION)
    assert s["SESSION_COOKIE_NAME"] == "__Host-session" and s["SESSION_COOKIE_SECURE"] is True
    assert s.get("SESSION_COOKIE_DOMAIN") is None and s.get("SESSION_COOKIE_PATH", "/") == "/"


def test_development_over_plain_http_keeps_the_ordinary_cookie_name():
    assert load_settings({"APP_ENV": "development"})["SESSION_COOKIE_NAME"] == "session"


def test_a_host_cookie_without_secure_is_refused():
    with pytest.raises(ConfigError, match="SESSION_COOKIE_SECURE"):
        load_settings({**PRODUCTION, "SESSION_COOKIE_SECURE": "false", "SESSION_COOKIE_NAME": "__Host-session"})


def test_production_needs_a_data_encryption_key_and_says_so_after_the_secret_key():
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_settings({"APP_ENV": "production"})
    with pytest.raises(ConfigError, match="DATA_ENCRYPTION_KEY must be set"):
        load_settings({"APP_ENV": "production", "SECRET_KEY": "x" * 40})


@pytest.mark.parametrize("value", ["not-a-key", f"{KEY},short", ","], ids=["junk", "one good one bad", "empty"])
def test_a_malformed_encryption_key_is_named_without_echoing_it(value):
    with pytest.raises(ConfigError, match="DATA_ENCRYPTION_KEY") as raised:
        load_settings({**PRODUCTION, "DATA_ENCRYPTION_KEY": value})
    assert "not-a-key" not in str(raised.value)


def test_two_keys_are_accepted_for_rotation():
    assert load_settings({**PRODUCTION, "DATA_ENCRYPTION_KEY": f"{Fernet.generate_key().decode()},{KEY}"})


@pytest.mark.parametrize(
    ("name", "value"),
    [("RATELIMIT_PUBLIC_POSTS", "lots"), ("RATELIMIT_SIGN_IN", "5 per fortnight"), ("TRUSTED_PROXY_COUNT", "9")],
)
def test_bad_limits_and_proxy_counts_name_the_variable(name, value):
    with pytest.raises(ConfigError, match=name):
        load_settings({"APP_ENV": "development", name: value})


def test_rate_limits_are_kept_in_the_database_unless_told_otherwise():
    assert load_settings({"APP_ENV": "development"})["RATELIMIT_STORAGE_URI"] == "database://"


def _app(tmp_path, **overrides):
    return create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/s.db", **overrides})


def test_hsts_is_sent_when_the_public_address_is_https(tmp_path):
    response = _app(tmp_path).test_client().get("/accessibility")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_no_hsts_over_plain_http(tmp_path):
    response = _app(tmp_path, PUBLIC_BASE_URL="http://127.0.0.1:5000").test_client().get("/accessibility")
    assert "Strict-Transport-Security" not in response.headers


def test_behind_a_trusted_proxy_the_client_address_comes_from_x_forwarded_for(tmp_path):
    app = _app(tmp_path, TRUSTED_PROXY_COUNT=1)

    @app.get("/_address")
    def _address():
        from flask import request

        return request.remote_addr or ""

    seen = app.test_client().get(
        "/_address", headers={"X-Forwarded-For": "203.0.113.9"}, environ_base={"REMOTE_ADDR": "10.0.0.5"}
    )
    assert seen.get_data(as_text=True) == "203.0.113.9"


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(tmp_path):
    app = _app(tmp_path)

    @app.get("/_address")
    def _address():
        from flask import request

        return request.remote_addr or ""

    seen = app.test_client().get(
        "/_address", headers={"X-Forwarded-For": "203.0.113.9"}, environ_base={"REMOTE_ADDR": "10.0.0.5"}
    )
    assert seen.get_data(as_text=True) == "10.0.0.5"
