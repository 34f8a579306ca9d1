"""A form in progress: its answers as a submission, finished or not, and one case per draft."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from intake.domain import form_drafts
from intake.models import ContactMethod, FormDraft, Kind, Representation, SubmittedBy


def test_a_half_finished_web_form_makes_a_complaint_that_does_not_assume_it_is_safe_to_reply():
    sub = form_drafts.web_form_submission(
        {"who": "me", "what_happened": "he hits me", "contact_phone": "07700900123"}, "pl"
    )
    assert (sub.kind, sub.submitted_by, sub.language) == (Kind.COMPLAINT, SubmittedBy.CHILD, "pl")
    assert sub.safe_to_contact is None and sub.preferred_contact is ContactMethod.NONE


@pytest.mark.parametrize(
    ("answers", "safe", "preferred"),
    [
        ({"contact_phone": "07700900123", "safe": "yes"}, True, ContactMethod.SMS),
        ({"contact_email": "sam@example.org", "safe": "yes"}, True, ContactMethod.EMAIL),
        ({"contact_phone": "07700900123", "safe": "no"}, False, ContactMethod.NONE),
        ({"safe": "yes"}, None, ContactMethod.NONE),  # no way to reply: "safe" means nothing
    ],
)
def test_a_way_to_reply_is_used_only_when_they_said_it_is_safe(answers, safe, preferred):
    sub = form_drafts.web_form_submission(
        {"kind": "idea", "who": "someone_else", "relationship": "parent", **answers}, "en"
    )
    assert (sub.safe_to_contact, sub.preferred_contact, sub.submitted_by) == (safe, preferred, SubmittedBy.PARENT)


def test_a_draft_another_request_has_just_linked_to_a_case_is_not_given_a_second_one(db, session, settings):
    draft = FormDraft(id="two-tabs", purpose="web_form", answers={})
    session.add(draft)
    session.commit()
    assert draft.reference is None  # this request read it before the other one made its case
    with db.engine.begin() as other:  # the other tab's request, a moment later
        other.execute(update(FormDraft).where(FormDraft.id == "two-tabs").values(reference="K7QM-3XPD"))
    sub = form_drafts.web_form_submission({"kind": "wrong", "who": "me", "what_happened": "he hits me"}, "en")
    with pytest.raises(form_drafts.DraftTaken):
        form_drafts.case_for_disclosure(session, draft, sub, settings)
    session.rollback()
    assert session.scalar(select(func.count(Representation.id))) == 0
