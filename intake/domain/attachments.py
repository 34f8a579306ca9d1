"""Files that come with a case (an email's attachments, later a letter's scan): what we keep and what we refuse.

A file is judged by what it is, read from its bytes (``filetype``), never by its name or the type the sender
claimed. We keep PDF, JPEG, PNG, HEIC/HEIF, plain text, Word (DOCX) and OpenDocument text (ODT), up to
``ATTACHMENT_MAX_BYTES``, and only without active content: no PDF that runs JavaScript, launches programs or
carries embedded files; no Word or ODT document with macros, embedded programs, DDE fields or external
templates; no program, whatever its name. Anything else is refused with a reason staff can read, and the
mailbox lists a refused file on the case without keeping it.

``store_attachment`` is the one way a file joins a case, from any channel (the mailbox today, the staff
upload page next). It writes in the caller's transaction and never commits.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import filetype
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from intake.config import Settings
from intake.data import attachments as files
from intake.models import Attachment, Representation

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# Why a file was not kept, for staff. The code is stored on the attachment's row.
REFUSALS = {
    "empty": _l("The file is empty."),
    "too_big": _l("The file is too big to keep."),
    "not_allowed": _l(
        "We do not keep this type of file. We keep PDF, JPEG, PNG, HEIC, plain text, Word (DOCX) and ODT files."
    ),
    "active_content": _l("The file has active content, such as a program, scripts or macros, so we did not keep it."),
    "unreadable": _l("We could not read the file, so we could not check it was safe to keep."),
    "too_many": _l("The email had more attachments than we keep from one message."),
}

_PDF = "application/pdf"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_ODT = "application/vnd.oasis.opendocument.text"
_TEXT = "text/plain"
_IMAGES = {"image/jpeg": "jpg", "image/png": "png", "image/heic": "heic", "image/heif": "heif"}
_PROGRAMS = {
    "application/x-msdownload",
    "application/x-executable",
    "application/x-mach-binary",
    "application/x-sharedlib",
    "application/vnd.microsoft.portable-executable",
    "application/x-shockwave-flash",
    "application/java-archive",
}
# Starts of files that run (Windows and DOS programs, ELF, Mach-O, Java classes, scripts with a #! line).
_PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of macros (vbaProject.bin) and embedded objects
_TEXT_NAMES = re.compile(r"(?i)^[^.]*$|\.(txt|text|log|csv)$")
_MARKUP_START = re.compile(rb"(?i)^\s*(<!doctype|<html|<svg|<\?xml|<script|<head|<body|<iframe)")
# Characters that could make a file name lie about itself on screen ("invoice\u202efdp.exe").
_BIDI_AND_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Allowed:
    media_type: str
    extension: str


@dataclass(frozen=True)
class Refusal:
    code: str

    @property
    def message(self) -> str:
        return str(REFUSALS[self.code])


def display_name(filename: str | None) -> str:
    """The sender's file name, safe to show: no folders, no control or direction-changing characters."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _BIDI_AND_CONTROL.sub("", name).strip().strip(".") or "attachment"
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 254 - len(ext)] + dot + ext) if dot and len(ext) <= 10 else name[:255]
    return name


def check_file(data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Allowed | Refusal:
    """Whether we keep this file: its type read from its bytes, its size, and no active content."""
    if not data:
        return Refusal("empty")
    if len(data) > max_bytes:
        return Refusal("too_big")
    kind = filetype.guess(data)
    mime = kind.mime if kind else None
    if mime in _PROGRAMS or data.startswith(_PROGRAM_MAGIC):
        return Refusal("active_content")
    if mime in _IMAGES:
        return Allowed(mime, _IMAGES[mime])
    if mime == _PDF:
        return _verdict(pdf_problem(data), Allowed(_PDF, "pdf"))
    if mime == _DOCX:
        return _verdict(docx_problem(data), Allowed(_DOCX, "docx"))
    if mime == _ODT:
        return _verdict(odt_problem(data), Allowed(_ODT, "odt"))
    if mime is None and _TEXT_NAMES.search(display_name(filename)):
        return _verdict(text_problem(data), Allowed(_TEXT, "txt"))
    return Refusal("not_allowed")


def _verdict(problem: str | None, allowed: Allowed) -> Allowed | Refusal:
    return Refusal(problem) if problem else allowed


def store_attachment(
    session: Session,
    representation: Representation,
    filename: str,
    data: bytes,
    source: str,
    *,
    settings: Settings,
) -> Attachment | Refusal:
    """Check a file and keep it on the case, or say why not (nothing is written then).

    The file goes to ``ATTACHMENT_DIR/<case id>/<random name>``; the original name stays in the database. If the
    caller's transaction rolls back, the file is removed with it.
    """
    verdict = check_file(data, filename, settings.mailbox.attachment_max_bytes)
    if isinstance(verdict, Refusal):
        return verdict
    stored_name = files.write_file(session, representation.id, data, settings)
    return files.add_attachment(
        session,
        Attachment(
            representation_id=representation.id,
            original_name=display_name(filename),
            stored_name=stored_name,
            media_type=verdict.media_type,
            size_bytes=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            source=source,
        ),
    )


def list_refused(
    session: Session, representation: Representation, filename: str, size: int, refusal: Refusal, source: str
) -> Attachment:
    """Put a file we did not keep on the case's list, with the reason, so staff can ask for it another way."""
    return files.add_attachment(
        session,
        Attachment(
            representation_id=representation.id,
            original_name=display_name(filename),
            size_bytes=size,
            source=source,
            refused=refusal.code,
        ),
    )


def delete_attachments_for(
    session: Session, representation_ids: Iterable[int], *, settings: Settings | None = None
) -> int:
    """Remove the attachments of these cases (retention calls this when it purges them): the rows now, the files
    once the transaction commits (so a purge that rolls back loses nothing). Returns how many rows went."""
    return files.delete_for_cases(session, list(representation_ids), settings)


# ---------------------------------------------------------------- active content, by type

# PDF names that run something, open something else or carry files (ISO 32000: actions, embedded files, XFA).
_PDF_ACTIVE = {
    "/JavaScript",
    "/JS",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/XFA",
    "/SubmitForm",
    "/ImportData",
    "/GoToE",
    "/GoToR",
}
_PDF_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
_PDF_MAX_OBJECTS = 200_000


def pdf_problem(data: bytes) -> str | None:
    """ "active_content" if the PDF can run or launch anything, "unreadable" if we cannot tell, else None.

    Two looks: every name written in the file (``#xx`` escapes undone, so ``/J#61vaScript`` is caught), and
    every object pypdf reaches from the trailer, which includes those packed in compressed object streams.
    """
    raw_names = {_unescape_pdf_name(m.group()) for m in _PDF_NAME.finditer(data)}
    if raw_names & _PDF_ACTIVE:
        return "active_content"
    try:
        names = _pdf_object_names(data)
    except Exception:  # a PDF pypdf cannot read is one we cannot vouch for
        return "unreadable"
    if names is None:
        return "unreadable"
    return "active_content" if names & _PDF_ACTIVE else None


def _unescape_pdf_name(name: bytes) -> str:
    text = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name)
    return text.decode("latin-1")


def _pdf_object_names(data: bytes) -> set[str] | None:
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return None  # a password-protected PDF cannot be checked
    names: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    while stack:
        if len(seen) > _PDF_MAX_OBJECTS:
            return None
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in dict.items(obj):
                names.add(str(key))
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(list.__iter__(obj))
        elif isinstance(obj, NameObject):
            names.add(str(obj))
    return names


# Office documents are zip files: what is in them, and what their XML says, decides.
_ZIP_MAX_MEMBERS = 5000
_XML_READ_LIMIT = 20 * 1024 * 1024
_DOCX_MACRO_PARTS = re.compile(r"(?i)(vbaproject|vbadata|activex|oleobject|macrosheets|attachedtoolbars|embeddings/)")
_DOCX_FIELDS = re.compile(rb"(?i)\b(DDEAUTO|DDE|INCLUDETEXT)\b")
_DOCX_MACRO_TYPES = re.compile(rb"(?i)macroEnabled|vbaProject|ms-office\.activeX|oleObject")
_EXTERNAL_REL = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
_ODT_SCRIPTS = re.compile(rb"(?i)<script:event-listener|<office:script\b[^/>]*>\s*<|text:dde-connection")


def docx_problem(data: bytes) -> str | None:
    """A Word document with no macros, ActiveX, embedded objects or programs, DDE fields or external parts."""
    members = _zip_members(data)
    if members is None:
        return "unreadable"
    names = [info.filename for info in members]
    if any(_DOCX_MACRO_PARTS.search(n) for n in names):
        return "active_content"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in members:
            head = _read(zf, info, 8)
            if head.startswith(_OLE) or head.startswith(_PROGRAM_MAGIC[:2]):
                return "active_content"
            if not info.filename.lower().endswith((".xml", ".rels")):
                continue
            xml = _read(zf, info, _XML_READ_LIMIT)
            if info.filename == "[Content_Types].xml" and _DOCX_MACRO_TYPES.search(xml):
                return "active_content"
            if info.filename.endswith(".rels") and _external_parts(xml):
                return "active_content"
            if info.filename.startswith("word/") and _DOCX_FIELDS.search(_field_codes(xml)):
                return "active_content"
    return None


def _external_parts(rels: bytes) -> bool:
    """An external relationship that a word processor fetches by itself (a template, an object, a frame).
    Hyperlinks are external too, but only open when someone follows them."""
    return any(b'TargetMode="External"' in rel and b"/hyperlink" not in rel for rel in _EXTERNAL_REL.findall(rels))


def _field_codes(xml: bytes) -> bytes:
    """The field instructions in a Word part (``<w:instrText>`` and ``w:instr`` attributes), where DDE lives."""
    codes = re.findall(rb"<w:instrText[^>]*>([^<]*)</w:instrText>", xml)
    codes += re.findall(rb'w:instr="([^"]*)"', xml)
    return b" ".join(codes)


def odt_problem(data: bytes) -> str | None:
    """An OpenDocument text with no Basic or script macros, event scripts, DDE links or embedded programs."""
    members = _zip_members(data)
    if members is None:
        return "unreadable"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in members:
            name = info.filename
            if name.startswith(("Basic/", "Scripts/")):
                return "active_content"
            head = _read(zf, info, 8)
            if head.startswith(_OLE) or head.startswith(_PROGRAM_MAGIC[:2]):
                return "active_content"
            if name.endswith(".xml") and _ODT_SCRIPTS.search(_read(zf, info, _XML_READ_LIMIT)):
                return "active_content"
    return None


def _zip_members(data: bytes) -> list[zipfile.ZipInfo] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return members if len(members) <= _ZIP_MAX_MEMBERS else None


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most ``limit`` bytes of a member, so a zip bomb cannot fill memory."""
    try:
        with zf.open(info) as member:
            return member.read(limit)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return b""


def text_problem(data: bytes) -> str | None:
    """Plain text: readable characters (UTF-8, UTF-16 with its mark, or a single-byte code page), not markup
    a browser would run."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return "unreadable"
        body = text.encode("utf-8")
    else:
        body = data
    if b"\x00" in body:
        return "unreadable"
    controls = sum(1 for b in body[:65536] if b < 32 and b not in b"\t\n\r\f")
    if controls > len(body[:65536]) // 100:
        return "unreadable"
    if _MARKUP_START.match(body.lstrip(b"\xef\xbb\xbf")):
        return "active_content"
    return None
