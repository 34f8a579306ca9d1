"""Benchmark: a two-page letter as a PDF, against the floor of a bare fpdf2 page with the same fonts.

    .venv/bin/python bench/letters.py
    .venv/bin/python bench/letters.py --runs 20

Prints, as medians over ``--runs`` renders (after one warm-up):

- composing a two-page stage 1 response (fixed parts through Babel, the officer's words) in English and Arabic;
- rendering it to PDF (``intake.letters.bodies.letter_pdf``): layout, shaping (Arabic), font subsetting;
- the floor: a bare fpdf2 A4 page with the same fonts loaded and one line of text, and the ratio against it;
- the PDF's size and page count.

Loading the fonts (fontTools parsing each TTF) and subsetting them into the PDF are most of the floor, and a
letter pays them once per render; an Arabic letter also pays HarfBuzz shaping on every line.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("APP_ENV", "test")

from fpdf import FPDF  # noqa: E402

from intake import create_app  # noqa: E402
from intake.config import TEST_SETTINGS  # noqa: E402
from intake.letters.bodies import letter_pdf  # noqa: E402
from intake.letters.compose import LetterDraft, compose  # noqa: E402
from intake.letters.facts import Council, LetterFacts, StageFacts  # noqa: E402
from intake.letters.glyphs import ARABIC, EMOJI, LATIN  # noqa: E402
from intake.letters.kinds import RULES, LetterKind  # noqa: E402
from intake.models import Kind, Procedure, Status  # noqa: E402

FINDINGS = {
    "en": "We read your messages and spoke to your social worker and their manager. "
    "Your social worker did not call you back for three weeks. That was wrong, and we are sorry. ",
    "ar": "قرأنا رسائلك وتحدثنا مع الأخصائي الاجتماعي ومديره. لم يتصل بك الأخصائي الاجتماعي لمدة ثلاثة أسابيع. "
    "كان ذلك خطأ، ونحن آسفون. ",
}


def _facts(language: str) -> LetterFacts:
    stage = StageFacts(1, True, date(2026, 11, 16), date(2026, 11, 16), None, None, None)
    return LetterFacts(
        reference="K7QM-3XPD",
        kind=Kind.COMPLAINT,
        procedure=Procedure.STATUTORY,
        status=Status.OPEN,
        for_child=True,
        language=language,
        name="Sam",
        handled_by="Olu Officer",
        today=date(2026, 11, 4),
        received_on=date(2026, 11, 2),
        acknowledged=True,
        stage1_due=date(2026, 11, 16),
        stages=(stage,),
        advocate=None,
        escalate_by=date(2026, 12, 2),
        council=Council(
            "Demo Borough Council",
            ("Town Hall", "1 High Street"),
            "0800 123 4567",
            "complaints@council.example",
            "www.lgo.org.uk, 0300 061 0614",
        ),
    )


def _draft(language: str) -> LetterDraft:
    findings = "\n\n".join(FINDINGS[language] * 2 for _ in range(6))
    parts = {
        "outcome": "upheld",
        "resolved": "yes",
        "findings": findings,
        "actions": FINDINGS[language],
        "terms": FINDINGS[language],
    }
    return LetterDraft(LetterKind.STAGE1_RESPONSE, language, "Sam", "12 Long Road\nDemo Town", "Olu Officer", parts)


def _bare_page(language: str) -> bytes:
    pdf = FPDF(format="A4")
    for face in (LATIN, ARABIC, EMOJI) if language == "ar" else (LATIN,):
        pdf.add_font(face.family, "", str(face.regular))
        if face.bold:
            pdf.add_font(face.family, "B", str(face.bold))
    pdf.add_page()
    pdf.set_font(ARABIC.family if language == "ar" else LATIN.family, size=11)
    pdf.set_text_shaping(language == "ar")
    pdf.cell(0, 6, FINDINGS[language][:60])
    return bytes(pdf.output())


def _median_ms(fn, runs: int) -> tuple[float, object]:
    result = fn()  # warm-up: imports, caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_request_context("/"):
        for language in ("en", "ar"):
            facts, draft, rules = _facts(language), _draft(language), RULES[LetterKind.STAGE1_RESPONSE]
            compose_ms, letter = _median_ms(lambda: compose(facts, draft, rules), args.runs)  # noqa: B023
            pdf_ms, pdf = _median_ms(lambda: letter_pdf(letter), args.runs)  # noqa: B023
            floor_ms, _bare = _median_ms(lambda: _bare_page(language), args.runs)  # noqa: B023
            pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
            print(
                f"{language}: compose {compose_ms:.1f} ms; PDF {pdf_ms:.0f} ms for {pages} pages, {len(pdf) / 1024:.0f} KB; "
                f"bare fpdf2 page with the same fonts {floor_ms:.0f} ms; ratio {pdf_ms / floor_ms:.2f}"
            )


if __name__ == "__main__":
    main()
