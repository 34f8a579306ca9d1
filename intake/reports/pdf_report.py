"""The annual report as a PDF, for councils to publish: every section as words and tables, printed with the
letters' renderer (``intake.letters.pdf``: A4, page numbers, fonts for Polish and Arabic, text that a reader
can search and copy). Call inside a request context, so the words come out in the reader's language."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _

from intake.letters.pdf import Bullets, Document, Heading, Paragraph, Table, render_pdf
from intake.reports.core_sections import core_sections
from intake.reports.labels import SECTION_LABELS
from intake.reports.sections import Section, extra_sections, narrative_section
from intake.settings import current_settings


def _blocks(section: Section) -> list:
    blocks: list = [Heading(section.heading)]
    blocks += [Paragraph(p) for p in section.paragraphs]
    if section.bullets:
        blocks.append(Bullets(section.bullets))
    for table in section.tables:
        blocks.append(Paragraph(table.caption, bold=True))
        blocks.append(Table(table.header, table.rows))
    return blocks


def annual_report_pdf(year: int, data: dict, suppress: bool, written: dict[str, str]) -> bytes:
    council = current_settings().council.name
    intro = [
        Paragraph(council, bold=True),
        Paragraph(
            _(
                "Children's social care, 1 April %(start)s to 31 March %(end)s, by the date each was received.",
                start=year,
                end=year + 1,
            )
        ),
    ]
    if suppress:
        intro.append(Paragraph(_('To protect children\'s privacy, counts from 1 to 4 are shown as "fewer than 5".')))
    sections = core_sections(data)
    sections += [
        narrative_section("learning", str(SECTION_LABELS["learning"]), written.get("learning", "")),
        narrative_section(
            "improvements", str(SECTION_LABELS["service_improvements"]), written.get("service_improvements", "")
        ),
    ]
    sections += extra_sections(data, SECTION_LABELS)
    blocks = intro + [block for section in sections for block in _blocks(section)]
    title = _("Complaints, compliments and comments: annual report %(year)s", year=data["year"])
    return render_pdf(
        Document(
            title=title,
            blocks=tuple(blocks),
            language=str(get_locale() or "en"),
            footer=f"{council} · {title}",
            page_label=_("Page {page} of {pages}"),
            author=council,
            subject=title,
        )
    )
