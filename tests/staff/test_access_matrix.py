"""Every staff route × every role: allowed roles get in, others get 403, other people's cases are 404.

The expectations come from ``tests/test_route_access.py::ROUTES``, so the
declared roles and the real behaviour cannot drift apart.
"""

from __future__ import annotations

from datetime import date

import pytest

from intake.access import CASE_ROLES, can_view_case
from intake.data.attachments import attachments_for
from intake.data.cases import CaseFilter, queue_rows
from intake.domain import casework
from intake.domain.staff_accounts import hash_password
from intake.extensions import db
from intake.models import ChildAgreement, Role, StaffUser, SubmittedBy
from tests.factories import create_representation, create_teams
from tests.letters.stored import letter_ids_on, stored_letter
from tests.staff.officer_forms import stored_file
from tests.test_route_access import ROUTES

_HASH = hash_password("not used in these tests")
STAFF_ENDPOINTS = sorted(e for e, a in ROUTES.items() if e.startswith("staff.") and isinstance(a, frozenset))


@pytest.fixture
def world(session, settings, tmp_path, monkeypatch):
    """One user per role, and a case each of them may see."""
    [team, *_] = create_teams(("Leaving care",))
    # Built directly with one shared hash: argon2 for 5 users × 200 tests would take minutes.
    users = {}
    for role in Role:
        users[role] = StaffUser(
            email=f"{role.value}@council.example",
            name=role.value,
            role=role,
            password_hash=_HASH,
            totp_secret="JBSWY3DPEHPK3PXP",
            team_id=team.id if role is Role.MANAGER else None,
        )
        session.add(users[role])
    session.flush()
    rep = create_representation(submitted_by=SubmittedBy.CHILD, team_id=team.id)
    rep.assigned_to_id = users[Role.ADVOCATE].id
    alert = casework.raise_alert(session, rep, users[Role.COMPLAINTS_OFFICER], settings, "Worried")
    stored_letter(session, rep, users[Role.COMPLAINTS_OFFICER])
    monkeypatch.setitem(settings, "ATTACHMENT_DIR", str(tmp_path / "attachments"))
    rep.child_agreement = ChildAgreement.YES  # so the advocate it is assigned to may see its files
    stored_file(session, rep, settings)
    session.commit()
    return users, rep, alert


def _url(endpoint, rep, alert, user_id):
    from flask import url_for

    args = {"reference": rep.reference, "alert_id": alert.id, "user_id": user_id, "kind": "pause"}
    args["letter_id"] = letter_ids_on(rep)[0]
    args["attachment_id"] = attachments_for(db.session, rep.id)[0].id
    from flask import current_app

    rule = next(r for r in current_app.url_map.iter_rules() if r.endpoint == endpoint)
    with current_app.test_request_context():
        return url_for(endpoint, **{k: v for k, v in args.items() if k in rule.arguments}), rule.methods


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("endpoint", STAFF_ENDPOINTS)
def test_each_staff_route_admits_exactly_its_roles(client, sign_in, post_form, world, endpoint, role):
    users, rep, alert = world
    url, methods = _url(endpoint, rep, alert, users[Role.COMPLAINTS_OFFICER].id)
    sign_in(client, users[role])
    response = client.get(url) if "GET" in methods else post_form(client, url, {}, prefix="x")
    allowed = role in ROUTES[endpoint]
    if allowed:
        # 409: let in, but the case cannot have that letter now (a pause letter for a case not paused).
        assert response.status_code in (200, 302, 400, 409), f"{endpoint} as {role}: {response.status_code}"
    else:
        assert response.status_code == 403, f"{endpoint} as {role}: {response.status_code}"


@pytest.mark.parametrize("role", CASE_ROLES)
def test_a_case_outside_the_viewers_scope_is_a_404_like_a_missing_one(client, sign_in, world, role, session):
    users, _rep, _alert = world
    hidden = create_representation(submitted_by=SubmittedBy.PARENT)  # no team, not assigned, not a child's voice
    sign_in(client, users[role])
    expected = 200 if role is Role.COMPLAINTS_OFFICER else 404
    assert client.get(f"/staff/cases/{hidden.reference}").status_code == expected
    assert client.get("/staff/cases/ZZZZ-ZZZZ").status_code == 404
    assert client.get("/staff/cases/not-a-reference").status_code == 404


def test_an_advocate_who_guesses_another_reference_gets_404_and_it_is_not_in_their_queue(client, sign_in, world):
    users, rep, _alert = world
    other = create_representation(submitted_by=SubmittedBy.CHILD, what_happened="Someone else's story")
    sign_in(client, users[Role.ADVOCATE])
    assert client.get(f"/staff/cases/{other.reference}").status_code == 404
    queue = client.get("/staff/cases").get_data(as_text=True)
    assert rep.reference in queue and other.reference not in queue
    assert other.reference not in client.get("/staff/cases.csv").get_data(as_text=True)


def test_a_manager_sees_only_their_teams_cases_in_the_queue(client, sign_in, world):
    users, rep, _alert = world
    elsewhere = create_representation(submitted_by=SubmittedBy.CHILD)
    sign_in(client, users[Role.MANAGER])
    html = client.get("/staff/cases").get_data(as_text=True)
    assert rep.reference in html and elsewhere.reference not in html


@pytest.mark.parametrize("role", list(Role))
def test_the_queue_in_sql_and_the_case_page_agree_on_who_sees_which_case(session, world, role):
    users, rep, _alert = world
    user = users[role]
    others = [
        create_representation(submitted_by=SubmittedBy.PARENT),
        create_representation(submitted_by=SubmittedBy.ADVOCATE, advocate_id=users[Role.ADVOCATE].id),
        create_representation(submitted_by=SubmittedBy.PROFESSIONAL, team_id=rep.team_id),
    ]
    others[0].safeguarding = True
    session.commit()
    today = date(2026, 11, 2)
    in_queue = {row.case.id for row in queue_rows(session, user, CaseFilter(), today, today)}
    assert in_queue == {r.id for r in [rep, *others] if can_view_case(user, r)}
