"""The WSGI entry point: ``gunicorn wsgi:app`` and ``flask --app wsgi ...``."""

import sys

from dotenv import load_dotenv

# `make run` keeps a generated SECRET_KEY and local settings in instance/.env.
load_dotenv("instance/.env")

from intake import create_app  # noqa: E402
from intake.config import ConfigError  # noqa: E402

try:
    app = create_app()
except ConfigError as error:
    # A setting is wrong: say which, in one line, instead of a stack trace (the README lists every setting).
    sys.exit(f"Have Your Say cannot start: {error}. See the settings table in README.md.")
