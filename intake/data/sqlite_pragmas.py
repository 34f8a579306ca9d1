"""The settings every SQLite connection starts with: WAL, a busy timeout, foreign keys, and fewer fsyncs."""

from __future__ import annotations

import sqlite3

BUSY_TIMEOUT_MS = 5000

PRAGMAS = (
    "PRAGMA journal_mode=WAL",  # readers never wait for the writer, so the web app and the worker share the file
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",  # safe in WAL mode: a power cut can lose the last commit, never corrupt the file
)


def set_pragmas(connection: sqlite3.Connection) -> None:
    cursor = connection.cursor()
    try:
        for pragma in PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()
