"""Reading one environment variable at a time, and the error that names the one that is wrong."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import Field, field
from datetime import date, time
from typing import Any


class ConfigError(RuntimeError):
    """Raised at start-up when a setting is missing or malformed; always names the variable."""


def setting(env: str | None, key: str | None = None) -> Any:
    """A settings field, with the environment variable it is read from and its name in ``app.config``.

    ``key`` defaults to ``env``; a setting no variable sets (the languages we speak) has ``env=None``.
    """
    return field(metadata={"env": env, "key": key or env})


def env_name(f: Field[Any]) -> str | None:
    return f.metadata.get("env")


def config_key(f: Field[Any]) -> str:
    return f.metadata["key"]


class EnvReader:
    """Typed reads of an environment: a value that is there but wrong raises ``ConfigError`` naming it."""

    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ

    def optional(self, name: str, default: str | None = None) -> str | None:
        value = self.environ.get(name)
        return value if value not in (None, "") else default

    def text(self, name: str, default: str) -> str:
        """A string that always has a value: the default when the variable is unset or empty."""
        return self.optional(name) or default

    def number(self, name: str, default: int, lo: int, hi: int) -> int:
        raw = self.optional(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
        if not lo <= value <= hi:
            raise ConfigError(f"{name} must be between {lo} and {hi}, got {value}")
        return value

    def flag(self, name: str, default: bool) -> bool:
        raw = self.optional(name)
        if raw is None:
            return default
        if raw.lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.lower() in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"{name} must be true or false, got {raw!r}")

    def dates(self, name: str) -> tuple[date, ...]:
        raw = self.optional(name)
        if not raw:
            return ()
        try:
            return tuple(date.fromisoformat(p.strip()) for p in raw.split(",") if p.strip())
        except ValueError:
            raise ConfigError(f"{name} must be comma-separated YYYY-MM-DD dates, got {raw!r}") from None

    def time_of_day(self, name: str, default: str) -> time:
        raw = self.optional(name, default) or default
        try:
            return time.fromisoformat(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a time like 17:00, got {raw!r}") from None

    def span(self, name: str, default: str) -> tuple[time, time] | None:
        """Two times of day such as ``20:00-08:00`` (may cross midnight); set but empty turns it off."""
        raw = self.environ.get(name)
        raw = default if raw is None else raw.strip()
        if not raw:
            return None
        parts = re.split(r"\s*[-\u2013]\s*", raw)
        try:
            start, end = (time.fromisoformat(p) for p in parts)
        except ValueError:
            raise ConfigError(f"{name} must be two times like 20:00-08:00 (or empty for none), got {raw!r}") from None
        if start == end:
            raise ConfigError(f"{name} must start and end at different times, got {raw!r}")
        return start, end

    def lines(self, name: str, default: str, separator: str = ";") -> tuple[str, ...]:
        """A ``;``-separated list, blanks dropped (the default when unset or empty)."""
        return tuple(part.strip() for part in self.text(name, default).split(separator) if part.strip())
