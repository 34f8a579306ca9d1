"""Sign-in that leaks nothing: the same time for an unknown, a known and a slowed-down account; one code signs
in one session even when two bring it at once; authenticator secrets are encrypted at rest."""

from __future__ import annotations

import statistics
import threading
import time
from datetime import UTC, datetime

import pyotp
import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from intake import encryption
from intake.data.staff import claim_totp_step
from intake.extensions import db
from intake.models import SignInFailure, StaffUser
from tests.factories import create_staff
from tests.staff.conftest import csrf_token


def _timed_ms(client, token: str, email: str, address: str) -> float:
    """The CPU time this thread spent answering (the test client serves in the calling thread): what an attacker
    times is the work the server does, and CPU time does not wobble when other processes load the machine."""
    started = time.thread_time()
    client.post(
        "/staff/login",
        data={"csrf_token": token, "email": email, "password": "wrong-password-123"},
        environ_base={"REMOTE_ADDR": address},
    )
    return (time.thread_time() - started) * 1000


@pytest.mark.unchecked_pages("times the server's answer: the test's own page checks would add to it")
def test_unknown_known_and_slowed_accounts_answer_in_the_same_time(client, session):
    create_staff("known@council.example")
    create_staff("slowed@council.example")
    token = csrf_token(client)
    for i in range(8):  # past the free tries: from now on each try for it is told to wait
        _timed_ms(client, token, "slowed@council.example", f"10.8.0.{i}")
    slowed = session.scalars(select(SignInFailure)).all()
    times: dict[str, list[float]] = {"unknown": [], "known": [], "slowed": []}
    for i in range(60):  # interleaved, so a busy moment on the machine falls on all three alike
        address = f"10.9.{i // 200}.{i % 200}"  # no address slows down
        for who in times:
            session.execute(delete(SignInFailure).where(SignInFailure.key.not_in([r.key for r in slowed])))
            session.commit()
            times[who].append(_timed_ms(client, token, f"{who}@council.example", address))
    medians = {who: statistics.median(t) for who, t in times.items()}
    fastest, slowest = min(medians.values()), max(medians.values())
    assert slowest - fastest < max(1.5, 0.25 * fastest), medians
    still = client.post("/staff/login", data={"csrf_token": token, "email": "slowed@council.example", "password": "x"})
    assert still.status_code == 429  # it was being told to wait all along


def test_the_same_code_brought_twice_at_once_signs_in_once(app):
    user = create_staff()
    step = pyotp.TOTP(user.totp_secret).timecode(datetime.now(UTC))
    barrier, won = threading.Barrier(2), []

    def claim():
        with app.app_context(), Session(db.engine) as session:
            me = session.get(StaffUser, user.id)
            barrier.wait()
            if claim_totp_step(session, me, step):
                session.commit()
                won.append(True)
            else:
                session.rollback()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert won == [True]


def test_an_authenticator_secret_is_stored_encrypted_and_read_back_in_clear(session):
    user = create_staff()
    stored = session.execute(text("SELECT totp_secret FROM staff_user WHERE id = :id"), {"id": user.id}).scalar()
    assert encryption.is_encrypted(stored) and user.totp_secret not in stored
    session.expire_all()
    assert pyotp.TOTP(session.get(StaffUser, user.id).totp_secret).now()


def test_a_secret_stored_in_clear_still_works_and_is_encrypted_at_the_next_sign_in(client, session):
    from tests.factories import PASSWORD

    user = create_staff()
    secret = user.totp_secret
    session.execute(text("UPDATE staff_user SET totp_secret = :s WHERE id = :id"), {"s": secret, "id": user.id})
    session.commit()
    session.expire_all()
    token = csrf_token(client)
    client.post("/staff/login", data={"csrf_token": token, "email": user.email, "password": PASSWORD})
    token = csrf_token(client, "/staff/login/code")
    response = client.post("/staff/login/code", data={"csrf_token": token, "code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    stored = session.execute(text("SELECT totp_secret FROM staff_user WHERE id = :id"), {"id": user.id}).scalar()
    assert encryption.is_encrypted(stored)
