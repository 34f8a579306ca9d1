"""Benchmark: whole conversations through the real app, counting safety interruptions and alerts.

    .venv/bin/python bench/conversations.py
    .venv/bin/python bench/conversations.py --conversations other.jsonl --sealed data/risk/risk_eval7_sealed.tsv
    .venv/bin/python bench/conversations.py --show     # also list every interruption, every missed disclosure
                                                       # and every alert level other than the writer's

Each conversation (one JSON object per line: ``id, lang, channel, label, level, turns{...}, extra[]``) is
played through the app in this process: a Flask test client, a temporary SQLite database and the test
settings. SMS goes through the signed ``/sms/inbound`` webhook (signed with Twilio's ``RequestValidator``),
web chat through ``/chat/messages``. The bench drives the app black-box: after each message it reads
which question the bot is at from the stored ``Conversation.state["step"]`` and sends the conversation's
answer for that step (the story a message at a time, then its end; ``extra`` messages straight after the
opening). A step with no answer in the conversation gets a neutral one (SKIP, NO, YES or 1), counted.

Prints, from one command:

- ordinary conversations, safety interruptions per ordinary conversation (replies that contain the
  safety reply, in any of its forms and the conversation's language) and alerts per ordinary conversation
  (``SafeguardingAlert`` rows) - goal 0 interruptions;
- disclosure conversations caught (an alert raised) and missed, and the alert level against the level
  the writer gave;
- recall and false alarms of the risk screen on the sealed message sets (``--sealed``, repeatable;
  TSV with ``text`` and ``label`` RISK/OK columns, and ``lang`` if there is one).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["APP_ENV"] = "test"  # the test settings, before the app reads them

from flask_babel import force_locale  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from twilio.request_validator import RequestValidator  # noqa: E402

from intake import create_app  # noqa: E402
from intake.config import TEST_SETTINGS  # noqa: E402
from intake.domain import risk  # noqa: E402
from intake.extensions import db  # noqa: E402
from intake.models import Conversation, SafeguardingAlert  # noqa: E402

DEFAULT_CONVERSATIONS = ROOT / "data" / "risk" / "conversations_dev.jsonl"
DEFAULT_SEALED = [ROOT / "data" / "risk" / "risk_eval7_sealed.tsv"]
MAX_MESSAGES = 40  # a conversation that has not finished by then is counted as stuck
# What a person says at a step the conversation has no answer for: neutral, never a disclosure.
NEUTRAL = {
    "language": "1",
    "kind": "1",
    "about": "1",
    "role": "6",
    "remedy": "skip",
    "service": "skip",
    "advocate": "no",
    "safe": "no",
    "contact": "skip",
    "avoid": "no",
    "confirm": "yes",
}
# The safety replies' msgids (intake/domain/conversation/words.py: the full reply in and out of office hours, and the
# short one for a second disclosure). Each tells them to call 999: a reply that contains one is an interruption.
SAFETY_MSGIDS = (
    "Thank you for telling us. If you're in danger now, call 999. Childline is free any time: 0800 1111. "
    "Rights officer: %(phone)s.",
    "If you're in danger now, call 999. Our out-of-hours team is there now: %(phone)s. "
    "Childline is free any time: 0800 1111.",
    "Thank you for telling us. We have added this for the person who reads it. "
    "Childline: 0800 1111. Danger now? Call 999.",
)


@dataclass
class Outcome:
    conversation: dict
    interruptions: list[tuple[str, str]] = field(default_factory=list)  # (step, message) that got the reply
    alerts: int = 0
    levels: list[str] = field(default_factory=list)
    messages: int = 0
    neutral_answers: int = 0
    finished: bool = False
    said: set[str] = field(default_factory=set)  # the turns of the conversation that were sent as written

    @property
    def disclosure_said(self) -> bool:
        """Whether the disclosing turn was ever sent: a question the bot never asks (in web chat "anything to
        avoid?" comes only after a way to reach them) cannot be answered, so its disclosure is never said."""
        step = self.conversation.get("disclosure_step")
        return step in (None, "opening", "extra", "story") or step in self.said


def _phone_setting(msgid: str) -> str:
    return "OUT_OF_HOURS_PHONE" if "out-of-hours" in msgid else "RIGHTS_OFFICER_PHONE"


def safety_markers(app) -> dict[str, tuple[str, ...]]:
    """The safety replies in each language, as the app's catalogues translate them, with the app's numbers."""
    from flask_babel import gettext

    markers = {}
    with app.test_request_context():
        for lang in app.config["LANGUAGES"]:
            with force_locale(lang):
                markers[lang] = tuple(
                    gettext(msgid, phone=app.config[_phone_setting(msgid)]) for msgid in SAFETY_MSGIDS
                )
    return markers


class Player:
    """Plays conversations through one app, one at a time."""

    def __init__(self, app):
        self.app = app
        self.markers = safety_markers(app)
        self.token = app.config["TWILIO_AUTH_TOKEN"]
        self.url = app.config["PUBLIC_BASE_URL"].rstrip("/") + "/sms/inbound"
        self.sent = 0

    def play(self, conversation: dict) -> Outcome:
        outcome = Outcome(conversation)
        client = self.app.test_client()
        self.sent += 1
        phone = f"+44770{self.sent:07d}"
        alerts_before = self._alerts()
        answers = Answers(conversation)
        for text, step in answers.opening():
            self._say(client, conversation, phone, text, step, outcome)
        while outcome.messages < MAX_MESSAGES:
            step = self._step()
            if step in (None, "done"):
                outcome.finished = step == "done"
                break
            text, neutral = answers.for_step(step, conversation["channel"])
            outcome.neutral_answers += neutral
            if not neutral:
                outcome.said.add(step)
            self._say(client, conversation, phone, text, step, outcome)
        levels = self._levels_since(alerts_before)
        outcome.alerts, outcome.levels = len(levels), levels
        return outcome

    def _say(self, client, conversation: dict, phone: str, text: str, step: str, outcome: Outcome) -> None:
        if conversation["channel"] == "sms":
            replies = self._sms(client, phone, text)
        else:
            replies = self._chat(client, conversation["lang"], text)
        outcome.messages += 1
        markers = self.markers.get(conversation["lang"], self.markers["en"])
        if any(marker in reply for reply in replies for marker in markers):
            outcome.interruptions.append((step, text))

    def _sms(self, client, phone: str, text: str) -> list[str]:
        data = {
            "MessageSid": "SM" + secrets.token_hex(16),
            "AccountSid": self.app.config["TWILIO_ACCOUNT_SID"],
            "From": phone,
            "To": self.app.config["TWILIO_FROM_NUMBER"],
            "Body": text,
            "NumMedia": "0",
        }
        signature = RequestValidator(self.token).compute_signature(self.url, data)
        response = client.post("/sms/inbound", data=data, headers={"X-Twilio-Signature": signature})
        if response.status_code != 200:
            raise RuntimeError(f"/sms/inbound answered {response.status_code} to {text!r}")
        return [message.text or "" for message in ET.fromstring(response.get_data()).iter("Message")]

    def _chat(self, client, lang: str, text: str) -> list[str]:
        response = client.post(f"/chat/messages?lang={lang}", json={"message": text})
        if response.status_code != 200:
            raise RuntimeError(f"/chat/messages answered {response.status_code} to {text!r}")
        return list(response.get_json()["replies"])

    def _step(self) -> str | None:
        """Which question the bot is at: the state of the conversation that changed last."""
        with self.app.app_context():
            latest = db.session.scalar(
                select(Conversation).order_by(Conversation.updated_at.desc(), Conversation.id.desc()).limit(1)
            )
            return None if latest is None else (latest.state or {}).get("step")

    def _alerts(self) -> int:
        with self.app.app_context():
            return db.session.scalar(select(func.max(SafeguardingAlert.id))) or 0

    def _levels_since(self, last_id: int) -> list[str]:
        with self.app.app_context():
            alerts = db.session.scalars(select(SafeguardingAlert).where(SafeguardingAlert.id > last_id))
            return [getattr(alert.level, "value", str(alert.level)) for alert in alerts]


class Answers:
    """The conversation's answer for each step the bot asks, the story one message at a time."""

    def __init__(self, conversation: dict):
        self.turns = conversation["turns"]
        self.extra = list(conversation.get("extra") or [])
        self.story = list(self.turns.get("story") or [])
        self.told = 0
        self.asked: Counter[str] = Counter()

    def opening(self) -> list[tuple[str, str]]:
        return [(self.turns["opening"], "opening"), *((text, "extra") for text in self.extra)]

    def for_step(self, step: str, channel: str) -> tuple[str, bool]:
        """(what to send, whether it is a neutral stand-in rather than the conversation's own answer)."""
        if step == "story":
            if self.told < len(self.story):
                self.told += 1
                return self.story[self.told - 1], False
            self.asked[step] += 1
            return (self.turns.get("story_end") or "done") if self.asked[step] < 3 else "done", self.asked[step] >= 3
        self.asked[step] += 1
        answer = self.turns.get(step)
        if step == "contact" and answer is None and channel != "sms":
            answer = self.turns.get("safe")  # on chat there is no "text this number?" question
        if answer is None or self.asked[step] > 2:  # not understood twice: answer as anyone would
            return NEUTRAL.get(step, "skip"), True
        return answer, False


def make_app(folder: str):
    settings = {
        **TEST_SETTINGS,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/conversations.db",
        "RATELIMIT_ENABLED": False,
        "WTF_CSRF_ENABLED": False,
    }
    app = create_app(settings)
    with app.app_context():
        db.create_all()
    return app


def load_sealed(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _is_risk_label(label: str) -> bool:
    return label.strip().lower() in ("risk", "1", "true", "yes", "disclosure")


def sealed_figures(path: Path) -> str:
    rows = load_sealed(path)
    by_lang: dict[str, list[int]] = {}
    for row in rows:
        counts = by_lang.setdefault(row.get("lang") or "all", [0, 0, 0, 0])  # caught, risky, alarms, ordinary
        flagged = risk.screen(row["text"]).is_risk
        if _is_risk_label(row["label"]):
            counts[0] += flagged
            counts[1] += 1
        else:
            counts[2] += flagged
            counts[3] += 1
    total = [sum(c[i] for c in by_lang.values()) for i in range(4)]
    parts = [f"recall {_rate(total[0], total[1])}, false alarms {_rate(total[2], total[3])}"]
    if len(by_lang) > 1:
        parts += [f"{lang} {_rate(c[0], c[1], 2)} / {_rate(c[2], c[3], 2)}" for lang, c in sorted(by_lang.items())]
    return "; ".join(parts)


def _rate(part: int, whole: int, places: int = 3) -> str:
    return f"{part / whole:.{places}f} ({part}/{whole})" if whole else "n/a"


def report(outcomes: list[Outcome], show: bool) -> None:
    ordinary = [o for o in outcomes if o.conversation["label"] == "ordinary"]
    disclosure = [o for o in outcomes if o.conversation["label"] == "disclosure"]
    interrupted = [o for o in ordinary if o.interruptions]
    alerted = [o for o in ordinary if o.alerts]
    print(f"Ordinary conversations: {len(ordinary)} (goal: 0 interruptions)")
    if ordinary:
        interruptions = sum(len(o.interruptions) for o in ordinary)
        alerts = sum(o.alerts for o in ordinary)
        print(
            f"  safety interruptions: {interruptions} in {len(interrupted)} conversations, "
            f"{interruptions / len(ordinary):.3f} per ordinary conversation"
        )
        print(
            f"  alerts: {alerts} in {len(alerted)} conversations, {alerts / len(ordinary):.3f} per ordinary conversation"
        )
        for lang in sorted({o.conversation["lang"] for o in ordinary}):
            group = [o for o in ordinary if o.conversation["lang"] == lang]
            print(
                f"    {lang}: {len(group)} conversations, interrupted {sum(bool(o.interruptions) for o in group)}, "
                f"alerted {sum(bool(o.alerts) for o in group)}"
            )
    unsaid = [o for o in disclosure if not o.disclosure_said and not o.alerts]
    disclosure = [o for o in disclosure if o not in unsaid]
    caught = [o for o in disclosure if o.alerts]
    print(
        f"Disclosure conversations: {len(disclosure)}; caught (an alert raised) {len(caught)}, missed {len(disclosure) - len(caught)}"
        + (f"; {len(unsaid)} more never said (the question it answers was not asked)" if unsaid else "")
    )
    immediate = [o for o in caught if o.conversation.get("level") == "immediate"]
    if immediate:
        print(
            f"  written as immediate danger: {len(immediate)}; alert level immediate: {sum('immediate' in o.levels for o in immediate)}"
        )
    concern = [o for o in caught if o.conversation.get("level") == "concern"]
    if concern:
        print(
            f"  written as a concern: {len(concern)}; alert level immediate: {sum('immediate' in o.levels for o in concern)}"
        )
    finished = sum(o.finished for o in outcomes)
    neutral = sum(o.neutral_answers for o in outcomes)
    print(f"Conversations that reached the end: {finished}/{len(outcomes)}; neutral stand-in answers sent: {neutral}")
    if show:
        show_details(interrupted, disclosure)
        for o in unsaid:
            print(f"  NEVER SAID {o.conversation['id']}: the bot never asked {o.conversation['disclosure_step']!r}")


def show_details(interrupted: list[Outcome], disclosure: list[Outcome]) -> None:
    """Each interruption, each missed disclosure, and each caught one whose alert level is not the writer's."""
    for o in interrupted:
        for step, text in o.interruptions:
            print(f"  INTERRUPTED {o.conversation['id']} at {step}: {text!r} -> {risk.screen(text).reason}")
    for o in disclosure:
        step = o.conversation.get("disclosure_step")
        said = o.conversation["turns"].get(step) if step else None
        if not o.alerts:
            print(f"  MISSED {o.conversation['id']} at {step}: {said!r}")
            continue
        written = o.conversation.get("level")
        got = "immediate" if "immediate" in o.levels else "concern"
        if written in ("immediate", "concern") and got != written:
            print(f"  LEVEL {o.conversation['id']} written {written}, alert {got}, at {step}: {said!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=Path, default=DEFAULT_CONVERSATIONS)
    parser.add_argument("--sealed", type=Path, action="append", help="a sealed message set (repeatable)")
    parser.add_argument(
        "--show",
        action="store_true",
        help="list each interruption, each missed disclosure and each level other than the writer's",
    )
    args = parser.parse_args()
    conversations = [json.loads(line) for line in args.conversations.read_text(encoding="utf-8").splitlines() if line]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        player = Player(make_app(folder))
        outcomes = [player.play(conversation) for conversation in conversations]
    print(
        f"{len(conversations)} conversations from {args.conversations.name}, played in {time.perf_counter() - started:.0f} s"
    )
    report(outcomes, args.show)
    for path in args.sealed or DEFAULT_SEALED:
        print(f"Sealed message set {path.name}: {sealed_figures(path)}")


if __name__ == "__main__":
    main()
