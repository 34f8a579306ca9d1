"""Every reply the conversation sends, through gettext, so SMS and web chat share one catalogue.

English replies are GSM-7 (ASCII apostrophes) and at most two SMS segments; Polish and Arabic too fit in two
(``tests/domain/test_conversation.py`` measures every one). Words a child reads are plain: about a
nine-year-old's reading, one question at a time. Callers choose the language (``intake.i18n.speaking``, or
``flask_babel.force_locale``).
"""

from __future__ import annotations

from datetime import date, datetime

from intake.config import Settings
from intake.domain import clock
from intake.domain.conversation.context import EngineContext, State
from intake.domain.sms_text import MULTI_UCS2, segments
from intake.i18n import date_by, ngettext, speaking, spoken_language
from intake.i18n import gettext as _
from intake.models import Kind, Representation, Status

# In all three languages at once, so it cannot be translated; it is one short Unicode segment.
LANGUAGE_QUESTION = "1 English / 2 Polski / 3 العربية"
# Asked again in words, with an example, never the bare menu.
LANGUAGE_REASK = "Which language? Reply ENGLISH, POLSKI or العربية. Or just write to us in your language."
# One short line, in the language we answered in, on how to change it. Each names the other two languages in
# their own words, so it is not translated through the catalogue. One Unicode segment each.
SWITCH_LINES = {
    "en": "Reply POLSKI or العربية for another language.",
    "pl": "Inny język? Napisz ENGLISH lub العربية.",
    "ar": "لغة أخرى؟ أرسل ENGLISH أو POLSKI.",
}


def greeting(s: Settings) -> str:
    return _(
        "Hi, this is Have Your Say from %(council)s. It's free and private. "
        "In danger now? Call 999. Childline (free): 0800 1111.",
        council=s.council.name,
    )


# --------------------------------------------------------------------------------------
# The questions, one per step
# --------------------------------------------------------------------------------------


def ask_kind() -> str:
    return _(
        "What would you like to do? Reply 1 Something's wrong, 2 Say thank you, 3 Share an idea, "
        "4 Ask someone to get in touch"
    )


def ask_about() -> str:
    return _("Is this about you, or someone else? Reply 1 Me, 2 Someone else")


def ask_role() -> str:
    return _("Thanks. Who are you? Reply 1 Advocate, 2 Parent, 3 Carer, 4 Foster carer, 5 Professional, 6 Someone else")


def ask_story(kind: str | None) -> str:
    if kind == "compliment":
        return _(
            "Who would you like to thank, and what did they do? You can send more than one message. "
            "Reply DONE when you have finished."
        )
    if kind == "comment":
        return _("Tell us your idea or comment. You can send more than one message. Reply DONE when you have finished.")
    if kind == "contact":
        return _(
            "What would you like to talk about? You can send more than one message. Reply DONE when you have finished."
        )
    return _(
        "Tell us what happened, in your own words. You can send more than one message. "
        "Reply DONE when you have finished."
    )


def ask_story_more() -> str:
    return _("Thanks for telling us. Is there anything to add? Send it now, or reply DONE if that's all.")


def kept_your_words() -> str:
    return _("Thanks, we've kept what you wrote.")


def go_ahead() -> str:
    return _("OK, send it now. Reply DONE when you have finished.")


def ask_remedy() -> str:
    return _("What would help put it right? Reply SKIP if you're not sure.")


def ask_service() -> str:
    return _(
        'Which team or worker is it about, if you know? For example "my PA" or "foster carer". '
        "Reply SKIP if you don't know."
    )


def ask_advocate() -> list[str]:
    return [
        _("An advocate is someone on your side who helps you say what you want. They don't work for us. It's free."),
        _("Would you like an advocate? Reply YES or NO"),
    ]


def ask_safe() -> str:
    return _("Is it OK for us to text you on this number about this? Reply YES or NO")


def ask_contact(ctx: EngineContext) -> str:
    if ctx.is_sms:
        return _("OK, we won't text you. How else can we reach you safely? Type an email address, or reply SKIP.")
    return _("If you want a reply, type your phone number or email address. Or reply SKIP.")


def ask_avoid(ctx: EngineContext) -> str:
    if ctx.is_sms:
        return _("Is there anything we should avoid? For example, if someone else reads your texts. Reply NO if not.")
    return _(
        "Is there anything we should avoid when we contact you? For example, if someone else "
        "reads your messages. Reply NO if not."
    )


def ask_confirm(state: State, ctx: EngineContext) -> list[str]:
    return [*summary(state, ctx), _("Shall we send it? Reply YES to send it, or tell us anything to add or change.")]


def summary(state: State, ctx: EngineContext) -> list[str]:
    """What we have, in short sentences, confirming what we read from their own words rather than asked; packed
    into as few texts as keep each within two segments."""
    return pack(summary_sentences(state))


def summary_sentences(state: State) -> list[str]:
    kind = state.get("kind")
    parts = [
        {
            "complaint": _("You want to tell us something's wrong."),
            "compliment": _("You want to say thank you."),
            "comment": _("You want to share an idea or comment."),
            "contact": _("You want someone to get in touch."),
        }.get(kind or "", _("You want to tell us something."))
    ]
    parts.append(_("It's about you.") if state.get("about") == "me" else _("It's about someone else."))
    if state.get("worker"):
        parts.append(_("You said it's about your %(worker)s.", worker=state["worker"]))
    elif state.get("team"):
        parts.append(_("Team: %(team)s.", team=state["team"]))
    if "remedy" in (state.get("heard") or ()):
        parts.append(_("You told us what would help."))
    if state.get("advocate"):
        parts.append(_("You'd like an advocate."))
    parts.append(_("We can contact you.") if contact_given(state) else _("We have no way to reply to you."))
    return parts


def pack(sentences: list[str]) -> list[str]:
    """Join sentences into texts of at most two SMS segments each."""
    texts: list[str] = []
    for sentence in sentences:
        if texts and _within_two_segments(joined := f"{texts[-1]} {sentence}"):
            texts[-1] = joined
        else:
            texts.append(sentence)
    return texts


def _within_two_segments(text: str) -> bool:
    """``segments(text) <= 2``, not measured when it is sure: up to 134 characters, none outside the BMP, fit in two
    segments in any encoding (two UCS-2 ones hold 134 units, two GSM-7 ones 306 septets, two at most a character)."""
    return len(text) <= 2 * MULTI_UCS2 and max(text, default=" ") < "\U00010000" or segments(text) <= 2


def contact_given(state: State) -> bool:
    return bool(state.get("safe") is True and not state.get("no_text") or state.get("contact"))


# --------------------------------------------------------------------------------------
# Asking again, and the small replies in between
# --------------------------------------------------------------------------------------


def reask_kind() -> str:
    return _('Sorry, I didn\'t get that. You can reply 1, 2, 3 or 4. Or type words like "complain" or "thank you".')


def reask_about() -> str:
    return _(
        'Sorry, I didn\'t get that. Is it about you, or someone else? Reply 1 or 2, or words like "me" or "my son".'
    )


def reask_role() -> str:
    return _('Sorry, I didn\'t get that. Reply with a number from 1 to 6, or a word like "parent" or "teacher".')


def reask_yes_no() -> str:
    return _("Sorry, I didn't get that. Please reply YES or NO.")


def reask_advocate() -> str:
    return _("Sorry, I didn't get that. Would you like an advocate? Reply YES or NO.")


def reask_safe() -> str:
    return _("Sorry, I didn't get that. Can we text you on this number? Reply YES or NO.")


def reask_confirm() -> str:
    return _("Sorry, I didn't get that. Reply YES to send it, or tell us what to add or change.")


def reask_contact() -> str:
    return _(
        "Sorry, that doesn't look like a phone number or email address, like sam@example.com. Try again, or reply SKIP."
    )


def reask_any() -> str:
    return _("Sorry, I didn't get that. Please try again.")


def stuck(s: Settings) -> str:
    return _(
        "Still stuck? Reply HELP, or call us free on %(phone)s. You can also use the form on our website.",
        phone=s.council.rights_officer_phone,
    )


def help_text(s: Settings) -> str:
    return _(
        "Tell %(council)s what's wrong, say thanks or share an idea. Rights officer: %(phone)s. "
        "Childline (free): 0800 1111. In danger? Call 999.",
        council=s.council.name,
        phone=s.council.rights_officer_phone,
    )


def no_words() -> str:
    return _("Sorry, we didn't get any words. Please type your answer.")


def welcome_back() -> str:
    return _("Welcome back. Let's carry on where we were. Reply START AGAIN to begin again.")


def starting_again() -> str:
    return _("OK, let's start again.")


def tell_us_first() -> str:
    return _("Please tell us a little about it first. Then reply DONE.")


def got_it() -> str:
    return _("Got it. Send more, or reply DONE if that's everything.")


def too_long(limit: int) -> str:
    return _(
        "Thank you for telling us so much. That's more than we can take in one go "
        "(%(letters)s). Please say the rest in a shorter way, or reply DONE.",
        letters=ngettext("%(num)d letter", "%(num)d letters", limit),
    )


def not_sent_yet() -> str:
    return _("OK, it's not sent yet. Tell us what to change, or reply YES to send it.")


def added_before_sending() -> str:
    return _("Thanks, we've added that. Reply YES to send it, or tell us more.")


def sure_to_start_again() -> str:
    return _("You've told us a lot. Start again and lose it? Reply YES or NO")


def kept_it() -> str:
    return _("OK, we've kept it. Let's carry on.")


def language_changed() -> str:
    return _("OK, we'll write to you in English.")


def what_now(reference: str) -> str:
    """HELP once it is sent: what they can do now."""
    return _(
        "Text STATUS %(reference)s to check on it. Text ADD and your words to add to it. Text NEW to start a new one.",
        reference=reference,
    )


def what_to_add() -> str:
    return _("What would you like to add? Send it now.")


def added_to(reference: str) -> str:
    return _("Thank you. We've added this to %(reference)s. The person looking at it will see it.", reference=reference)


def too_late_to_add(s: Settings) -> str:
    return _(
        "It's been more than a day, so please call us free on %(phone)s to add to it. Or text NEW to start a new one.",
        phone=s.council.rights_officer_phone,
    )


def ask_for_reference() -> str:
    return _("To check on something you sent, text STATUS and your reference, like STATUS K7QM-3XPD.")


# --------------------------------------------------------------------------------------
# Safety: before anything else
# --------------------------------------------------------------------------------------


def safety_replies(s: Settings, now: datetime, level: str | None = "concern") -> list[str]:
    """The calm reply to a possible risk of harm, sent before anything else.

    Immediate danger outside office hours gives 999 and the emergency duty team first: nobody is in the office
    to read the message tonight, so it never says only that a person will read it in the morning.
    """
    in_hours = clock.in_office_hours(s, now)
    if level == "immediate" and not in_hours:
        return [
            _(
                "If you're in danger now, call 999. Our out-of-hours team is there now: %(phone)s. "
                "Childline is free any time: 0800 1111.",
                phone=s.council.out_of_hours_phone,
            ),
            _("Please call them now. Our office is shut, and a person will read your message when it opens."),
        ]
    first = _(
        "Thank you for telling us. If you're in danger now, call 999. Childline is free any time: 0800 1111. "
        "Rights officer: %(phone)s.",
        phone=s.council.rights_officer_phone,
    )
    if in_hours:
        return [first, _("A person will read your message today.")]
    return [
        first,
        _(
            "A person will read your message the next working morning. Out of hours, call %(phone)s.",
            phone=s.council.out_of_hours_phone,
        ),
    ]


def noted_for_reading() -> str:
    """A message only the model flagged: no 999, just that a person will read it (they will: an alert is raised)."""
    return _("Thank you for telling us. A person will read this.")


def safety_again() -> str:
    """A second disclosure in one conversation: they have had the numbers once; name them briefly, don't repeat."""
    return _(
        "Thank you for telling us. We have added this for the person who reads it. "
        "Childline: 0800 1111. Danger now? Call 999."
    )


# --------------------------------------------------------------------------------------
# Once it is sent, and status look-ups
# --------------------------------------------------------------------------------------


def plain_date(day: date) -> str:
    """ "Thursday 3 December" in the current (forced) language, in the form that follows "by" (every reply puts
    it there): Polish "czwartku, 3 grudnia" after "do"."""
    return date_by(day, spoken_language())


def finished_replies(state: State, ctx: EngineContext, reference: str, acknowledge_by: date) -> list[str]:
    """What we say once the case is stored: the reference, what happens next and the date in plain words."""
    with speaking(state.get("lang") or "en"):
        day = plain_date(acknowledge_by)
        if state.get("kind") == "compliment":
            first = _("Thank you! We'll pass it on. Your reference is %(reference)s.", reference=reference)
        elif contact_given(state):
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
        if ctx.is_sms:
            second = _("To check on it, text STATUS %(reference)s to this number.", reference=reference)
        else:
            second = _("Keep your reference. You can check on it on the Track page.")
        return [first, second]


def status_replies(rep: Representation | None, lang: str, s: Settings) -> list[str]:
    """Where a case is, in plain words. ``None`` (not found, or not theirs) gets the same neutral reply."""
    with speaking(lang or "en"):
        if rep is None:
            return [
                _(
                    "Sorry, we can't find that reference for this number. Check it and try again, or call %(phone)s.",
                    phone=s.council.rights_officer_phone,
                )
            ]
        return [_status_line(rep, s)]


def _status_line(rep: Representation, s: Settings) -> str:
    ref, phone = rep.reference, s.council.rights_officer_phone
    if rep.status is Status.WITHDRAWN:
        return _(
            "%(reference)s: this was stopped. Call %(phone)s if you want to talk about it.", reference=ref, phone=phone
        )
    if rep.status is Status.CLOSED:
        return _("%(reference)s: this is finished. If you're not happy, call %(phone)s.", reference=ref, phone=phone)
    if rep.status is Status.PAUSED:
        return _("%(reference)s: it's on hold for now. We'll tell you when it starts again.", reference=ref)
    if rep.kind is not Kind.COMPLAINT:
        return _("%(reference)s: thank you, we have it and have passed it on.", reference=ref)
    if rep.status is Status.NEW and rep.acknowledge_by:
        return _(
            "%(reference)s: we've got it. A person will look at it by %(date)s.",
            reference=ref,
            date=plain_date(rep.acknowledge_by),
        )
    stage = rep.current_stage
    if stage is not None and stage.is_open and stage.effective_due_on:
        return _(
            "%(reference)s: we're looking into it (step %(stage)s of 3). We aim to reply by %(date)s.",
            reference=ref,
            stage=stage.number,
            date=plain_date(stage.effective_due_on),
        )
    return _(
        "%(reference)s: we've replied to you. If you're not happy, you can ask for the next step. Call %(phone)s.",
        reference=ref,
        phone=phone,
    )
