"""Settings, read only from environment variables.

``load_settings(environ)`` turns an environment into one frozen, typed ``Settings`` (``settings.py``), grouped by
job, one module per group. Defaults are safe for production: anything unsafe to guess (the secret key) must be
given when ``APP_ENV`` is ``production``. Everything a council changes (timescales, teams, phone numbers) lives here
so that rules code never reads the environment itself. A bad value raises ``ConfigError`` naming the variable.
The running app keeps its settings where ``intake.settings.current_settings()`` finds them.
"""

from __future__ import annotations

from intake.config.council import DEFAULT_ADVOCACY_ORGANISATION, DEFAULT_TEAMS, Council, Recipients
from intake.config.mailbox import Mailbox
from intake.config.paths import PROJECT_ROOT
from intake.config.procedure import DEFAULT_REFUSAL_REASONS, Procedure
from intake.config.providers import EMAIL_BACKENDS, SMS_BACKENDS, Delivery, Notify, Smtp, Twilio
from intake.config.reader import ConfigError
from intake.config.security import Security
from intake.config.settings import FLASK_CONSTANTS, Settings, config_keys, load_settings
from intake.config.testing import TEST_SETTINGS, settings_for_tests

__all__ = [
    "DEFAULT_ADVOCACY_ORGANISATION",
    "DEFAULT_REFUSAL_REASONS",
    "DEFAULT_TEAMS",
    "EMAIL_BACKENDS",
    "FLASK_CONSTANTS",
    "PROJECT_ROOT",
    "SMS_BACKENDS",
    "TEST_SETTINGS",
    "ConfigError",
    "Council",
    "Delivery",
    "Mailbox",
    "Notify",
    "Procedure",
    "Recipients",
    "Security",
    "Settings",
    "Smtp",
    "Twilio",
    "config_keys",
    "load_settings",
    "settings_for_tests",
]
