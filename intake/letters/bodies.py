"""A composed letter as plain text, as HTML (for the preview and the email) and as a printable ``Document``.

All three come from the same ``ComposedLetter``, so what the officer previewed is what is emailed, stored
and printed. The officer's words are escaped in HTML (Jinja autoescaping) and printed literally in the PDF.
"""

from __future__ import annotations

from flask import current_app

from intake.i18n import RTL_LANGUAGES
from intake.letters.compose import ComposedLetter
from intake.letters.pdf import Document, Heading, Letterhead, Paragraph, render_pdf


def letter_text(letter: ComposedLetter) -> str:
    """The letter as plain text: what is stored on the case, and the email's text part."""
    lines = [*letter.sender_lines, ""]
    if letter.recipient_lines:
        lines += [*letter.recipient_lines, ""]
    lines += [letter.date, letter.reference_line, "", letter.title, "", letter.greeting, ""]
    for section in letter.sections:
        if section.heading:
            lines += [section.heading, ""]
        for paragraph in section.paragraphs:
            lines += [paragraph.text, ""]
    lines += [letter.sign_off, ""]
    lines += [line for line in (letter.signer, letter.signer_role) if line]
    return "\n".join(lines).strip() + "\n"


def letter_html(letter: ComposedLetter) -> str:
    """The letter as an HTML fragment (``templates/letters/letter.html``), in its language and direction."""
    # The template alone, without the page's context processors: the worker renders it outside any request.
    template = current_app.jinja_env.get_template("letters/letter.html")
    return template.render(letter=letter, letter_dir="rtl" if letter.language in RTL_LANGUAGES else "ltr")


def letter_document(letter: ComposedLetter) -> Document:
    blocks: list = [Paragraph(letter.greeting)]
    for section in letter.sections:
        if section.heading:
            blocks.append(Heading(section.heading))
        blocks += [Paragraph(p.text) for p in section.paragraphs]
    blocks += [Paragraph(letter.sign_off)]
    blocks += [
        Paragraph(line, bold=i == 0) for i, line in enumerate(x for x in (letter.signer, letter.signer_role) if x)
    ]
    return Document(
        title=letter.title,
        blocks=tuple(blocks),
        language=letter.language,
        letterhead=Letterhead(letter.sender_lines, letter.recipient_lines, (letter.date, letter.reference_line)),
        footer=f"{letter.sender_lines[0]} · {letter.reference_line}" if letter.sender_lines else letter.reference_line,
        page_label=letter.page_label,
        author=letter.sender_lines[0] if letter.sender_lines else "",
        subject=letter.reference_line,
    )


def letter_pdf(letter: ComposedLetter) -> bytes:
    return render_pdf(letter_document(letter))


def pdf_filename(letter: ComposedLetter) -> str:
    """``letter-K7QM-3XPD-stage1_response.pdf``: ASCII only, safe in a Content-Disposition header."""
    return f"letter-{letter.reference}-{letter.kind}.pdf"
