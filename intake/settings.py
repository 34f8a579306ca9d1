"""Where the running app keeps its settings, and the one way our code reads them: ``current_settings()``.

``create_app`` builds one ``Settings`` and installs it with ``install``. ``app.config`` becomes a
``SettingsConfig``: it holds every key Flask and its extensions read (ours among them, under their names), and
the typed object. Setting one of our keys in ``app.config`` (a test's ``monkeypatch.setitem``) makes a new
typed object with that value, so the two never disagree. Attribute reads on ``app.config`` fall through to
the typed object, so code handed ``app.config`` where settings are expected reads the same values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Config, Flask, current_app

from intake.config import Settings, config_keys


class SettingsConfig(Config):
    settings: Settings

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self._follow({key: value})

    def update(self, *args: Any, **kwargs: Any) -> None:
        values = dict(*args, **kwargs)
        super().update(values)
        self._follow(values)

    def _follow(self, values: Mapping[str, Any]) -> None:
        ours = {k: v for k, v in values.items() if k in config_keys()}
        if ours and "settings" in self.__dict__:
            self.settings = self.settings.with_values(ours)

    def __getattr__(self, name: str) -> Any:
        if name == "settings":
            raise AttributeError(name)
        return getattr(self.settings, name)


def install(app: Flask, settings: Settings, overrides: Mapping[str, Any] | None = None) -> Settings:
    """Make ``app.config`` a ``SettingsConfig`` holding ``settings`` with ``overrides`` applied.

    Overrides of our own settings are validated like the environment; any other key (``TESTING``) goes to Flask.
    """
    overrides = dict(overrides or {})
    ours = {k: v for k, v in overrides.items() if k in config_keys()}
    settings = settings.replaced(ours) if ours else settings
    config = SettingsConfig(app.config.root_path, app.config)
    dict.update(config, settings.flask_config())
    dict.update(config, {k: v for k, v in overrides.items() if k not in ours})
    config.settings = settings
    app.config = config
    return settings


def settings_of(app: Flask) -> Settings:
    """The settings ``install`` gave ``app``."""
    config = app.config
    assert isinstance(config, SettingsConfig), "create_app installs the settings"
    return config.settings


def current_settings() -> Settings:
    """The running app's settings (inside an app or request context)."""
    return settings_of(current_app)
