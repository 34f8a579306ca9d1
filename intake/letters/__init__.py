"""Letters to the person who got in touch: what each kind must say, composed from the case, in their language.

- ``kinds``: the kinds of letter, their free parts (what the officer writes) and their rules;
- ``facts``: ``LetterFacts``, the small typed value each letter is composed from, built from a case;
- ``compose``: the letter itself, checked against its kind's rules; ``wording`` writes its fixed parts in plain
  words (through Babel) into ``sections``;
- ``bodies``: the composed letter as plain text, HTML and a printable ``Document``;
- ``pdf`` and ``glyphs``: the PDF renderer (reused by the annual report) and its vendored fonts;
- ``contact``: who may be sent a letter, and how, or why not;
- ``sending``: storing a letter on the case, queueing its email, recording what it changes;
- ``email``: ``render_letter_email``, for the outbox worker.
"""
