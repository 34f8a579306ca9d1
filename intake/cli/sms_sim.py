"""``flask --app wsgi sms-sim``: try the SMS bot from a terminal, without Twilio.

Each line you type is sent as a Twilio-signed ``POST /sms/inbound``, through the
real webhook (signature check included), and the TwiML replies are printed. By
default it talks to this app in-process; ``--url`` sends real HTTP to a running
server instead. It signs with the settings the server reads too (``instance/.env`` and the environment: in
development the server's address follows ``PORT`` and, without Twilio, its webhook token comes from
``SECRET_KEY``), so a server started by ``make run`` accepts it as it is; when the two disagree, a 403 is
explained rather than shown bare.
"""

from __future__ import annotations

import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator

import click
from flask import current_app
from flask.cli import with_appcontext
from twilio.request_validator import RequestValidator

from intake.settings import current_settings

WEBHOOK_PATH = "/sms/inbound"


def replies_from_twiml(twiml: str) -> list[str]:
    try:
        root = ET.fromstring(twiml)
    except ET.ParseError:
        return []
    return [(m.text or "").strip() for m in root.iter("Message")]


def signed_params(token: str, url: str, sender: str, to: str, body: str) -> tuple[dict[str, str], str]:
    params = {
        "MessageSid": "SM" + secrets.token_hex(16),
        "AccountSid": current_settings().twilio.account_sid or "AC" + "0" * 32,
        "From": sender,
        "To": to,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
    }
    return params, RequestValidator(token).compute_signature(url, params)


@click.command("sms-sim")
@click.option("--from", "sender", default="+447700900123", show_default=True, help="The phone number texting in.")
@click.option("--to", default=None, help="Our number (default TWILIO_FROM_NUMBER).")
@click.option("--url", default=None, help="Send real HTTP to this webhook URL instead of calling the app in-process.")
@click.option("--auth-token", default=None, help="Token to sign with (default TWILIO_AUTH_TOKEN).")
@with_appcontext
def sms_sim(sender: str, to: str | None, url: str | None, auth_token: str | None) -> None:
    """Text the bot from this terminal. Type a message and press Enter; Ctrl-D to stop."""
    settings = current_settings()
    to = to or settings.twilio.from_number or "+447700900000"
    token = _signing_token(auth_token, url)
    sign_url = url or settings.public_base_url + WEBHOOK_PATH
    send = _sender(url)
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo(f"Texting as {sender}. Type a message and press Enter (Ctrl-D to stop).")
    for body in _lines(interactive):
        params, signature = signed_params(token, sign_url, sender, to, body)
        status, text = send(params, signature)
        if status == 403:
            click.echo(refused(sign_url, auth_token is not None))
            continue
        if status != 200:
            click.echo(f"! the webhook answered {status}: {text[:200]}")
            continue
        for reply in replies_from_twiml(text):
            click.echo(f"< {reply}")


def refused(signed_url: str, token_given: bool) -> str:
    """What a 403 means here, and what to do about it: the server checks the signature against its own settings."""
    token = "the token you passed (--auth-token)" if token_given else "TWILIO_AUTH_TOKEN from this environment"
    return (
        f"! the webhook answered 403: it did not accept the signature. This simulator signed {signed_url} with "
        f"{token}. The server checks texts against its own PUBLIC_BASE_URL and TWILIO_AUTH_TOKEN: run both from the "
        "same folder (each reads instance/.env, and in development the address follows PORT and the token comes "
        "from SECRET_KEY), or set the same values for both. Nothing needs restarting once they match."
    )


def _signing_token(auth_token: str | None, url: str | None) -> str:
    settings = current_settings()
    token = auth_token or settings.twilio.auth_token
    if token:
        return token
    if url or settings.production:
        raise click.ClickException("Set TWILIO_AUTH_TOKEN (or pass --auth-token) so requests can be signed.")
    # In-process only: a throw-away token for this run, so the real signature check still runs.
    token = secrets.token_hex(16)
    current_app.config["TWILIO_AUTH_TOKEN"] = token  # the app's typed settings follow (intake.settings)
    return token


def _sender(url: str | None) -> Callable[[dict[str, str], str], tuple[int, str]]:
    """Posts one signed webhook: to this app in-process, or over HTTP to ``url``."""
    if url:
        return lambda params, signature: _post(url, params, signature)
    client = current_app.test_client()

    def in_process(params: dict[str, str], signature: str) -> tuple[int, str]:
        response = client.post(WEBHOOK_PATH, data=params, headers={"X-Twilio-Signature": signature})
        return response.status_code, response.get_data(as_text=True)

    return in_process


def _lines(interactive: bool) -> Iterator[str]:
    """Each line typed (or piped in), echoed when piped so the transcript reads as a conversation."""
    while True:
        if interactive:
            click.echo("> ", nl=False)
        line = sys.stdin.readline()
        if not line:
            return
        body = line.rstrip("\n")
        if not interactive:
            click.echo(f"> {body}")
        yield body


def _post(url: str, params: dict[str, str], signature: str) -> tuple[int, str]:
    data = urllib.parse.urlencode(params).encode()
    request = urllib.request.Request(url, data=data, headers={"X-Twilio-Signature": signature}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except OSError as error:
        return 0, str(error)


commands = [sms_sim]
