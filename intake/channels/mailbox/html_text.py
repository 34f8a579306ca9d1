"""An HTML email's words as plain text (BeautifulSoup with the standard library's parser).

Scripts, styles and anything else a browser would run or hide are dropped, never run. Links keep their
address as text ("the form (https://...)"), because where someone was sent can matter. Everything written as
text stays text: "&lt;he hit me&gt;" in the HTML is "<he hit me>" here, as the person typed it.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

_DROPPED = ("script", "style", "head", "title", "template", "object", "embed", "iframe", "svg", "math", "noscript")
_BLOCKS = (
    "p", "div", "li", "tr", "table", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "section", "article",
    "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "figure", "form",
)  # fmt: skip
_SPACES = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROPPED):
        tag.decompose()
    for link in soup.find_all("a", href=True):
        href = str(link["href"]).strip()
        shown = link.get_text(" ", strip=True)
        address = href.removeprefix("mailto:")
        if href.lower().startswith(("http://", "https://", "mailto:")) and address not in shown:
            link.append(f" ({address})" if shown else address)
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for cell in soup.find_all(("td", "th")):
        cell.insert_after(" ")
    for block in soup.find_all(_BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    for quote in reversed(soup.find_all("blockquote")):  # the message being answered: marked as plain text quotes are
        quote.replace_with(
            "\n" + "\n".join("> " + line for line in quote.get_text().split("\n") if line.strip()) + "\n"
        )
    lines = [_SPACES.sub(" ", line).strip() for line in soup.get_text().split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()
