"""Polling the complaints mailbox (a real Dovecot on loopback): every message becomes a case exactly once."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from intake.channels.mailbox import MailboxPoller, poll_mailbox_once
from intake.channels.mailbox import poller as poller_module
from intake.channels.mailbox.connection import KEYWORD, UNREADABLE_KEYWORD, MailboxFolder
from intake.models import Channel, ContactMethod, MailboxMessage, Notification, Representation
from tests.mailbox.samples import email


def cases(session) -> list[Representation]:
    session.expire_all()
    return list(session.scalars(select(Representation).order_by(Representation.id)))


def mailbox_rows(session) -> int:
    return session.scalar(select(func.count()).select_from(MailboxMessage))


def test_a_new_email_becomes_a_case_with_the_sender_as_a_safe_email_contact_and_is_then_flagged(mailbox, poll, session):
    mailbox.append(email(sender="Sam Jones <sam@example.org>", subject="My social worker", text="Nobody calls back."))

    stats = poll()

    assert (stats.looked_at, stats.cases, stats.error) == (1, 1, None)
    [rep] = cases(session)
    assert rep.channel is Channel.EMAIL
    assert rep.what_happened == "My social worker\n\nNobody calls back."
    assert (rep.contact_email, rep.contact_name) == ("sam@example.org", "Sam Jones")
    assert rep.safe_to_contact is True and rep.preferred_contact is ContactMethod.EMAIL
    [(_, flags)] = mailbox.messages()
    assert {"\\Seen", KEYWORD} <= flags


def test_the_sender_is_acknowledged_by_email_through_the_outbox(mailbox, poll, session):
    mailbox.append(email(sender="sam@example.org"))
    poll()
    [rep] = cases(session)
    acks = session.scalars(select(Notification).where(Notification.template == "acknowledgement")).all()
    assert [(n.recipient, n.representation_id) for n in acks] == [("sam@example.org", rep.id)]


def test_polling_again_makes_no_second_case(mailbox, poll, session):
    mailbox.append(email())
    poll()
    again = poll()
    assert (again.looked_at, again.cases) == (0, 0)
    assert len(cases(session)) == 1


class Crash(BaseException):
    """Stands for the process dying: not an Exception, so nothing on the way up catches it."""


def test_a_crash_between_the_commit_and_the_flag_makes_no_second_case(mailbox, poll, session, monkeypatch):
    mailbox.append(email())

    def die(self, uid):
        raise Crash

    with monkeypatch.context() as patched:
        patched.setattr(MailboxFolder, "mark_done", die)
        with pytest.raises(Crash):
            poll()
    assert len(cases(session)) == 1
    [(_, flags)] = mailbox.messages()
    assert KEYWORD not in flags  # committed, never flagged

    after = poll()

    assert (after.looked_at, after.already_known, after.cases) == (1, 1, 0)
    assert len(cases(session)) == 1
    [(_, flags)] = mailbox.messages()
    assert KEYWORD in flags


def test_two_pollers_taking_in_the_same_message_at_the_same_moment_make_one_case(app, mailbox, session, monkeypatch):
    mailbox.append(email())
    both_ready = threading.Barrier(2, timeout=20)
    real_take_in = poller_module.take_in

    def take_in_together(*args, **kwargs):
        both_ready.wait()  # neither has written anything yet: both found the message new
        return real_take_in(*args, **kwargs)

    monkeypatch.setattr(poller_module, "take_in", take_in_together)
    results = []
    threads = [threading.Thread(target=lambda: results.append(MailboxPoller(app.config).poll(app))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert sorted((r.cases, r.already_known, r.unreadable, r.error) for r in results) == [
        (0, 1, 0, None),
        (1, 0, 0, None),
    ]
    assert len(cases(session)) == 1
    assert mailbox_rows(session) == 1
    [(_, flags)] = mailbox.messages()
    assert KEYWORD in flags


def test_two_pollers_over_many_messages_make_exactly_one_case_of_each(app, mailbox, session):
    for i in range(20):
        mailbox.append(email(subject=f"Complaint number {i}"))
    results = []
    threads = [threading.Thread(target=lambda: results.append(MailboxPoller(app.config).poll(app))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert [r.error for r in results] == [None, None]
    assert sum(r.cases for r in results) == 20
    subjects = sorted(rep.what_happened.split("\n")[0] for rep in cases(session))
    assert subjects == sorted(f"Complaint number {i}" for i in range(20))
    assert all(KEYWORD in flags for _, flags in mailbox.messages())


def test_a_message_someone_has_already_opened_in_the_shared_mailbox_is_still_taken_in(mailbox, poll, session):
    mailbox.append(email(), flags=("\\Seen",))
    assert poll().cases == 1


def test_with_a_done_folder_taken_in_messages_are_moved_there(mailbox, poll, session):
    mailbox.configure(IMAP_DONE_FOLDER="Done")
    mailbox.append(email())
    mailbox.append(email(subject="Another"))

    assert poll().cases == 2
    assert mailbox.messages("INBOX") == []
    assert len(mailbox.messages("Done")) == 2
    assert poll().looked_at == 0


def test_starttls_is_used_on_the_plain_port_when_imap_ssl_is_off(mailbox, poll, session):
    mailbox.configure(use_ssl=False)
    mailbox.append(email())
    log = mailbox.root / "dovecot.log"
    before = log.stat().st_size if log.exists() else 0
    stats = poll()
    assert (stats.error, stats.cases) == (None, 1)
    # Dovecot logs the poll's login with "TLS" when it ran over STARTTLS; its log process may write it a moment later.
    deadline = time.monotonic() + 5
    while "TLS" not in log.read_bytes()[before:].decode(errors="replace") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "TLS" in log.read_bytes()[before:].decode(errors="replace")


def test_poll_mailbox_once_takes_the_app_as_the_worker_would_call_it(app, mailbox, session):
    mailbox.append(email())
    stats = poll_mailbox_once(app, app.config)
    assert stats.cases == 1
    assert len(cases(session)) == 1


def test_a_message_that_cannot_be_taken_in_is_flagged_for_a_person_and_the_rest_go_on(
    mailbox, poll, session, monkeypatch, caplog
):
    mailbox.append(email(subject="Breaks things", message_id="<breaks@example.org>"))
    mailbox.append(email(subject="Fine"))
    real_take_in = poller_module.take_in

    def fails_on_one(session_, mail, *args, **kwargs):
        if mail.subject == "Breaks things":
            raise ValueError("a bug")
        return real_take_in(session_, mail, *args, **kwargs)

    monkeypatch.setattr(poller_module, "take_in", fails_on_one)
    stats = poll()

    assert (stats.cases, stats.unreadable, stats.error) == (1, 1, None)
    flags = [f for _, f in mailbox.messages()]
    assert {"\\Flagged", UNREADABLE_KEYWORD} <= flags[0] and "\\Seen" not in flags[0]
    assert "<breaks@example.org>" in caplog.text and "Breaks things" not in caplog.text
    assert poll().looked_at == 0  # not tried again and again


def test_messages_the_mailbox_received_before_mailbox_since_are_left_alone(app, mailbox, poll, session, monkeypatch):
    from datetime import UTC, date, datetime

    with mailbox.open() as box:
        box.append(email(subject="Old"), "INBOX", dt=datetime(2020, 1, 1, 12, 0, tzinfo=UTC))
    mailbox.append(email(subject="New"))
    monkeypatch.setitem(app.config, "MAILBOX_SINCE", date(2026, 1, 1))

    assert poll().cases == 1
    assert [rep.what_happened.split("\n")[0] for rep in cases(session)] == ["New"]
    old, new = mailbox.messages()
    assert KEYWORD not in old[1] and KEYWORD in new[1]


def test_a_server_on_loopback_without_tls_is_read_in_the_clear(app, dovecot_without_tls, session, monkeypatch):
    server = dovecot_without_tls
    server.empty()
    for key, value in server.settings(use_ssl=False, IMAP_CA_FILE=None).items():
        monkeypatch.setitem(app.config, key, value)
    server.append(email())
    stats = MailboxPoller(app.config).poll(session)
    assert (stats.error, stats.cases) == (None, 1)


def test_the_worker_command_polls_the_mailbox_when_it_is_set_up(app, mailbox, session):
    mailbox.append(email(subject="Sent to the shared inbox"))
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    [rep] = cases(session)
    assert rep.what_happened.startswith("Sent to the shared inbox")
