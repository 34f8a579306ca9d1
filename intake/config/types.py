"""Checking a value given in code (``create_app(overrides)``) has the type its setting declares.

Values from the environment are parsed into the right type; values given in code are not parsed, so a string
where a number belongs is refused here, naming the setting, as a malformed variable would be.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Any, Union, get_args, get_origin, get_type_hints

from intake.config.reader import ConfigError

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def fits(value: Any, hint: Any) -> bool:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(fits(value, arm) for arm in get_args(hint))
    if origin is tuple:
        args = get_args(hint)
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(fits(item, args[0]) for item in value)
        return len(value) == len(args) and all(fits(item, arm) for item, arm in zip(value, args, strict=True))
    if hint is type(None):
        return value is None
    if hint is int:  # True is an int to Python, never a count to us
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def check_types(settings: Any, overrides: Mapping[str, Any], where: Callable[[str], tuple[str | None, str]]) -> None:
    for key, value in overrides.items():
        owner, name = where(key)
        holder = getattr(settings, owner) if owner else settings
        hint = _hints(type(holder))[name]
        if not fits(value, hint):
            raise ConfigError(f"{key} must be {_describe(hint)}, got {value!r}")


def _describe(hint: Any) -> str:
    if isinstance(hint, type):
        return hint.__name__
    return str(hint).replace("typing.", "").replace("datetime.", "")
