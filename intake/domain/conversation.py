"""The conversation engine behind SMS and web chat, and the service that stores it.

``handle(state, text, ctx)`` is pure: it reads the stored state and one incoming
message and returns the replies and the next state. It knows nothing of Flask
requests, Twilio or the database; the same steps serve SMS and web chat. Replies
are produced under ``flask_babel.force_locale`` so one set of msgids serves every
channel, and it works in a request, a CLI command or a worker (an app context is
enough).

``process_message(session, conversation, text, settings, now)`` is the thin service
around it: it answers status look-ups, stores the state, and hands finished (or
risky) conversations to ``submit``. It never commits; the caller commits the
conversation, its messages and any case together.

Safety first. Every message is risk-screened before the flow looks at it. A hit
gets the safety reply at once, and the case is submitted straight away with what
the person has said so far, so that an alert exists even if they stop texting.
Later answers are copied onto that same case.

"I want someone to get in touch" becomes a comment with ``wants_contact`` set (so
the children's rights officer is told); staff reclassify it as a complaint at
triage if the story turns out to be one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.domain import clock, risk, routing
from intake.domain import understanding as u
from intake.domain.audit import record_event
from intake.domain.sanitise import clean_text, normalise_email, normalise_phone
from intake.domain.submit import Submission, queue_notifications, submit
from intake.models import (
    Channel,
    ContactMethod,
    Conversation,
    Kind,
    Notification,
    Representation,
    SafeguardingAlert,
    Status,
    SubmittedBy,
    Team,
)
from intake.models.base import utcnow

STEPS = (
    "start",
    "language",
    "kind",
    "about",
    "role",
    "story",
    "remedy",
    "service",
    "advocate",
    "safe",
    "contact",
    "avoid",
    "confirm",
    "done",
)
# Kept when a conversation starts again: which cases this address has made (for status look-ups).
_CARRIED = ("cases", "lang")
_ROLE_TO_SUBMITTED_BY = {
    "advocate": SubmittedBy.ADVOCATE,
    "parent": SubmittedBy.PARENT,
    "carer": SubmittedBy.CARER,
    "foster_carer": SubmittedBy.FOSTER_CARER,
    "professional": SubmittedBy.PROFESSIONAL,
    "other": SubmittedBy.OTHER,
}
_KIND = {"complaint": Kind.COMPLAINT, "compliment": Kind.COMPLIMENT, "comment": Kind.COMMENT, "contact": Kind.COMMENT}


@dataclass(frozen=True)
class EngineContext:
    """What the engine may know about the world: the channel, the time and the settings."""

    channel: str  # "sms" or "webchat"
    now: datetime
    settings: Mapping[str, Any]
    # Web chat follows the page's language; SMS asks.
    language: str | None = None

    @property
    def languages(self) -> Sequence[str]:
        return self.settings.get("LANGUAGES", ("en",))


@dataclass
class EngineResult:
    replies: list[str]
    state: dict
    risk: risk.RiskResult | None = None
    complete: bool = False  # the person confirmed: submit (or finish the case already made)
    events: list[tuple[str, str]] = field(default_factory=list)  # audit actions, never the person's words


# --------------------------------------------------------------------------------------
# Words. Every reply is a gettext call so SMS and chat share one catalogue.
# English replies are GSM-7 (ASCII apostrophes) and at most two SMS segments.
# --------------------------------------------------------------------------------------


def _greeting(s: Mapping[str, Any]) -> str:
    return _(
        "Hi, this is Have Your Say from %(council)s. It's free and private. "
        "In danger now? Call 999. Childline (free): 0800 1111.",
        council=s["COUNCIL_NAME"],
    )


LANGUAGE_QUESTION = "1 English / 2 Polski / 3 العربية"


def _question(step: str, state: Mapping[str, Any], ctx: EngineContext) -> list[str]:
    kind = state.get("kind")
    if step == "language":
        # In all three languages at once, so it cannot be translated; it is one short Unicode segment.
        return [LANGUAGE_QUESTION]
    if step == "kind":
        return [
            _(
                "What would you like to do? Reply 1 Something's wrong, 2 Say thank you, 3 Share an idea, "
                "4 Ask someone to get in touch"
            )
        ]
    if step == "about":
        return [_("Is this about you, or someone else? Reply 1 Me, 2 Someone else")]
    if step == "role":
        return [
            _(
                "Thanks. Who are you? Reply 1 Advocate, 2 Parent, 3 Carer, 4 Foster carer, 5 Professional, "
                "6 Someone else"
            )
        ]
    if step == "story":
        if kind == "compliment":
            return [
                _(
                    "Who would you like to thank, and what did they do? You can send more than one message. "
                    "Reply DONE when you have finished."
                )
            ]
        if kind == "comment":
            return [
                _(
                    "Tell us your idea or comment. You can send more than one message. "
                    "Reply DONE when you have finished."
                )
            ]
        if kind == "contact":
            return [
                _(
                    "What would you like to talk about? You can send more than one message. "
                    "Reply DONE when you have finished."
                )
            ]
        return [
            _(
                "Tell us what happened, in your own words. You can send more than one message. "
                "Reply DONE when you have finished."
            )
        ]
    if step == "remedy":
        return [_("What would help put it right? Reply SKIP if you're not sure.")]
    if step == "service":
        return [
            _(
                'Which team or worker is it about, if you know? For example "my PA" or "foster carer". '
                "Reply SKIP if you don't know."
            )
        ]
    if step == "advocate":
        return [
            _(
                "An advocate is someone on your side who helps you say what you want. They don't work for us. "
                "It's free."
            ),
            _("Would you like an advocate? Reply YES or NO"),
        ]
    if step == "safe":
        return [_("Is it OK for us to text you on this number about this? Reply YES or NO")]
    if step == "contact":
        if ctx.channel == "sms":
            return [_("OK, we won't text you. How else can we reach you safely? Type an email address, or reply SKIP.")]
        return [_("If you want a reply, type your phone number or email address. Or reply SKIP.")]
    if step == "avoid":
        if ctx.channel == "sms":
            return [
                _("Is there anything we should avoid? For example, if someone else reads your texts. Reply NO if not.")
            ]
        return [
            _(
                "Is there anything we should avoid when we contact you? For example, if someone else "
                "reads your messages. Reply NO if not."
            )
        ]
    if step == "confirm":
        return [_summary(state, ctx), _("Shall we send it? Reply YES to send it, or START AGAIN to change it.")]
    return []


def _summary(state: Mapping[str, Any], ctx: EngineContext) -> str:
    kind = state.get("kind")
    parts = [
        {
            "complaint": _("You want to tell us something's wrong."),
            "compliment": _("You want to say thank you."),
            "comment": _("You want to share an idea or comment."),
            "contact": _("You want someone to get in touch."),
        }.get(kind, _("You want to tell us something."))
    ]
    parts.append(_("It's about you.") if state.get("about") == "me" else _("It's about someone else."))
    if state.get("team"):
        parts.append(_("Team: %(team)s.", team=state["team"]))
    if state.get("advocate"):
        parts.append(_("You'd like an advocate."))
    if _contact_given(state, ctx):
        parts.append(_("We can contact you."))
    else:
        parts.append(_("We have no way to reply to you."))
    return " ".join(parts)


def _reask(step: str) -> str:
    if step == "language":
        return "1 English / 2 Polski / 3 العربية ?"
    if step == "kind":
        return _('Sorry, I didn\'t get that. You can reply 1, 2, 3 or 4. Or type words like "complain" or "thank you".')
    if step == "about":
        return _("Sorry, I didn't get that. Reply 1 if it's about you, or 2 if it's about someone else.")
    if step == "role":
        return _('Sorry, I didn\'t get that. Reply with a number from 1 to 6, or a word like "parent" or "teacher".')
    if step in ("advocate", "safe", "confirm"):
        return _("Sorry, I didn't get that. Please reply YES or NO.")
    if step == "contact":
        return _("Sorry, that doesn't look like a phone number or email address. Try again, or reply SKIP.")
    return _("Sorry, I didn't get that. Please try again.")


def _stuck(s: Mapping[str, Any]) -> str:
    return _(
        "Still stuck? Reply HELP, or call us free on %(phone)s. You can also use the form on our website.",
        phone=s["RIGHTS_OFFICER_PHONE"],
    )


def help_text(s: Mapping[str, Any]) -> str:
    return _(
        "Tell %(council)s what's wrong, say thanks or share an idea. Rights officer: %(phone)s. "
        "Childline (free): 0800 1111. In danger? Call 999.",
        council=s["COUNCIL_NAME"],
        phone=s["RIGHTS_OFFICER_PHONE"],
    )


def safety_replies(s: Mapping[str, Any], now: datetime) -> list[str]:
    """The calm reply to a possible risk of harm (issue 6 §3), sent before anything else."""
    first = _(
        "Thank you for telling us. If you're in danger now, call 999. Childline is free any time: 0800 1111. "
        "Rights officer: %(phone)s.",
        phone=s["RIGHTS_OFFICER_PHONE"],
    )
    if clock.in_office_hours(s, now):
        second = _("A person will read your message today.")
    else:
        second = _(
            "A person will read your message the next working morning. Out of hours, call %(phone)s.",
            phone=s["OUT_OF_HOURS_PHONE"],
        )
    return [first, second]


def plain_date(day: date) -> str:
    """ "Thursday 3 December" in the current (forced) language."""
    return format_date(day, "EEEE d MMMM")


def finished_replies(state: Mapping[str, Any], ctx: EngineContext, reference: str, acknowledge_by: date) -> list[str]:
    """What we say once the case is stored: the reference, what happens next and the date in plain words."""
    with force_locale(state.get("lang") or "en"):
        day = plain_date(acknowledge_by)
        if state.get("kind") == "compliment":
            first = _("Thank you! We'll pass it on. Your reference is %(reference)s.", reference=reference)
        elif _contact_given(state, ctx):
            first = _(
                "Thank you. It's sent. Your reference is %(reference)s. We will get in touch by %(date)s.",
                reference=reference,
                date=day,
            )
        else:
            first = _(
                "Thank you. It's sent. Your reference is %(reference)s. A person will read it by %(date)s.",
                reference=reference,
                date=day,
            )
        if ctx.channel == "sms":
            second = _("To check on it, text STATUS %(reference)s to this number.", reference=reference)
        else:
            second = _("Keep your reference. You can check on it on the Track page.")
        return [first, second]


def status_replies(rep: Representation | None, lang: str, s: Mapping[str, Any]) -> list[str]:
    """Where a case is, in plain words. ``None`` (not found, or not theirs) gets the same neutral reply."""
    with force_locale(lang or "en"):
        if rep is None:
            return [
                _(
                    "Sorry, we can't find that reference for this number. Check it and try again, or call %(phone)s.",
                    phone=s["RIGHTS_OFFICER_PHONE"],
                )
            ]
        ref = rep.reference
        stage = rep.current_stage
        if rep.status is Status.WITHDRAWN:
            return [
                _(
                    "%(reference)s: this was stopped. Call %(phone)s if you want to talk about it.",
                    reference=ref,
                    phone=s["RIGHTS_OFFICER_PHONE"],
                )
            ]
        if rep.status is Status.CLOSED:
            return [
                _(
                    "%(reference)s: this is finished. If you're not happy, call %(phone)s.",
                    reference=ref,
                    phone=s["RIGHTS_OFFICER_PHONE"],
                )
            ]
        if rep.status is Status.PAUSED:
            return [_("%(reference)s: it's on hold for now. We'll tell you when it starts again.", reference=ref)]
        if rep.kind is not Kind.COMPLAINT:
            return [_("%(reference)s: thank you, we have it and have passed it on.", reference=ref)]
        if rep.status is Status.NEW and rep.acknowledge_by:
            return [
                _(
                    "%(reference)s: we've got it. A person will look at it by %(date)s.",
                    reference=ref,
                    date=plain_date(rep.acknowledge_by),
                )
            ]
        if stage is not None and stage.is_open and stage.effective_due_on:
            return [
                _(
                    "%(reference)s: we're looking into it (step %(stage)s of 3). We aim to reply by %(date)s.",
                    reference=ref,
                    stage=stage.number,
                    date=plain_date(stage.effective_due_on),
                )
            ]
        return [
            _(
                "%(reference)s: we've replied to you. If you're not happy, you can ask for the next step. "
                "Call %(phone)s.",
                reference=ref,
                phone=s["RIGHTS_OFFICER_PHONE"],
            )
        ]


# --------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------


def begin(ctx: EngineContext, carried: Mapping[str, Any] | None = None) -> EngineResult:
    """A fresh conversation: the greeting, then the language (SMS) or what they want (chat)."""
    state: dict[str, Any] = {k: v for k, v in (carried or {}).items() if k in _CARRIED}
    if ctx.language:
        state["lang"] = ctx.language
        state["step"] = "kind"
    else:
        state["step"] = "language"
        state["lang"] = "en"
    state["story"] = []
    state["unclear"] = 0
    state["updated_at"] = ctx.now.isoformat()
    with force_locale(state["lang"]):
        replies = [_greeting(ctx.settings), *_question(state["step"], state, ctx)]
    return EngineResult(replies, state)


def handle(state: Mapping[str, Any] | None, text: str | None, ctx: EngineContext) -> EngineResult:
    """One incoming message: the replies and the next state. Pure: no request, no database."""
    old = dict(state or {})
    text = clean_text(text)
    screened = risk.screen(text) if text else None
    is_risk = bool(screened and screened.is_risk)

    lang = ctx.language or old.get("lang") or "en"
    with force_locale(lang):
        safety = safety_replies(ctx.settings, ctx.now) if is_risk else []

    step = old.get("step") or "start"
    idle = _is_idle(old, ctx)
    if step in ("start", "done") or step not in STEPS or u.is_restart(text) and step != "start":
        restarting = step not in ("start", "done") and step in STEPS
        result = begin(ctx, carried=old)
        if restarting:
            with force_locale(result.state["lang"]):
                result.replies.insert(0, _("OK, let's start again."))
        elif text and not u.is_restart(text) and (is_risk or len(u.simplify(text).split()) >= 4):
            # Their first message may already say what happened: keep it, it is part of their story.
            result.state["story"].append(text)
        result.replies[:0] = safety
        return _finish(result, screened, is_risk, text, ctx)

    new = dict(old)
    new["story"] = list(old.get("story") or [])
    new["updated_at"] = ctx.now.isoformat()
    if ctx.language:
        new["lang"] = ctx.language
    replies: list[str] = list(safety)
    complete = False

    with force_locale(new.get("lang") or "en"):
        if idle:
            replies.append(_("Welcome back. Let's carry on where we were. Reply START AGAIN to begin again."))
            replies.extend(_question(step, new, ctx))
            if is_risk and step != "story" or step == "story" and text:
                new["story"].append(text)
            result = EngineResult(replies, new)
            return _finish(result, screened, is_risk, text, ctx)
        if u.is_help(text):
            replies.append(help_text(ctx.settings))
            replies.extend(_question(step, new, ctx))
            return _finish(EngineResult(replies, new), screened, is_risk, text, ctx)
        if not u.has_words(text):
            replies.append(_("Sorry, we didn't get any words. Please type your answer."))
            replies.extend(_question(step, new, ctx))
            return _finish(EngineResult(replies, new), screened, is_risk, text, ctx)

        answered, step_replies, complete = _answer(step, new, text, ctx)
        if not answered:
            new["unclear"] = int(new.get("unclear") or 0) + 1
            if is_risk and step != "story":
                new["story"].append(text)  # never lose a disclosure, whatever step it arrives at
            if new["unclear"] >= 2:
                step_replies = [_stuck(ctx.settings), *_question(step, new, ctx)]
                new["unclear"] = 0
            else:
                step_replies = [_reask(step)]
        else:
            new["unclear"] = 0
            if is_risk and step not in ("story", "remedy", "service", "avoid", "contact"):
                new["story"].append(text)
        replies.extend(step_replies)
    return _finish(EngineResult(replies, new, complete=complete), screened, is_risk, text, ctx)


def _finish(result: EngineResult, screened, is_risk: bool, text: str, ctx: EngineContext) -> EngineResult:
    result.risk = screened
    if is_risk:
        result.state["risk"] = True
        result.events.append(("risk_reply_sent", "; ".join(h.rule for h in screened.hits)))
    return result


def _is_idle(state: Mapping[str, Any], ctx: EngineContext) -> bool:
    stamp = state.get("updated_at")
    if not stamp or state.get("step") in (None, "start", "done"):
        return False
    try:
        last = datetime.fromisoformat(stamp)
    except ValueError:
        return False
    return ctx.now - last > timedelta(days=ctx.settings.get("CONVERSATION_IDLE_DAYS", 7))


def _goto(step: str, state: dict, ctx: EngineContext) -> list[str]:
    state["step"] = step
    return _question(step, state, ctx)


def _after_story(state: dict, ctx: EngineContext) -> list[str]:
    if state.get("kind") in ("complaint", "contact"):
        return _goto("remedy", state, ctx)
    return _goto("service", state, ctx)


def _after_service(state: dict, ctx: EngineContext) -> list[str]:
    if state.get("about") == "me" and state.get("kind") in ("complaint", "contact"):
        return _goto("advocate", state, ctx)
    return _goto("safe" if ctx.channel == "sms" else "contact", state, ctx)


def _story_length(state: Mapping[str, Any]) -> int:
    return sum(len(p) + 1 for p in state.get("story") or [])


def _answer(step: str, state: dict, text: str, ctx: EngineContext) -> tuple[bool, list[str], bool]:
    """Apply ``text`` as the answer to ``step``. Returns (understood, replies, complete)."""
    limit = ctx.settings.get("MAX_FREE_TEXT", 5000)
    if step == "language":
        choice = u.choose(text, u.LANGUAGE_OPTIONS)
        if choice is None and int(state.get("unclear") or 0) >= 1:
            # Second try still unclear: carry on in English rather than block them, and keep what they wrote.
            if len(u.simplify(text).split()) >= 4:
                state["story"].append(text)
            choice = "en"
        if choice is None:
            return False, [], False
        state["lang"] = choice if choice in ctx.languages else "en"
        with force_locale(state["lang"]):
            return True, _goto("kind", state, ctx), False
    if step == "kind":
        choice = u.choose(text, u.KIND_OPTIONS)
        if choice is None:
            return False, [], False
        state["kind"] = choice
        return True, _goto("about", state, ctx), False
    if step == "about":
        choice = u.choose(text, u.ABOUT_OPTIONS)
        if choice is None:
            yes = u.yes_no(text)  # "yes" to "is this about you?"
            choice = "me" if yes is True else None
        if choice is None:
            return False, [], False
        state["about"] = choice
        return True, _goto("role" if choice == "other" else "story", state, ctx), False
    if step == "role":
        choice = u.choose(text, u.ROLE_OPTIONS)
        if choice is None:
            return False, [], False
        state["role"] = choice
        return True, _goto("story", state, ctx), False
    if step == "story":
        signal = u.done_signal(text)
        if signal == "only":
            if not state["story"]:
                return True, [_("Please tell us a little about it first. Then reply DONE.")], False
            return True, _after_story(state, ctx), False
        if _story_length(state) + len(text) > limit:
            return (
                True,
                [
                    _(
                        "Thank you for telling us so much. That's more than we can take in one go "
                        "(%(limit)s letters). Please say the rest in a shorter way, or reply DONE.",
                        limit=limit,
                    )
                ],
                False,
            )
        state["story"].append(text)
        if signal == "end":
            return True, _after_story(state, ctx), False
        return True, [_("Got it. Send more, or reply DONE if that's everything.")], False
    if step == "remedy":
        state["remedy"] = "" if u.is_skip(text) else text[:limit]
        return True, _goto("service", state, ctx), False
    if step == "service":
        if u.is_skip(text):
            state["service"], state["team"] = "", None
        else:
            state["service"] = text[:1000]
            state["team"] = u.match_team(text, ctx.settings.get("COUNCIL_TEAMS", ()))
        return True, _after_service(state, ctx), False
    if step == "advocate":
        yes = u.yes_no(text)
        if yes is None:
            return False, [], False
        state["advocate"] = yes
        return True, _goto("safe" if ctx.channel == "sms" else "contact", state, ctx), False
    if step == "safe":
        yes = u.yes_no(text)
        if yes is None:
            return False, [], False
        state["safe"] = yes
        return True, _goto("avoid" if yes else "contact", state, ctx), False
    if step == "contact":
        if u.is_skip(text):
            state["contact"] = None
            return True, _goto("confirm", state, ctx), False
        email = normalise_email(text.strip())
        phone = None if email else normalise_phone(text)
        if not (email or phone) or (ctx.channel == "sms" and phone):
            return False, [], False
        state["contact"] = email or phone
        return True, _goto("avoid", state, ctx), False
    if step == "avoid":
        state["avoid"] = "" if u.yes_no(text) is False or u.is_skip(text) else text[:1000]
        return True, _goto("confirm", state, ctx), False
    if step == "confirm":
        yes = u.yes_no(text)
        if yes is True:
            state["step"] = "done"
            return True, [], True
        if yes is False:
            return True, [_("OK, it's not sent yet. Reply YES to send it, or START AGAIN to begin again.")], False
        return False, [], False
    return False, [], False


def _contact_given(state: Mapping[str, Any], ctx: EngineContext) -> bool:
    return bool(state.get("safe") is True or state.get("contact"))


def submission_from_state(state: Mapping[str, Any], ctx: EngineContext, address: str) -> Submission:
    """What the conversation has collected so far, as a Submission for ``submit``."""
    kind_key = state.get("kind") or "complaint"  # a disclosure before they chose is treated as a complaint
    about = state.get("about")
    if about == "me":
        submitted_by = SubmittedBy.CHILD
    elif about == "other":
        submitted_by = _ROLE_TO_SUBMITTED_BY.get(state.get("role") or "", SubmittedBy.UNKNOWN)
    else:
        submitted_by = SubmittedBy.UNKNOWN
    contact = state.get("contact") or ""
    email = normalise_email(contact)
    phone = normalise_phone(contact) if not email else None
    if ctx.channel == "sms" and state.get("safe") is True:
        phone = address
    if phone:
        preferred = ContactMethod.SMS
    elif email:
        preferred = ContactMethod.EMAIL
    else:
        preferred = ContactMethod.NONE
    if ctx.channel == "sms":
        safe = state.get("safe") if state.get("safe") is not None else None
        if safe is False and email:
            safe = True  # not this phone, but the email they gave instead
    else:
        safe = True if contact else None
    return Submission(
        kind=_KIND[kind_key],
        channel=Channel.SMS if ctx.channel == "sms" else Channel.WEBCHAT,
        what_happened="\n".join(state.get("story") or []),
        submitted_by=submitted_by,
        what_would_help=state.get("remedy") or "",
        service_mentioned=state.get("service") or "",
        about_someone_else=about == "other",
        language=state.get("lang") or "en",
        contact_phone=phone,
        contact_email=email,
        safe_to_contact=safe,
        preferred_contact=preferred,
        contact_avoid=state.get("avoid") or None,
        wants_contact=kind_key == "contact",
        advocate_requested=bool(state.get("advocate")),
        received_at=ctx.now,
        actor="sms conversation" if ctx.channel == "sms" else "web chat",
    )


# --------------------------------------------------------------------------------------
# The service: storing state, status look-ups, submitting
# --------------------------------------------------------------------------------------


@dataclass
class ProcessResult:
    replies: list[str]
    representation: Representation | None = None
    status_lookup: bool = False


def process_message(
    session: Session,
    conversation: Conversation,
    text: str | None,
    settings: Mapping[str, Any],
    now: datetime | None = None,
    *,
    language: str | None = None,
) -> ProcessResult:
    """Run one message through the engine and store everything it leads to (without committing)."""
    now = now or utcnow()
    ctx = EngineContext(channel=conversation.channel, now=now, settings=settings, language=language)
    state = dict(conversation.state or {})

    step = state.get("step") or "start"
    ref = u.status_reference(text, anywhere=step in ("start", "done"))
    if ref is None and step in ("start", "done") and u.simplify(text) in ("status", "track", "ref", "reference"):
        with force_locale(language or state.get("lang") or "en"):
            return ProcessResult(
                [_("To check on something you sent, text STATUS and your reference, like STATUS K7QM-3XPD.")],
                None,
                True,
            )
    words = u.simplify(text).split()
    if ref is None and len(words) > 1 and words[0] == "status":
        # "STATUS" and something that is not a valid reference: the same reply as a case that isn't theirs.
        return ProcessResult(status_replies(None, language or state.get("lang") or "en", settings), None, True)
    if ref:
        rep = _case_for_status(session, conversation, ref)
        return ProcessResult(status_replies(rep, language or state.get("lang") or "en", settings), rep, True)

    result = handle(state, text, ctx)
    new = result.state
    rep = _current_case(session, conversation, new)

    if result.risk is not None and result.risk.is_risk:
        if rep is None:
            rep = _submit(session, conversation, new, ctx, early=True)
        else:
            _raise_further_alert(session, rep, result.risk, settings)
    elif rep is not None and not result.complete:
        _sync_case(session, rep, new, ctx, conversation.address)

    if result.complete:
        if rep is None:
            rep = _submit(session, conversation, new, ctx, early=False)
        else:
            _sync_case(session, rep, new, ctx, conversation.address, finishing=True)
        new.pop("case", None)
        result.replies.extend(finished_replies(new, ctx, rep.reference, rep.acknowledge_by or now.date()))

    if rep is not None:
        for action, detail in result.events:
            record_event(session, action, representation=rep, actor=_actor(ctx), detail=detail)

    conversation.state = new  # a new dict, so the JSON column is seen as changed
    conversation.language = new.get("lang") or "en"
    conversation.updated_at = now
    return ProcessResult(result.replies, rep)


def _actor(ctx: EngineContext) -> str:
    return "sms conversation" if ctx.channel == "sms" else "web chat"


def _current_case(session: Session, conversation: Conversation, state: Mapping[str, Any]) -> Representation | None:
    """The case already made from this conversation (after a risk hit), if the flow is still going."""
    ref = state.get("case")
    if not ref:
        return None
    return session.scalar(select(Representation).where(Representation.reference == ref))


def _submit(session: Session, conversation: Conversation, state: dict, ctx: EngineContext, *, early: bool):
    sub = submission_from_state(state, ctx, conversation.address)
    sub.team_id = _team_id(session, state.get("team"))
    if early:
        sub.extra_events.append(("submitted_early", "risk screen hit during the conversation; later answers follow"))
    rep = submit(session, sub, ctx.settings).representation
    conversation.representation_id = rep.id
    state["cases"] = [*(state.get("cases") or []), rep.reference][-20:]
    if early:
        state["case"] = rep.reference
    return rep


def _team_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    return session.scalar(select(Team.id).where(Team.name == name))


_SYNCED = (
    "what_happened",
    "what_would_help",
    "service_mentioned",
    "submitted_by",
    "about_someone_else",
    "language",
    "contact_phone",
    "contact_email",
    "safe_to_contact",
    "preferred_contact",
    "contact_avoid",
    "wants_contact",
    "advocate_requested",
)


def _sync_case(
    session: Session, rep: Representation, state: dict, ctx: EngineContext, address: str, *, finishing: bool = False
) -> None:
    """Copy later answers onto a case that was submitted early. Audited by field name, never by content."""
    sub = submission_from_state(state, ctx, address)
    limit = ctx.settings.get("MAX_FREE_TEXT", 5000)
    values = {
        "what_happened": clean_text(sub.what_happened)[:limit],
        "what_would_help": clean_text(sub.what_would_help)[:limit],
        "service_mentioned": clean_text(sub.service_mentioned)[:1000],
        "submitted_by": sub.submitted_by,
        "about_someone_else": sub.about_someone_else,
        "language": sub.language,
        "contact_phone": sub.contact_phone,
        "contact_email": sub.contact_email,
        "safe_to_contact": sub.safe_to_contact,
        "preferred_contact": sub.preferred_contact,
        "contact_avoid": clean_text(sub.contact_avoid)[:1000] or None,
        "wants_contact": sub.wants_contact,
        "advocate_requested": sub.advocate_requested,
    }
    changed = [name for name in _SYNCED if getattr(rep, name) != values[name]]
    for name in changed:
        setattr(rep, name, values[name])
    team_id = _team_id(session, state.get("team"))
    if team_id and rep.team_id != team_id:
        rep.team_id = team_id
        changed.append("team")
    if changed:
        record_event(
            session,
            "updated_from_conversation",
            representation=rep,
            actor=_actor(ctx),
            detail="fields: " + ", ".join(changed),
        )
    if finishing:
        chosen = _KIND[state.get("kind") or "complaint"]
        detail = "conversation finished"
        if chosen is not rep.kind:
            detail += f"; they chose {state.get('kind')} (case kept as {rep.kind.value} for triage)"
        record_event(session, "conversation_completed", representation=rep, actor=_actor(ctx), detail=detail)
        _queue_missing_notifications(session, rep, ctx.settings)


def _queue_missing_notifications(session: Session, rep: Representation, settings: Mapping[str, Any]) -> None:
    """Answers given after an early submission (an advocate, a safe contact) may need new notifications."""
    session.flush()
    team = session.get(Team, rep.team_id) if rep.team_id else None
    facts = routing.RoutingFacts.of(rep, team)
    existing = {
        (n.channel.value, n.recipient.lower(), n.template)
        for n in session.scalars(select(Notification).where(Notification.representation_id == rep.id))
    }
    missing = [r for r in routing.route(facts, settings) if (r.channel, r.address.lower(), r.template) not in existing]
    queue_notifications(session, rep, missing, settings)


def _raise_further_alert(
    session: Session, rep: Representation, screened: risk.RiskResult, settings: Mapping[str, Any]
) -> None:
    """A new disclosure on a case that already exists: a fresh alert unless one is still open."""
    rules = "; ".join(h.rule for h in screened.hits)
    open_alert = session.scalar(
        select(SafeguardingAlert.id).where(
            SafeguardingAlert.representation_id == rep.id, SafeguardingAlert.actioned_at.is_(None)
        )
    )
    rep.safeguarding = True
    rep.urgent = True
    if open_alert is not None:
        record_event(session, "further_risk_disclosure", representation=rep, actor="risk screen", detail=rules)
        return
    session.add(SafeguardingAlert(representation_id=rep.id, raised_by="risk screen", rules=rules))
    record_event(session, "safeguarding_alert_raised", representation=rep, actor="risk screen", detail=rules)
    stamp = utcnow().strftime("%Y%m%d%H%M%S%f")
    queue_notifications(
        session,
        rep,
        routing.safeguarding_recipients(settings, utcnow()),
        settings,
        dedupe_prefix=f"alert:{rep.id}:{stamp}",
    )


def _case_for_status(session: Session, conversation: Conversation, ref: str) -> Representation | None:
    """The case, only if this address made it: its contact phone, or a case this conversation submitted."""
    rep = session.scalar(select(Representation).where(Representation.reference == ref))
    if rep is None:
        return None
    if conversation.channel == "sms" and rep.contact_phone and rep.contact_phone == conversation.address:
        return rep
    if ref in ((conversation.state or {}).get("cases") or []) or conversation.representation_id == rep.id:
        return rep
    return None
