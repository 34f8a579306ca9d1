"""The child's words on a staff page: escaped as written, with web addresses made into links.

This is the one place we produce HTML from someone's text. Everything is escaped first (so "I want to <kill
myself>" shows exactly as typed, never as a tag and never deleted), then bleach's linkifier turns web
addresses in the escaped text into links that tell the linked site nothing: ``rel="noopener noreferrer
nofollow"``. Only addresses written with http://, https:// or www. become links, so "said.no" stays words.
"""

from __future__ import annotations

from bleach.linkifier import Linker, build_url_re
from markupsafe import Markup, escape

REL = "noopener noreferrer nofollow"
LINK_STARTS = ("http://", "https://", "www.")


def _safe_link(attrs: dict, new: bool = False) -> dict | None:
    if new and not str(attrs.get("_text", "")).lower().startswith(LINK_STARTS):
        return None  # leave it as text
    attrs[(None, "rel")] = REL
    return attrs


_LINKER = Linker(url_re=build_url_re(protocols=["http", "https"]), callbacks=[_safe_link], parse_email=False)


def own_words(text: str | None) -> Markup:
    """``text`` escaped, with its web addresses linked. Line breaks are kept (the page shows them)."""
    if not text:
        return Markup("")
    return Markup(_LINKER.linkify(str(escape(text))))
