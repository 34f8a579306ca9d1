"""Reading a PDF back as a person's PDF reader would: pdftotext (Debian's poppler-utils).

Without pdftotext the tests that need it are skipped, loudly (``scripts/ensure-test-packages.sh`` installs it as root).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

MISSING = (
    "\n\n*** PDF READ-BACK TESTS SKIPPED: pdftotext is missing. Install Debian's poppler-utils "
    "(scripts/ensure-test-packages.sh does it as root) to check what the letters and reports print. ***\n"
)
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason=MISSING)

# Marks pdftotext adds around right-to-left runs (embeddings, isolates, direction marks).
_DIRECTION_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), "-", "-"]
    return subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")


def arabic_words(pdf: bytes) -> set[str]:
    """The Arabic words in a PDF, whatever order pdftotext puts right-to-left runs in.

    Shaped Arabic may come back as presentation forms (NFKC folds them to letters) and a run may come back
    reversed, so each word is given both ways round.
    """
    text = _DIRECTION_MARKS.sub("", unicodedata.normalize("NFKC", pdf_text(pdf)))
    words = set(re.findall(r"[\u0600-\u06ff]+", text))
    return words | {w[::-1] for w in words}


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))
