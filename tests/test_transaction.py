"""The edge's transaction helper: all of a block's writes are stored together, or none of them."""

from __future__ import annotations

import pytest

from intake.models import Team
from intake.transaction import committed


def test_a_block_that_finishes_commits_everything_it_wrote(session):
    with committed(session):
        session.add(Team(name="First"))
        session.add(Team(name="Second"))
    session.expire_all()
    assert sorted(t.name for t in session.query(Team)) == ["First", "Second"]


def test_a_block_that_raises_stores_nothing_and_the_error_goes_on(session):
    with pytest.raises(RuntimeError), committed(session):
        session.add(Team(name="Lost"))
        session.flush()
        raise RuntimeError("the mail server is down")
    assert session.query(Team).count() == 0


def test_without_a_session_it_uses_the_app_s_session(db):
    with committed() as session:
        session.add(Team(name="Default"))
    assert session is db.session
    assert db.session.query(Team).filter_by(name="Default").count() == 1
