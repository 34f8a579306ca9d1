"""Personas: scripted young people text the real app, and we count what it cost them.

    .venv/bin/python bench/personas.py            # every persona, SMS and web chat
    .venv/bin/python bench/personas.py --show     # also print each conversation

Each persona is a young person with their own way of texting, in English, Polish or Arabic: one who tells the
whole story in the first message (story-first), one who starts with "hi" and follows the menus (menu-first), one
who changes their mind half way (starts a complaint, says START AGAIN, then says thank you instead), and one who
writes in text-speak. They talk to the app in this process through the signed ``/sms/inbound`` webhook (or
``/chat/messages``), black-box: after each message the persona reads which question the bot is at from the stored
``Conversation.state["step"]`` and answers it from their script. A question the script has no answer for is
answered neutrally and counted as unexpected.

Printed for each: the texts the young person sent from the first message to the reference, against the goal
(story-first <= 8, menu-first <= 10, text-speaker as story-first); the most SMS segments any reply took (goal <= 2);
for English, the Flesch-Kincaid grade (textstat) over all the replies (goal <= 5) and the hardest single reply; in
every language, any word from the words-to-avoid list.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["APP_ENV"] = "test"  # the test settings, before the app reads them

import textstat  # noqa: E402
from sqlalchemy import select  # noqa: E402
from twilio.request_validator import RequestValidator  # noqa: E402

from intake import create_app  # noqa: E402
from intake.config import TEST_SETTINGS  # noqa: E402
from intake.domain.conversation.plain_words import hard_words  # noqa: E402
from intake.domain.sms_text import segments  # noqa: E402
from intake.extensions import db  # noqa: E402
from intake.models import Conversation, Representation  # noqa: E402

MAX_TEXTS = 30
GOALS = {"story-first": 8, "menu-first": 10, "text-speaker": 8, "mind-changer": None}
GRADE_GOAL, SEGMENT_GOAL = 5.0, 2
NEUTRAL = {"language": "1", "kind": "1", "about": "1", "role": "6", "advocate": "no", "safe": "yes", "avoid": "no"}
# On web chat, "how can we reply?" asks for an email address or phone number: each persona gives none.
CHAT_CONTACT = {"en": "skip", "pl": "pomiń", "ar": "تخطي"}
DIRECTION_MARKS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f"))


@dataclass
class Persona:
    name: str
    style: str  # story-first, menu-first, mind-changer, text-speaker
    lang: str
    opening: list[str]  # what they send before answering any question
    answers: dict[str, list[str]]  # per step, in order (the story: one message each, then its end)

    @property
    def goal(self) -> int | None:
        return GOALS[self.style]


def _p(name, style, lang, opening, **answers) -> Persona:
    return Persona(name, style, lang, opening, {k: v if isinstance(v, list) else [v] for k, v in answers.items()})


PERSONAS = [
    # English
    _p(
        "Jade, 14, in foster care",
        "story-first",
        "en",
        ["hi i wanna complain my social worker never rings me back n i missed contact with my mum"],
        story=["no thats it"],
        remedy="a worker who actually calls back",
        advocate="yes",
        safe="yes",
        avoid="no",
        confirm="yes",
    ),
    _p(
        "Sam, 12",
        "menu-first",
        "en",
        ["hi"],
        language="1",
        kind="1",
        story=["my foster carer wont let me see my friends after school", "done"],
        remedy="to see my friends on fridays",
        service="skip",
        advocate="no",
        safe="yes",
        avoid="no",
        confirm="yes",
    ),
    _p(
        "Ellie, 15, changes her mind",
        "mind-changer",
        "en",
        ["hi"],
        language="1",
        kind=["1", "2"],
        story=["my pa is always late", "start again", "yes", "my pa helped me get my flat", "done"],
        confirm="yes",
        service="skip",
        safe="yes",
        avoid="no",
        about="me",
    ),
    _p(
        "Tyler, 16, texts fast",
        "text-speaker",
        "en",
        ["hiya wanna complain bout my sw she neva calls bk n i ent seen my bro in 3 wks"],
        story=["nah thats it"],
        remedy="idk just want her 2 ring me",
        advocate="nah",
        safe="ye",
        avoid="nah",
        confirm="ye",
    ),
    # Polish
    _p(
        "Kasia, 13",
        "story-first",
        "pl",
        ["czesc chce zlozyc skarge moj opiekun nigdy nie oddzwania i nie widzialam mamy od miesiaca"],
        story=["to wszystko"],
        remedy="chce zeby ktos do mnie dzwonil",
        advocate="tak",
        safe="tak",
        avoid="nie",
        confirm="tak",
    ),
    _p(
        "Bartek, 11",
        "menu-first",
        "pl",
        ["hej"],
        language="2",
        kind="1",
        story=["w domu dziecka nikt mnie nie slucha", "gotowe"],
        remedy="zeby mnie sluchali",
        service="pomiń",
        advocate="nie",
        safe="tak",
        avoid="nie",
        confirm="tak",
    ),
    _p(
        "Ola, 16, changes her mind",
        "mind-changer",
        "pl",
        ["hej"],
        language="2",
        kind=["1", "2"],
        story=["moja opiekunka sie spoznia", "od nowa", "tak", "opiekunka pomogla mi z mieszkaniem", "gotowe"],
        confirm="tak",
        service="pomiń",
        safe="tak",
        avoid="nie",
        about="o mnie",
    ),
    _p(
        "Kuba, 15, texts fast",
        "text-speaker",
        "pl",
        ["siema chce sie poskarzyc moj sw nigdy nie odpisuje nawet jak pisze 5 razy"],
        story=["nic wiecej"],
        remedy="zeby odpisywal",
        advocate="nie",
        safe="ok",
        avoid="nie",
        confirm="ok",
    ),
    # Arabic
    _p(
        "Amira, 14",
        "story-first",
        "ar",
        ["مرحبا بدي اشتكي الاخصائية الاجتماعية ما بترد على اتصالاتي وما شفت اخوي من شهر"],
        story=["بس هيك"],
        remedy="بدي حدا يرد علي",
        advocate="نعم",
        safe="نعم",
        avoid="لا",
        confirm="نعم",
    ),
    _p(
        "Omar, 12",
        "menu-first",
        "ar",
        ["hi"],
        language="3",
        kind="1",
        story=["الموظفين بالدار ما بيسمعوني", "تم"],
        about="عني",
        remedy="يسمعوني",
        service="تخطي",
        advocate="لا",
        safe="نعم",
        avoid="لا",
        confirm="نعم",
    ),
    _p(
        "Lina, 15, changes her mind",
        "mind-changer",
        "ar",
        ["hi"],
        language="3",
        kind=["1", "2"],
        story=["المشرفة دايما متاخرة", "من جديد", "نعم", "المشرفة ساعدتني القى شقة", "تم"],
        confirm="نعم",
        service="تخطي",
        safe="نعم",
        avoid="لا",
        about="عني",
    ),
    _p(
        "Yousef, 16, writes Arabizi",
        "text-speaker",
        "ar",
        ["salam ana bdi ashtki el social worker ma byrod 3alaya abadan"],
        story=["khalas"],
        remedy="bdi 7ada yrod 3alaya",
        advocate="la",
        safe="ah",
        avoid="la",
        confirm="ah",
        about="عني",
    ),
]


@dataclass
class Run:
    persona: Persona
    channel: str
    texts: int = 0
    replies: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    reference: str | None = None
    transcript: list[str] = field(default_factory=list)


class Talker:
    def __init__(self, app):
        self.app = app
        self.token = app.config["TWILIO_AUTH_TOKEN"]
        self.url = app.config["PUBLIC_BASE_URL"].rstrip("/") + "/sms/inbound"
        self.n = 0

    def play(self, persona: Persona, channel: str) -> Run:
        run = Run(persona, channel)
        client = self.app.test_client()
        self.n += 1
        phone = f"+44770{self.n:07d}"
        queues = {step: deque(lines) for step, lines in persona.answers.items()}
        queues.setdefault("contact", deque([CHAT_CONTACT[persona.lang]]))
        if channel == "webchat":  # the chat page greets them before they type; then they start as they would
            client.get(f"/chat?lang={persona.lang}")
        for line in persona.opening:
            self._say(client, run, phone, line)
        while run.texts < MAX_TEXTS and run.reference is None:
            step = self._step()
            if step in (None, "done"):
                break
            if queues.get(step):
                line = queues[step].popleft()
            else:
                line = NEUTRAL.get(step, "skip")
                run.unexpected.append(step)
            self._say(client, run, phone, line)
        return run

    def _say(self, client, run: Run, phone: str, text: str) -> None:
        replies = self._sms(client, phone, text) if run.channel == "sms" else self._chat(client, run, text)
        run.texts += 1
        run.replies += replies
        run.transcript += [f"  > {text}", *(f"  < {r}" for r in replies)]
        reference = self._reference()
        if reference and any(reference in r.translate(DIRECTION_MARKS) for r in replies):
            run.reference = reference

    def _sms(self, client, phone: str, text: str) -> list[str]:
        data = {"MessageSid": "SM" + secrets.token_hex(16), "From": phone, "Body": text, "NumMedia": "0"}
        signature = RequestValidator(self.token).compute_signature(self.url, data)
        response = client.post("/sms/inbound", data=data, headers={"X-Twilio-Signature": signature})
        return [m.text or "" for m in ET.fromstring(response.get_data()).iter("Message")]

    def _chat(self, client, run: Run, text: str) -> list[str]:
        response = client.post(f"/chat/messages?lang={run.persona.lang}", json={"message": text})
        return list(response.get_json()["replies"])

    def _step(self) -> str | None:
        with self.app.app_context():
            latest = db.session.scalar(
                select(Conversation).order_by(Conversation.updated_at.desc(), Conversation.id.desc()).limit(1)
            )
            return None if latest is None else (latest.state or {}).get("step")

    def _reference(self) -> str | None:
        with self.app.app_context():
            return db.session.scalar(select(Representation.reference).order_by(Representation.id.desc()).limit(1))


def make_app(folder: str):
    settings = {
        **TEST_SETTINGS,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/personas.db",
        "RATELIMIT_ENABLED": False,
        "WTF_CSRF_ENABLED": False,
    }
    app = create_app(settings)
    with app.app_context():
        db.create_all()
    return app


def grade(replies: list[str]) -> tuple[float, float, str]:
    """Flesch-Kincaid over all the replies together, and the hardest single reply with its grade."""
    plain = [re.sub(r"\s+", " ", r) for r in replies] or [""]
    whole = textstat.flesch_kincaid_grade("\n".join(plain))
    hardest = max(plain, key=textstat.flesch_kincaid_grade)
    return whole, textstat.flesch_kincaid_grade(hardest), hardest


def report(runs: list[Run], show: bool) -> int:
    misses = 0
    print(f"{'persona':32} {'lang':4} {'channel':8} {'texts':>9} {'segs':>4} {'grade':>11}  words to avoid")
    for run in runs:
        goal = run.persona.goal
        texts = f"{run.texts}/{goal}" if goal else f"{run.texts}"
        met = run.reference is not None and (goal is None or run.texts <= goal)
        most = max((segments(r) for r in run.replies), default=0)
        met = met and most <= SEGMENT_GOAL
        grade_text = ""
        if run.persona.lang == "en":
            whole, worst, _hardest = grade(run.replies)
            grade_text = f"{whole:.1f} (max {worst:.1f})"
            met = met and whole <= GRADE_GOAL
        hard = sorted({w for r in run.replies for w in hard_words(r, run.persona.lang)})
        met = met and not hard
        misses += not met
        flag = "" if met else "  <-- MISSED" if run.reference else "  <-- NO REFERENCE"
        extra = f" unexpected: {', '.join(run.unexpected)}" if run.unexpected else ""
        print(
            f"{run.persona.name[:32]:32} {run.persona.lang:4} {run.channel:8} {texts:>9} {most:>4} {grade_text:>11}  "
            f"{', '.join(hard) or '-'}{extra}{flag}"
        )
        if show:
            print("\n".join(run.transcript))
    return misses


def summary(runs: list[Run]) -> None:
    by_style: Counter[str] = Counter()
    for run in runs:
        by_style[run.persona.style] = max(by_style[run.persona.style], run.texts)
    english = [r for run in runs if run.persona.lang == "en" for r in run.replies]
    whole, worst, hardest = grade(english)
    print(
        "Most texts by style: "
        + ", ".join(f"{style} {n} (goal {GOALS[style] or '-'})" for style, n in by_style.items())
    )
    print(f"Reading grade over every English reply: {whole:.1f} (goal <= {GRADE_GOAL}); hardest reply {worst:.1f}:")
    print(f"  {hardest}")
    print(
        f"Most segments in any reply: {max(segments(r) for run in runs for r in run.replies)} (goal <= {SEGMENT_GOAL})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print each conversation")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        talker = Talker(make_app(folder))
        runs = [talker.play(p, "sms") for p in PERSONAS]
        runs += [talker.play(p, "webchat") for p in PERSONAS if p.style in ("story-first", "menu-first")]
    misses = report(runs, args.show)
    summary(runs)
    print(f"{len(runs) - misses} of {len(runs)} conversations met every goal")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
