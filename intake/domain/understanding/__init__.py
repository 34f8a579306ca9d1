"""Understanding short natural replies: yes/no, menu choices, "done", "skip", keywords, references, language.

Pure functions, no Flask. Young people text the way they talk: "yeah", "nah", "its about me", "complane",
"thx", emoji, and in Polish or Arabic. Every menu accepts the number shown, the option's words, natural
phrasing and near-misses. Anything we cannot read with confidence returns ``None`` so the engine asks again
kindly rather than guessing.

Each function that takes ``text`` simplifies it first; its ``*_of(simple)`` twin takes text already
simplified, so a message read once at the door (``conversation.reading``) is never simplified again.

- ``text``: ``simplify`` and ``has_words``.
- ``answers``: yes and no, menu numbers, "done", "skip", HELP and restart, SMS opt-out keywords, references.
- ``menus``: ``Menu`` (options indexed once), ``choose``, and ``match_team``.
- ``language``: ``guess_language``: English, Polish or Arabic (Arabizi too) from the first message.
- ``story``: what a message already says (who it is about, the worker, what would help), so it is not asked.
- ``vocabulary``: every phrase list (pure data).
"""

from intake.domain.understanding.answers import (
    done_signal,
    done_signal_of,
    find_reference,
    is_help,
    is_restart,
    is_skip,
    number_of,
    only_status_words,
    sms_keyword,
    status_reference,
    yes_no,
    yes_no_of,
)
from intake.domain.understanding.language import guess_language
from intake.domain.understanding.menus import Menu, choose, match_team, menu_for, team_of
from intake.domain.understanding.story import about_of, has_story, remedy_of, role_of, worker_of
from intake.domain.understanding.text import has_words, simplify
from intake.domain.understanding.vocabulary import (
    ABOUT_OPTIONS,
    DONE_PHRASES,
    HELP_WORDS,
    KIND_OPTIONS,
    LANGUAGE_OPTIONS,
    NO,
    OPT_IN_KEYWORDS,
    OPT_OUT_KEYWORDS,
    RESTART_WORDS,
    ROLE_OPTIONS,
    SKIP_PHRASES,
    SKIP_SET,
    TEAM_KEYWORDS,
    YES,
)

__all__ = [
    "ABOUT_OPTIONS",
    "DONE_PHRASES",
    "HELP_WORDS",
    "KIND_OPTIONS",
    "LANGUAGE_OPTIONS",
    "NO",
    "OPT_IN_KEYWORDS",
    "OPT_OUT_KEYWORDS",
    "RESTART_WORDS",
    "ROLE_OPTIONS",
    "SKIP_PHRASES",
    "SKIP_SET",
    "TEAM_KEYWORDS",
    "YES",
    "Menu",
    "about_of",
    "has_story",
    "remedy_of",
    "role_of",
    "worker_of",
    "choose",
    "done_signal",
    "done_signal_of",
    "find_reference",
    "guess_language",
    "has_words",
    "is_help",
    "is_restart",
    "is_skip",
    "match_team",
    "menu_for",
    "number_of",
    "only_status_words",
    "simplify",
    "sms_keyword",
    "status_reference",
    "team_of",
    "yes_no",
    "yes_no_of",
]
