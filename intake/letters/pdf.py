"""A small PDF renderer for anything the council prints: a letter for post, the annual report.

The caller describes a ``Document`` (headings, paragraphs, bullet lists and simple tables, an optional
letterhead, a footer) in words already translated; ``render_pdf`` lays it out on A4 with fpdf2 and returns
the bytes. Nothing here knows about cases or letters, so ``report --format pdf`` can use it as it is.

Words print exactly as given: ``<b>`` is four characters, not bold. Arabic is shaped by HarfBuzz (letters
joined, runs right to left) and a right-to-left document is laid out from the right; Polish prints with its
diacritics; an emoji prints from an outline font; anything else prints as U+FFFD (see ``glyphs``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from intake.i18n import RTL_LANGUAGES
from intake.letters.glyphs import ARABIC, EMOJI, LATIN, Face, has_emoji, needs_shaping, printable

BODY_SIZE = 11
LINE = 5.6  # mm per body line
MARGIN = 20  # mm


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A simple table: a header row and rows of text, columns of equal width unless ``widths`` says otherwise."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None  # relative widths, one per column


Block = Heading | Paragraph | Bullets | Table


@dataclass(frozen=True)
class Letterhead:
    """The top of a letter: who it is from (right), who it is to (left), then the date and the reference."""

    sender_lines: tuple[str, ...]
    recipient_lines: tuple[str, ...] = ()
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...]
    language: str = "en"
    letterhead: Letterhead | None = None
    # Printed at the foot of every page, with the page number: "{page}" and "{pages}" are filled in.
    footer: str = ""
    page_label: str = "Page {page} of {pages}"
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)

    @property
    def rtl(self) -> bool:
        return self.language in RTL_LANGUAGES

    def all_text(self) -> Iterable[str]:
        yield self.title
        yield self.footer
        if self.letterhead:
            yield from self.letterhead.sender_lines + self.letterhead.recipient_lines + self.letterhead.details
        for block in self.blocks:
            yield from _block_text(block)


def _block_text(block: Block) -> Iterable[str]:
    if isinstance(block, Heading | Paragraph):
        yield block.text
    elif isinstance(block, Bullets):
        yield from block.items
    else:
        yield from block.header
        for row in block.rows:
            yield from row


class _Printer(FPDF):
    """fpdf2 with our fonts, our footer, and one way to write a run of text in either direction."""

    def __init__(self, doc: Document):
        super().__init__(format="A4")
        self.doc = doc
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 5)
        self.set_lang(doc.language)
        self.set_title(printable(doc.title))
        if doc.author:
            self.set_author(printable(doc.author))
        if doc.subject:
            self.set_subject(printable(doc.subject))
        text = "".join(doc.all_text())
        faces = [ARABIC, LATIN] if doc.rtl else [LATIN]
        if not doc.rtl and needs_shaping(text):
            faces.append(ARABIC)
        if has_emoji(text):
            faces.append(EMOJI)
        for face in faces:
            _add_face(self, face)
        self.main = faces[0].family
        self.set_fallback_fonts([f.family for f in faces[1:]], exact_match=False)
        self.align = Align.R if doc.rtl else Align.L

    def write_text(self, text: str, *, size: float = BODY_SIZE, bold: bool = False, line: float = LINE, align=None):
        text = printable(text)
        if self.doc.rtl or needs_shaping(text):
            self.set_text_shaping(True, direction="rtl" if self.doc.rtl else "ltr")
        else:
            self.set_text_shaping(False)  # Latin needs no shaping, and shaping costs time on every line
        self.set_font(self.main, "B" if bold else "", size)
        self.multi_cell(0, line, text, align=align or self.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def footer(self) -> None:
        """The footer text at the start side, the page number at the end side, on every page.

        The total is fpdf2's page-count alias, filled in when the document is finished. Filled into shaped
        (Arabic) text it lands in the wrong place, so a label that needs shaping becomes "2 / 3".
        """
        self.set_y(-MARGIN)
        self.set_text_color(80, 90, 95)
        label = self.doc.page_label
        if needs_shaping(label):
            label = "{page} / {pages}"
        label = label.format(page=self.page_no(), pages=self.str_alias_nb_pages)
        start, end = (Align.R, Align.L) if self.doc.rtl else (Align.L, Align.R)
        if self.doc.footer:
            self.write_text(self.doc.footer, size=8, line=4, align=start)
            self.set_y(-MARGIN)
        self.set_text_shaping(False)
        self.set_font(self.main if not self.doc.rtl else LATIN.family, "", 8)
        self.cell(0, 4, label, align=end)
        self.set_text_color(0, 0, 0)


def _add_face(pdf: FPDF, face: Face) -> None:
    pdf.add_font(face.family, "", str(face.regular))
    if face.bold is not None:
        pdf.add_font(face.family, "B", str(face.bold))


def _letterhead(pdf: _Printer, head: Letterhead) -> None:
    far = Align.L if pdf.doc.rtl else Align.R
    for i, line in enumerate(head.sender_lines):
        pdf.write_text(line, bold=i == 0, align=far)
    pdf.ln(8)
    for line in head.recipient_lines:
        pdf.write_text(line)
    if head.recipient_lines:
        pdf.ln(6)
    for line in head.details:
        pdf.write_text(line)
    pdf.ln(4)


def _bullets(pdf: _Printer, items: Sequence[str]) -> None:
    indent = 6
    for item in items:
        if pdf.doc.rtl:
            pdf.set_right_margin(MARGIN + indent)
            pdf.write_text(f"• {item}")
            pdf.set_right_margin(MARGIN)
        else:
            pdf.set_left_margin(MARGIN + indent)
            pdf.set_x(MARGIN)
            pdf.write_text(f"• {item}")
            pdf.set_left_margin(MARGIN)
    pdf.ln(1.5)


def _table(pdf: _Printer, table: Table) -> None:
    """Header and rows in order; a right-to-left document reads its columns from the right."""
    rows = [table.header, *table.rows]
    widths = table.widths or tuple(1 for _ in table.header)
    if pdf.doc.rtl:
        rows = [tuple(reversed(r)) for r in rows]
        widths = tuple(reversed(widths))
    if pdf.doc.rtl or any(needs_shaping(c) for r in rows for c in r):
        pdf.set_text_shaping(True, direction="rtl" if pdf.doc.rtl else "ltr")
    else:
        pdf.set_text_shaping(False)
    pdf.set_font(pdf.main, "", BODY_SIZE - 1)
    with pdf.table(col_widths=widths, text_align=pdf.align, line_height=LINE, padding=1.5) as out:
        for r in rows:
            cells = out.row()
            for value in r:
                cells.cell(printable(value))
    pdf.ln(3)


def _block(pdf: _Printer, block: Block) -> None:
    if isinstance(block, Heading):
        pdf.ln(2)
        pdf.write_text(block.text, size=BODY_SIZE + 2, bold=True, line=LINE + 1)
        pdf.ln(1)
    elif isinstance(block, Paragraph):
        pdf.write_text(block.text, bold=block.bold)
        pdf.ln(2.5)
    elif isinstance(block, Bullets):
        _bullets(pdf, block.items)
    else:
        _table(pdf, block)


def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes: A4, page numbers on every page, text searchable and copyable."""
    pdf = _Printer(doc)
    pdf.add_page()
    if doc.letterhead is not None:
        _letterhead(pdf, doc.letterhead)
    pdf.write_text(doc.title, size=BODY_SIZE + 4, bold=True, line=LINE + 2)
    pdf.ln(3)
    for block in doc.blocks:
        _block(pdf, block)
    return bytes(pdf.output())
