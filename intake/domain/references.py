"""Case references such as ``K7QM-3XPD``.

Eight characters from an alphabet with no look-alikes (no 0/O, 1/I/L), read
aloud and typed on a phone easily. Seven are random; the last is a check
character (a weighted sum mod 31), so any single mistyped character, and any swap of two
neighbouring characters, makes a reference that is recognisably wrong and can
never match someone else's case.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_N = len(ALPHABET)
_INDEX = {c: i for i, c in enumerate(ALPHABET)}
_SHAPE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def _weighted_sum(chars: str) -> int:
    # Position weights 8, 7, ..., 1 (the check character has weight 1). The alphabet
    # has 31 characters, a prime, so every non-zero weight is invertible mod 31:
    # changing one character always changes the sum, and swapping neighbours with
    # weights w and w-1 changes it by (a-b), which is non-zero when a != b.
    return sum((len(chars) - i) * _INDEX[c] for i, c in enumerate(chars)) % _N


def _check_character(body: str) -> str:
    """The character that makes the weighted sum of ``body + check`` zero mod 31."""
    partial = sum((8 - i) * _INDEX[c] for i, c in enumerate(body)) % _N
    return ALPHABET[(-partial) % _N]


def _valid_checksum(chars: str) -> bool:
    return _weighted_sum(chars) == 0


def new_reference() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(7))
    chars = body + _check_character(body)
    return f"{chars[:4]}-{chars[4:]}"


def normalise(text: str) -> str | None:
    """Turn what someone typed ("k7qm 3xpd", "K7QM3XPD") into ``K7QM-3XPD``, or None if it can't be one."""
    chars = re.sub(r"[\s\-_.]", "", text or "").upper()
    if len(chars) != 8 or any(c not in _INDEX for c in chars):
        return None
    return f"{chars[:4]}-{chars[4:]}"


def is_valid(reference: str) -> bool:
    """True for a well-formed reference whose check character is right."""
    if not _SHAPE.match(reference or ""):
        return False
    return _valid_checksum(reference.replace("-", ""))


# A reference-shaped word anywhere in a message ("STATUS K7QM-3XPD", "k7qm3xpd?").
REFERENCE_IN_TEXT = re.compile(r"(?<![A-Za-z0-9])([A-Za-z0-9]{4})[\s\-]?([A-Za-z0-9]{4})(?![A-Za-z0-9])")


def find_reference(text: str) -> str | None:
    """The first valid reference in ``text``, normalised, or None."""
    for match in REFERENCE_IN_TEXT.finditer(text or ""):
        candidate = normalise(match.group(1) + match.group(2))
        if candidate and is_valid(candidate):
            return candidate
    return None
