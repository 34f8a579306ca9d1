"""The settings object: frozen, typed, the same settings the README lists, overrides checked like the environment,
and our code reading attributes rather than ``app.config`` keys."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path
from typing import Any, get_type_hints

import pytest

from intake import create_app
from intake.config import TEST_SETTINGS, ConfigError, Settings, config_keys, load_settings
from intake.config.types import fits

ROOT = Path(__file__).resolve().parent.parent
INTAKE = ROOT / "intake"
# In the README's table, but read by the test suite, never by the app.
TESTS_ONLY = {"TEST_DATABASE_URL"}
PRODUCTION = {"APP_ENV": "production", "SECRET_KEY": "x" * 40, "DATA_ENCRYPTION_KEY": "0" * 43 + "="}


def _groups(settings: Settings) -> list[Any]:
    return [getattr(settings, f.name) for f in dataclasses.fields(settings) if "group" in f.metadata]


def _every_field(cls: type) -> list[dataclasses.Field]:
    found = []
    for f in dataclasses.fields(cls):
        found += _every_field(f.metadata["group"]) if "group" in f.metadata else [f]
    return found


def _readme_names() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first_column = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_column))
    return names


def test_the_settings_and_each_group_are_frozen_and_keep_no_stray_attributes():
    settings = load_settings({"APP_ENV": "test"})
    for holder in [settings, *_groups(settings)]:
        with pytest.raises(dataclasses.FrozenInstanceError):
            holder.__setattr__(dataclasses.fields(holder)[0].name, None)
        assert not hasattr(holder, "__dict__"), f"{type(holder).__name__} should use slots"


@pytest.mark.parametrize("environ", [{"APP_ENV": "test"}, PRODUCTION], ids=["test", "production"])
def test_every_setting_has_a_declared_type_and_its_value_has_that_type(environ):
    settings = load_settings(environ)
    for holder in [settings, *_groups(settings)]:
        hints = get_type_hints(type(holder))
        for f in dataclasses.fields(holder):
            assert hints[f.name] is not Any, f"{f.name} has no real type"
            value = getattr(holder, f.name)
            assert fits(value, hints[f.name]), f"{type(holder).__name__}.{f.name} = {value!r} is not {hints[f.name]}"


def test_every_setting_in_the_readme_table_is_in_the_object_and_every_variable_it_reads_is_in_the_table():
    variables = {f.metadata["env"] for f in _every_field(Settings) if f.metadata["env"]}
    listed = _readme_names() - TESTS_ONLY
    assert sorted(listed - variables) == [], "in the README's table but not read into the settings"
    assert sorted(variables - listed) == [], "read into the settings but missing from the README's table"


def test_each_setting_answers_to_one_app_config_name():
    keys = [f.metadata["key"] for f in _every_field(Settings)]
    assert len(keys) == len(set(keys)) == len(config_keys())
    settings = load_settings({"APP_ENV": "test"})
    assert settings["SMTP_PORT"] == settings.smtp.port == 587
    assert settings["PERMANENT_SESSION_LIFETIME"] == settings.security.session_seconds == 3600


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SMTP_PORT": "twenty-five"}, "SMTP_PORT must be int"),
        ({"QUIET_HOURS": "20:00-08:00"}, "QUIET_HOURS must be tuple"),
        ({"STATUTORY_ACK_DAYS": True}, "STATUTORY_ACK_DAYS must be int"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is too short"),
        ({"PUBLIC_BASE_URL": "hys.example"}, "PUBLIC_BASE_URL must start with http"),
        ({"SMS_BACKEND": "carrier-pigeon"}, "SMS_BACKEND must be one of"),
        ({"IMAP_HOST": "imap.council.example"}, "IMAP_USERNAME and IMAP_PASSWORD must be set"),
        ({"RATELIMIT_SIGN_IN": "5 per fortnight"}, "RATELIMIT_SIGN_IN must be limits"),
        ({"NOT_A_SETTING": 1}, "NOT_A_SETTING is not one of our settings"),
    ],
)
def test_overrides_in_code_are_checked_like_the_environment(overrides, message):
    with pytest.raises(ConfigError, match=message):
        load_settings({"APP_ENV": "test"}).replaced(overrides)


def test_the_app_factory_checks_its_overrides_and_keeps_what_is_flasks_for_flask(tmp_path):
    base = {**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/s.db"}
    with pytest.raises(ConfigError, match="NOTIFY_CALLBACK_TOKEN is too short"):
        create_app({**base, "NOTIFY_CALLBACK_TOKEN": "short"})
    app = create_app({**base, "MAX_FREE_TEXT": 800, "WTF_CSRF_ENABLED": False})
    with app.app_context():
        from intake.settings import current_settings

        assert current_settings().max_free_text == app.config["MAX_FREE_TEXT"] == 800
        assert current_settings().database_url == base["SQLALCHEMY_DATABASE_URI"]
    assert app.config["WTF_CSRF_ENABLED"] is False and app.config["BABEL_DEFAULT_TIMEZONE"] == "Europe/London"


def test_changing_one_of_our_keys_in_app_config_gives_the_app_new_typed_settings(app):
    from intake.settings import settings_of

    before = settings_of(app)
    app.config["RIGHTS_OFFICER_MOBILE"] = "+447700900999"
    try:
        after = settings_of(app)
        assert after.recipients.rights_officer_mobile == "+447700900999" and after is not before
        assert before.recipients.rights_officer_mobile is None  # the old object never changes
    finally:
        app.config["RIGHTS_OFFICER_MOBILE"] = None


def _string_key_reads(path: Path) -> list[str]:
    """``x.config["KEY"]`` or ``x.config.get("KEY")`` for one of our settings."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        target, key = None, None
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.ctx, ast.Load):
            target, key = node.value, node.slice.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            target, key = node.func.value, node.args[0].value
        if isinstance(target, ast.Attribute) and target.attr == "config" and key in config_keys():
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {key}")
    return found


def test_our_code_reads_settings_as_attributes_not_app_config_keys():
    outside = [p for p in sorted(INTAKE.rglob("*.py")) if INTAKE / "config" not in p.parents]
    reads = [site for p in outside if p != INTAKE / "settings.py" for site in _string_key_reads(p)]
    assert reads == []
