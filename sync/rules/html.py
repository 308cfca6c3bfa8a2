"""The small part of Markdown the content library uses, as the HTML a SharePoint text web part
holds: paragraphs, bullet lists, bold, and links (escaped, never raw HTML from the library)."""

from __future__ import annotations

import html
import re

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+|/[^)\s]*)\)")


def inline(text: str) -> str:
    """One line of text as HTML: escaped, with ``**bold**`` and ``[text](url)`` links."""
    escaped = html.escape(text, quote=True)
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return _LINK.sub(r'<a href="\2">\1</a>', escaped)


def markdown(text: str) -> str:
    """A block of Markdown (paragraphs separated by blank lines, ``- `` bullet lines) as HTML."""
    parts: list[str] = []
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if paragraph:
            parts.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if bullets:
            parts.append(bullet_list(bullets))
            bullets.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith(("- ", "* ")):
            if paragraph:
                flush()
            bullets.append(line[2:].strip())
        elif bullets:
            # A line after a bullet without a blank line continues that bullet.
            bullets[-1] = f"{bullets[-1]} {line}"
        else:
            paragraph.append(line)
    flush()
    return "".join(parts)


def bullet_list(lines: list[str] | tuple[str, ...]) -> str:
    """Lines of text as an HTML bullet list."""
    return "<ul>" + "".join(f"<li>{inline(line)}</li>" for line in lines) + "</ul>"


def heading(text: str, level: int = 2) -> str:
    """A heading (``h2`` by default; SharePoint text web parts use ``h2`` to ``h4``)."""
    return f"<h{level}>{html.escape(text, quote=True)}</h{level}>"


def paragraph(text: str) -> str:
    """One paragraph of plain text (with bold and links)."""
    return f"<p>{inline(text)}</p>"


def link(text: str, url: str) -> str:
    """A link, both parts escaped."""
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text, quote=True)}</a>'
