"""`flask --app wsgi db upgrade` builds exactly the schema the models describe, and is idempotent."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from intake.extensions import db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def empty_database_url(tmp_path):
    """A brand-new database: a SQLite file, or a fresh PostgreSQL database beside the test one."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'migrated.db'}"
        return
    url = make_url(base)
    name = f"hys_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def flask_db_upgrade(url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "APP_ENV": "development", "SECRET_KEY": "migration-test-secret-key", "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_db_upgrade_creates_the_schema_the_models_describe_and_running_it_again_changes_nothing(empty_database_url):
    first = flask_db_upgrade(empty_database_url)
    assert first.returncode == 0, first.stderr
    second = flask_db_upgrade(empty_database_url)
    assert second.returncode == 0, second.stderr

    engine = create_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
    finally:
        engine.dispose()
    assert differences == [], f"models and migrations differ; run `flask --app wsgi db migrate`: {differences}"
