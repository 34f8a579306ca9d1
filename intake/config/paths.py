"""Where the project lives: templates, translations, migrations and ``instance/`` are found from here."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
