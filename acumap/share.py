"""The link to the view on screen, for a class, as a picture: the address set to wrap only at its separators, and
a QR code big enough for the back row. The link itself is made by acumap.links.share_link.
"""

from __future__ import annotations

import html
import io
import re

import segno

#: Where a shown address may break across lines: after its separators (of the path, the parameters and the
#: lists in a value), never inside a word or a code ("EX-B2-" / "T5" would read as a vertebra).
BREAK_AFTER = "/?&=_,.~:"
_BREAK_AFTER = re.compile(f"(?<=[{re.escape(BREAK_AFTER)}])")


def breakable_html(link: str) -> str:
    """The link as escaped HTML that wraps only after a separator (BREAK_AFTER): each piece between them in a span that does
    not break (`white-space: nowrap`, so not at a code's hyphen either), a `<wbr>` between the pieces. Copying
    the text gives the link unchanged."""
    return "<wbr>".join(
        f'<span style="white-space: nowrap">{html.escape(part)}</span>' for part in _BREAK_AFTER.split(link)
    )


def qr_png(link: str, scale: int = 12, border: int = 4) -> bytes:
    """The link as a QR code PNG, with error correction at level M (15% of the code may be hidden or blurred).

    `scale` is the pixels per module: at 12 a typical link (a version 3-4 code, 29-33 modules) is about
    450 px wide, each module a visible square from across a room when projected.
    """
    code = segno.make(link, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=border, dark="#000000", light="#ffffff")
    return out.getvalue()


def qr_modules(link: str) -> tuple[tuple[bool, ...], ...]:
    """The link's QR code (level M, as `qr_png`) as rows of modules, True for dark, without the quiet zone: for
    drawing it as vector squares on a printed page."""
    code = segno.make(link, error="m", micro=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)
