"""``flask --app wsgi <command>``: one module per group of commands."""

from __future__ import annotations

import importlib

from flask import Flask

# Each module exposes ``commands``: a list of click commands.
_MODULES = (
    "intake.cli.users",
    "intake.cli.setup",
    "intake.cli.risk",
    "intake.cli.casework",
    "intake.cli.records",
    "intake.cli.delivery",
    "intake.cli.sms_sim",
    "intake.cli.mailbox",
    "intake.cli.working_days",
)


def register_commands(app: Flask) -> None:
    for name in _MODULES:
        module = importlib.import_module(name)
        for command in module.commands:
            app.cli.add_command(command)
