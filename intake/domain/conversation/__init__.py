"""The conversation behind SMS and web chat: one engine, a table of questions, and the service that stores it.

- ``reading``: each incoming message is read once, at the door (``read(text) -> Reading``): its words as
  stored, a simplified form, language, keywords, answers, references and the risk screen's result.
- ``steps``: the questions as a table, ``Step(name, ask, parse, next, reask)``; a new question is one entry.
- ``words``: every reply, through gettext, so SMS and chat share one catalogue.
- ``engine``: ``begin`` and ``handle(state, reading, ctx)``, pure: the replies and the next state.
- ``opening``: the first message read for everything it says (language, what they want, the story, who it is
  about, the worker, what would help: ``heard``), and changing language at any point.
- ``after_sending``: HELP once it is sent, and "add: ..." to a sent case within a day.
- ``service``: ``process_message``: status look-ups, the case (sent early on a risk, kept up to date after),
  alerts and additions (through ``intake.domain.early_case``, as every channel), and the stored state. It never
  commits; the SMS webhook or the chat route does.
- ``contact_instructions``: "only mornings", "dont text after 6", "he checks my phone" as contact fields.

"I want someone to get in touch" becomes a comment with ``wants_contact`` set (so the children's rights
officer is told); staff reclassify it as a complaint at triage if the story turns out to be one.
"""

from intake.domain.conversation.context import EngineContext, EngineResult, State
from intake.domain.conversation.engine import begin, handle
from intake.domain.conversation.reading import Reading, read
from intake.domain.conversation.service import ProcessResult, open_webchat, process_message
from intake.domain.conversation.steps import STEP_NAMES, STEPS, Step
from intake.domain.conversation.submission import submission_from_state
from intake.domain.conversation.words import (
    LANGUAGE_QUESTION,
    LANGUAGE_REASK,
    SWITCH_LINES,
    finished_replies,
    help_text,
    plain_date,
    safety_replies,
    status_replies,
)

__all__ = [
    "LANGUAGE_QUESTION",
    "LANGUAGE_REASK",
    "SWITCH_LINES",
    "STEPS",
    "STEP_NAMES",
    "EngineContext",
    "EngineResult",
    "ProcessResult",
    "Reading",
    "State",
    "Step",
    "begin",
    "finished_replies",
    "handle",
    "help_text",
    "open_webchat",
    "plain_date",
    "process_message",
    "read",
    "safety_replies",
    "status_replies",
    "submission_from_state",
]
