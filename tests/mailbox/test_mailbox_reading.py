"""Reading one email without a server: its parts, its kind, its language, its receipt time, what a reply adds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from intake.channels.mailbox.classify import MailKind, classify, sender_is_doubtful
from intake.channels.mailbox.connection import MailboxSettings, is_loopback
from intake.channels.mailbox.html_text import html_to_text
from intake.channels.mailbox.language import asks_not_to_be_written_to, detect_language
from intake.channels.mailbox.parsing import MAX_ATTACHMENTS, parse
from intake.channels.mailbox.taking_in import receipt_time
from intake.channels.mailbox.words import new_words_of_reply, words_of
from intake.config import load_settings, settings_for_tests
from tests.mailbox.samples import PNG, email

SETTINGS = settings_for_tests({"MAIL_FROM": "have-your-say@council.example"})


def test_the_text_part_is_read_exactly_as_written_markup_and_all():
    mail = parse(email(text="He said <you are nothing> & I believed him.\n\nSam"))
    assert mail.text == "He said <you are nothing> & I believed him.\n\nSam\n"
    assert not mail.from_html


def test_html_is_turned_into_text_with_scripts_and_styles_dropped_and_links_kept():
    html = (
        "<style>.x{}</style><p>Read <a href='https://a.example/page'>this</a>.</p>"
        "<script>document.write('x')</script><p>&lt;b&gt;not bold&lt;/b&gt;<br>next line</p>"
        "<a href='mailto:me@example.org'>me@example.org</a><a href='javascript:alert(1)'>click</a>"
    )
    assert html_to_text(html) == (
        "Read this (https://a.example/page).\n\n<b>not bold</b>\nnext line\nme@example.orgclick"
    )


def test_html_quotes_are_marked_like_plain_text_quotes():
    assert html_to_text("<p>Yes</p><blockquote><p>Old</p><p>words</p></blockquote>") == "Yes\n\n> Old\n> words"


def test_a_message_with_a_header_the_modern_parser_cannot_read_still_gives_its_sender_and_words():
    raw = (
        b"From: =?x-unknown?q?Sam?= <sam@example.org>\r\nSubject: =?utf-8?q?broken?=\r\nDate: not a date\r\n\r\nHi\r\n"
    )
    mail = parse(raw)
    assert mail.sender == "sam@example.org"
    assert (mail.sent_at, mail.text) == (None, "Hi\n")


def test_a_message_without_a_message_id_is_known_by_its_sender_date_and_body():
    first = parse(email(message_id=None, text="Same words"))
    again = parse(email(message_id=None, text="Same words"))
    other = parse(email(message_id=None, text="Other words"))
    assert first.message_id is None
    assert first.key == again.key != other.key


def test_the_same_message_id_from_someone_else_is_a_different_message():
    mine = parse(email(sender="sam@example.org", message_id="<1@example.org>"))
    forged = parse(email(sender="someone@example.net", message_id="<1@example.org>"))
    assert mine.key != forged.key


def test_more_attachments_than_we_keep_are_counted_not_read():
    mail = parse(email(attachments=[(f"p{i}.png", PNG, "image/png") for i in range(MAX_ATTACHMENTS + 3)]))
    assert (len(mail.attachments), mail.too_many_attachments) == (MAX_ATTACHMENTS, 3)


def test_a_single_part_attachment_with_no_text_is_kept_as_a_file():
    raw = (
        b"From: sam@example.org\r\nSubject: scan\r\nContent-Type: image/png\r\n"
        b"Content-Disposition: attachment; filename=scan.png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"iVBORw0KGgo=\r\n"
    )
    mail = parse(raw)
    assert [(p.filename, p.data[:8]) for p in mail.attachments] == [("scan.png", PNG[:8])]
    assert mail.text == ""


@pytest.mark.parametrize(
    ("headers", "sender", "kind"),
    [
        ({}, "sam@example.org", MailKind.PERSON),
        ({"Auto-Submitted": "no"}, "sam@example.org", MailKind.PERSON),
        ({"Auto-Submitted": "auto-replied (vacation)"}, "sam@example.org", MailKind.AUTO_REPLY),
        ({"Auto-Submitted": "auto-notified"}, "sam@example.org", MailKind.AUTOMATED),
        ({"X-Autoreply": "no"}, "sam@example.org", MailKind.PERSON),
        ({"Return-Path": "<>"}, "sam@example.org", MailKind.BOUNCE),
        ({"X-Failed-Recipients": "x@example.org"}, "sam@example.org", MailKind.BOUNCE),
        ({}, "MAILER-DAEMON@mx.example.org", MailKind.BOUNCE),
        ({}, "Have-Your-Say@Council.example", MailKind.OWN_MAIL),
        ({"Precedence": "Bulk"}, "news@example.org", MailKind.AUTOMATED),
    ],
)
def test_what_a_message_is_comes_from_its_headers(headers, sender, kind):
    assert classify(parse(email(sender=sender, headers=headers)), SETTINGS) is kind


def test_a_sender_the_receiving_server_could_not_verify_is_doubtful_unless_dkim_passed():
    failed = parse(email(headers={"Authentication-Results": "mx; spf=fail smtp.mailfrom=x; dmarc=fail"}))
    signed = parse(email(headers={"Authentication-Results": "mx; spf=softfail; dkim=pass header.d=example.org"}))
    assert sender_is_doubtful(failed) and not sender_is_doubtful(signed)
    assert not sender_is_doubtful(parse(email()))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zażółć gęślą jaźń", "pl"),
        ("nie jest dobrze i nie wiem czy ktoś mi pomoże", "pl"),
        ("أريد أن أشتكي من العاملة الاجتماعية", "ar"),
        ("My social worker is called Sławek", "en"),
        ("", "en"),
    ],
)
def test_the_language_is_guessed_crudely(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "text",
    ["Please don't email me back", "do not reply, my mum reads this", "Proszę nie odpisywać", "nie odpisuj"],
)
def test_asking_not_to_be_written_to_is_noticed(text):
    assert asks_not_to_be_written_to(text)


def test_an_ordinary_message_does_not_ask_that():
    assert not asks_not_to_be_written_to("Please reply when you can. I do not know what to do.")


def test_the_receipt_time_is_the_date_header_bounded_by_the_mailboxs_receipt_and_now():
    now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    arrived = now - timedelta(hours=1)
    assert receipt_time(arrived + timedelta(minutes=5), arrived, now) == arrived + timedelta(minutes=5)
    assert receipt_time(arrived - timedelta(days=30), arrived, now) == arrived
    assert receipt_time(now + timedelta(days=30), arrived, now) == now
    assert receipt_time(None, arrived, now) == arrived
    assert receipt_time(None, None, now) == now


def test_a_reply_adds_only_its_own_words_above_or_below_the_quote():
    top = parse(email(subject="Re: x", text="Top words\n\nOn Mon, 7 Dec, Us <us@council.example> wrote:\n> old"))
    outlook = parse(email(subject="RE: x", text="Mine\n\nFrom: Us <us@council.example>\nSent: Monday\n\nold"))
    own_subject = parse(email(subject="It happened again", text="> old\nnew"))
    assert new_words_of_reply(top) == "Top words"
    assert new_words_of_reply(outlook) == "Mine"
    assert new_words_of_reply(own_subject) == "It happened again\n\nnew"


def test_a_childs_own_line_about_what_they_wrote_is_not_taken_for_a_quote():
    mail = parse(email(subject="Re: x", text="On Monday I wrote: he hit me\nand it happened again"))
    assert new_words_of_reply(mail) == "On Monday I wrote: he hit me\nand it happened again"


def test_the_subject_is_the_first_line_of_the_words_and_a_long_text_is_cut_at_a_space():
    mail = parse(email(subject="Subject", text="word " * 50))
    words = words_of(mail, 100)
    assert words.kept.startswith("Subject\n\nword word")
    assert len(words.kept) <= 100 and not words.kept.endswith(" wor")
    assert words.kept + words.overflow == f"Subject\n\n{('word ' * 50).strip()}"
    assert words.whole_text.data.decode() == words.kept + words.overflow


def test_only_a_loopback_server_may_be_reached_without_encryption():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("imap.council.example") and not is_loopback("10.0.0.5")


def test_mailbox_settings_come_from_the_app_settings_with_the_port_following_imap_ssl():
    assert MailboxSettings.from_config(load_settings({"APP_ENV": "test", "IMAP_SSL": "false"})).port == 143
    assert MailboxSettings.from_config(load_settings({"APP_ENV": "test"})).port == 993
    assert not MailboxSettings.from_config(settings_for_tests({"IMAP_HOST": "h"})).configured
