"""The WSGI entry point: ``gunicorn wsgi:app`` and ``flask --app wsgi ...``."""

from dotenv import load_dotenv

# `make run` keeps a generated SECRET_KEY and local settings in instance/.env.
load_dotenv("instance/.env")

from intake import create_app  # noqa: E402

app = create_app()
