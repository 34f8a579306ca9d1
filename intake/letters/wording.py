"""The words of each kind of letter: fixed parts in plain words, through Babel, around the officer's words.

Called inside ``force_locale``. Letters to children and young people use short sentences and everyday
words (reading age about 9: Flesch-Kincaid grade 5 or lower, checked in tests); letters to adults are plain
too, and name the procedure exactly. Each section has a key (``procedure``, ``advocacy``, ``next_stage``,
...) that the kind's rules require.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from flask_babel import gettext as _

from intake.letters.facts import LetterFacts
from intake.letters.kinds import KindRules, LetterKind
from intake.letters.sections import Para, Section, due_date, fixed, long_date
from intake.models import Outcome, Procedure


class Wording:
    def __init__(self, facts: LetterFacts, parts: Mapping[str, str], rules: KindRules):
        self.facts, self.parts, self.rules = facts, parts, rules
        self.child = facts.for_child

    # ------------------------------------------------------------ shared pieces

    def officer(self, key: str, name: str, heading: str = "", before: tuple[Para, ...] = ()) -> Section | None:
        """A section holding a free part: its paragraphs as written, or (in a preview) where it goes."""
        text = self.parts.get(name, "")
        if not text:
            part = next(p for p in self.rules.parts if p.name == name)
            needed = part.required or (
                part.required_when is not None and self.parts.get(part.required_when[0]) == part.required_when[1]
            )
            return Section(key, heading, before, missing=str(part.label)) if needed else None
        paragraphs = tuple(Para(p.strip(), officer=True) for p in text.split("\n\n") if p.strip())
        return Section(key, heading, before + paragraphs)

    def intro(self, text: str) -> Section:
        return Section("intro", "", fixed(text))

    def ombudsman(self, heading: str | None = None) -> Section:
        return Section(
            "ombudsman",
            heading or _("If you are not happy"),
            fixed(
                _(
                    "If you are not happy with how we are dealing with your complaint, you can contact the Local "
                    "Government and Social Care Ombudsman: %(ombudsman)s.",
                    ombudsman=self.facts.council.ombudsman,
                )
            ),
        )

    def help_and_safety(self) -> Iterator[Section]:
        council = self.facts.council
        if self.child:
            yield Section(
                "help",
                _("Help and support"),
                fixed(
                    _(
                        "If you want to talk to someone about this, call the children's rights officer for free on "
                        "%(phone)s.",
                        phone=council.rights_phone,
                    ),
                    _("If you are in danger now, call 999. You can talk to Childline for free on 0800 1111, any time."),
                ),
            )
        else:
            yield Section(
                "help",
                _("Contact us"),
                fixed(
                    _(
                        "To talk to us about your complaint, email %(email)s. Please give your reference, "
                        "%(reference)s.",
                        email=council.complaints_email,
                        reference=self.facts.reference,
                    )
                ),
            )

    def how_to_ask(self) -> str:
        council, reference = self.facts.council, self.facts.reference
        if self.child:
            return _(
                "To ask, call %(phone)s or email %(email)s. Tell us your reference, %(reference)s.",
                phone=council.rights_phone,
                email=council.complaints_email,
                reference=reference,
            )
        return _(
            "To ask, email %(email)s or write to us at the address at the top of this letter. Please give "
            "your reference, %(reference)s.",
            email=council.complaints_email,
            reference=reference,
        )

    def outcome(self) -> Section:
        sentence = {
            Outcome.UPHELD.value: _("We agree with your complaint."),
            Outcome.PARTLY_UPHELD.value: _("We agree with part of your complaint."),
            Outcome.NOT_UPHELD.value: _("We do not agree with your complaint."),
        }.get(self.parts.get("outcome", ""), "")
        return Section("outcome", _("Our answer"), fixed(sentence), missing="" if sentence else _("Our answer"))

    def actions(self) -> Section | None:
        return self.officer("actions", "actions", _("What we will do"))

    # ------------------------------------------------------------ the kinds

    def title(self) -> str:
        refused_next = self.parts.get("refused") == "next_stage"
        return {
            LetterKind.ACKNOWLEDGEMENT: _("We have your complaint"),
            LetterKind.EXTENSION: _("We need more time to answer your complaint"),
            LetterKind.STAGE1_RESPONSE: _("Our answer to your complaint"),
            LetterKind.STAGE2_ADJUDICATION: _("Our decision after the stage 2 investigation"),
            LetterKind.STAGE3_RESPONSE: _("Our answer to the review panel"),
            LetterKind.REFUSAL: _("We cannot move your complaint to the next stage")
            if refused_next
            else _("We cannot look into your complaint"),
            LetterKind.WITHDRAWAL: _("You have stopped your complaint"),
            LetterKind.PAUSE: _("We have put your complaint on hold"),
        }[self.rules.kind]

    def sections(self) -> Iterator[Section]:
        kind = self.rules.kind
        made = getattr(self, f"_{kind.value}")()
        yield from (s for s in made if s is not None)

    def _acknowledgement(self) -> Iterator[Section | None]:
        f = self.facts
        yield self.intro(
            _(
                "Thank you for telling us about your complaint. Your reference is %(reference)s. "
                "Please use it when you contact us.",
                reference=f.reference,
            )
        )
        yield self.officer(
            "summary",
            "summary",
            _("What you told us"),
            fixed(_("This is what we understand your complaint is about:")),
        )
        yield Section("procedure", _("How we deal with it"), fixed(self._procedure(), self._stage1()))
        who = (
            _("%(name)s is looking into your complaint.", name=f.handled_by)
            if f.handled_by
            else _("Our complaints team is looking into your complaint.")
        )
        yield Section("handler", _("Who is dealing with it"), fixed(who))
        yield Section(
            "due",
            _("When you will hear from us"),
            fixed(_("We will send you our answer by %(date)s.", date=due_date(f.stage1_due))),
        )
        yield self._advocacy()
        yield self.ombudsman()
        yield from self.help_and_safety()

    def _procedure(self) -> str:
        if self.facts.procedure is Procedure.CORPORATE:
            return _("We are dealing with it under the council's complaints procedure. It has two stages.")
        if self.child:
            return _("We follow the rules for complaints about children's social care. There are three stages.")
        return _(
            "We are dealing with it under the Children Act 1989 complaints procedure (the Children Act 1989 "
            "Representations Procedure (England) Regulations 2006). It has three stages."
        )

    def _stage1(self) -> str:
        return _("This is stage 1. At stage 1 we try to put things right quickly.")

    def _advocacy(self) -> Section | None:
        f = self.facts
        phone = f.council.rights_phone
        if f.advocate:
            text = (_("Your advocate is %(advocate)s. They can help you at every step.", advocate=f.advocate),)
        elif self.child:
            text = (
                _(
                    "An advocate is someone who is on your side. They help you say what you want. They do not work "
                    "for social care. It is free."
                ),
                _("To ask for one, call %(phone)s.", phone=phone),
            )
        elif f.procedure is Procedure.STATUTORY:
            text = (
                _(
                    "Children and young people can have free help from an advocate to make a complaint. To ask "
                    "for one, call %(phone)s.",
                    phone=phone,
                ),
            )
        else:
            return None
        heading = _("You can have an advocate") if self.child else _("Help from an advocate")
        return Section("advocacy", heading, fixed(*text))

    def _extension(self) -> Iterator[Section | None]:
        f = self.facts
        stage = f.current_stage
        yield self.intro(
            _("We are still looking into your complaint (reference %(reference)s).", reference=f.reference)
        )
        before = _("Before, we said %(date)s.", date=due_date(stage.original_due)) if stage.original_due else ""
        yield Section(
            "new_date",
            _("Your new date"),
            fixed(
                _(
                    "We need more time to do this properly. We will send you our answer by %(date)s.",
                    date=due_date(stage.due),
                ),
                before,
            ),
        )
        yield self.officer("reason", "reason", _("Why we need more time"))
        yield self.ombudsman()
        yield from self.help_and_safety()

    def _next_stage(self, number: int) -> Section:
        """The right to ask for stage ``number`` (2 or 3), by when, and how (rules-reference §10 items 13, 17)."""
        what = {
            2: _(
                "If you are not happy with our answer, you can ask for stage 2. At stage 2, someone new looks "
                "into your complaint."
            ),
            3: _(
                "If you are not happy with our decision, you can ask for stage 3. At stage 3, a panel of three "
                "people who do not work for the council looks at your complaint."
            ),
        }[number]
        by = _(
            "Please ask by %(date)s. That is 20 working days from this letter.", date=due_date(self.facts.escalate_by)
        )
        return Section("next_stage", _("If you are not happy"), fixed(what, by, self.how_to_ask()))

    def _final(self) -> Section:
        return Section(
            "next_stage",
            _("If you are still not happy"),
            fixed(
                _(
                    "This is the end of our complaints procedure. If you are still not happy, you can ask the Local "
                    "Government and Social Care Ombudsman to look at your complaint: %(ombudsman)s.",
                    ombudsman=self.facts.council.ombudsman,
                ),
                _("You should contact the Ombudsman within 12 months."),
            ),
        )

    def _stage1_response(self) -> Iterator[Section | None]:
        yield self.intro(
            _(
                "We have finished looking into your complaint (reference %(reference)s). This letter "
                "tells you what we found.",
                reference=self.facts.reference,
            )
        )
        yield self.outcome()
        yield self.officer("findings", "findings", _("What we found"))
        yield self.actions()
        if self.parts.get("resolved") == "yes":
            yield self.officer(
                "terms",
                "terms",
                _("What we agreed"),
                fixed(_("You told us that this puts things right. This is what we agreed:")),
            )
        yield self._next_stage(2)
        yield from self.help_and_safety()

    def _stage2_adjudication(self) -> Iterator[Section | None]:
        f = self.facts
        yield self.intro(
            _(
                "We have finished the stage 2 investigation of your complaint (reference %(reference)s).",
                reference=f.reference,
            )
        )
        yield Section(
            "investigation",
            _("Who looked into it"),
            fixed(
                _("%(officer)s looked into your complaint.", officer=f.investigating_officer or ""),
                _(
                    "%(person)s checked that it was done fairly. They do not work for the council.",
                    person=f.independent_person or "",
                ),
            ),
        )
        yield self.outcome()
        yield self.officer("decisions", "decisions", _("Our decision on each point"))
        yield self.actions()
        yield self._final() if self.facts.procedure is Procedure.CORPORATE else self._next_stage(3)
        yield from self.help_and_safety()

    def _stage3_response(self) -> Iterator[Section | None]:
        f = self.facts
        met = (
            _("The review panel met on %(date)s and sent us its report.", date=long_date(f.panel_met_on))
            if f.panel_met_on
            else _("The review panel sent us its report.")
        )
        with_ip = (
            _(
                "We wrote this answer with %(person)s, who looked at your complaint at stage 2.",
                person=f.independent_person,
            )
            if f.independent_person
            else ""
        )
        yield self.intro(" ".join(t for t in (met, _("This letter is our answer."), with_ip) if t))
        yield self.outcome()
        listed = tuple(self._recommendation(r) for r in f.recommendations)
        yield self.officer("recommendations", "response", _("What the panel said, and our answer"), listed)
        yield self._final()
        yield from self.help_and_safety()

    def _recommendation(self, r) -> Para:
        if r.accepted:
            return Para(_("The panel said: %(text)s We accept this.", text=r.text))
        return Para(
            _("The panel said: %(text)s We do not accept this, because: %(reasons)s", text=r.text, reasons=r.reasons)
        )

    def _refusal(self) -> Iterator[Section | None]:
        f = self.facts
        if self.parts.get("refused") == "next_stage":
            intro = _(
                "We have decided that we cannot move your complaint (reference %(reference)s) to the next stage.",
                reference=f.reference,
            )
        else:
            intro = _(
                "We have decided that we cannot look into your complaint (reference %(reference)s) under "
                "our complaints procedure.",
                reference=f.reference,
            )
        yield self.intro(intro)
        yield self.officer("reason", "reason", _("Why"))
        yield Section(
            "ombudsman",
            _("If you do not agree"),
            fixed(
                _(
                    "If you do not agree with our decision, you can ask the Local Government and Social Care "
                    "Ombudsman to look at it: %(ombudsman)s.",
                    ombudsman=f.council.ombudsman,
                )
            ),
        )
        yield from self.help_and_safety()

    def _withdrawal(self) -> Iterator[Section | None]:
        f = self.facts
        yield self.intro(
            _("You told us that you want to stop your complaint (reference %(reference)s).", reference=f.reference)
        )
        yield Section("closed", _("What we have done"), fixed(_("We have closed your complaint.")))
        yield self.officer("note", "note")
        yield Section(
            "come_back",
            _("If you change your mind"),
            fixed(
                _("You can come back to us at any time. Tell us your reference, %(reference)s.", reference=f.reference)
            ),
        )
        yield from self.help_and_safety()

    def _pause(self) -> Iterator[Section | None]:
        f = self.facts
        yield self.intro(
            _(
                "We have decided to stop looking into your complaint (reference %(reference)s) for now.",
                reference=f.reference,
            )
        )
        yield self.officer(
            "proceedings",
            "proceedings",
            _("Why"),
            fixed(_("Other people are dealing with the same things right now:")),
        )
        yield Section(
            "proceedings_effect",
            "",
            fixed(_("If we look into your complaint now, it could get in the way of what they are doing.")),
        )
        yield Section(
            "resubmit",
            _("What happens next"),
            fixed(
                _(
                    "When they have finished, you can ask us to look at your complaint again. Tell us your reference, "
                    "%(reference)s.",
                    reference=f.reference,
                )
            ),
        )
        yield self.ombudsman()
        yield from self.help_and_safety()
