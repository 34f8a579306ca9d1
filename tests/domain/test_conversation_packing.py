"""The summary's sentences are packed into texts of at most two segments; a text short enough to fit in two
whatever its encoding is not measured, and the answer is the one measuring gives."""

from __future__ import annotations

from intake.domain.conversation.words import _within_two_segments, pack
from intake.domain.sms_text import segments

PIECES = ["a", "ż", "ب", "{", "€", "😀", "You said it's about your social worker. ", "Zespół: Opieka. ", "فريق. "]


def test_within_two_segments_says_what_measuring_says_at_every_length_and_encoding():
    for piece in PIECES:
        for other in PIECES:
            for count in range(1, 320, 7):
                text = (piece * count + other)[: count + 3]
                assert _within_two_segments(text) is (segments(text) <= 2), (piece, other, count)


def test_sentences_are_packed_into_texts_of_two_segments_at_most():
    sentences = ["You want to tell us something's wrong.", "It's about you.", "You said it's about your PA."] * 4
    texts = pack(sentences)
    assert " ".join(texts) == " ".join(sentences)
    assert all(segments(text) <= 2 for text in texts)
    assert len(texts) == 2
