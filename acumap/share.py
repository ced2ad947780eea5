"""The link to the view on screen, for a class: the address itself and a QR code big enough for the back row.

Pure: the UI passes in the app's address (as the browser sees it), the page and the link's parameters.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno

#: Parameters that describe the view (the map's region and point, the audience, a quiz round, a tour step, a
#: class to join). Anything else in the address is not part of the view and is left out of the shared link --
#: the presenter mode too: it is the projector's layout, and every phone that scans the code would get it.
VIEW_PARAMS: tuple[str, ...] = ("region", "point", "audience", "round", "a", "tour", "join")

#: Where a shown address may break across lines: after its separators (of the path, the parameters and the
#: lists in a value), never inside a word or a code ("EX-B2-" / "T5" would read as a vertebra).
BREAK_AFTER = "/?&=_,.~:"
_BREAK_AFTER = re.compile(f"(?<=[{re.escape(BREAK_AFTER)}])")


def share_link(app_url: str, page: str, params: Mapping[str, str]) -> str:
    """The address of this view: the app's base address, the page's path and the view's parameters in order."""
    scheme, netloc, path, _, _ = urlsplit(app_url)
    page = page.strip("/")
    base = path.rstrip("/")
    # The browser's address may already end with the page's path (Streamlit does not always trim it).
    if page and base.endswith(f"/{page}"):
        base = base[: -len(page) - 1]
    full_path = f"{base}/{page}" if page else f"{base}/"
    query = urlencode([(k, params[k]) for k in VIEW_PARAMS if params.get(k)], safe=",~:")
    return urlunsplit((scheme, netloc, full_path, query, ""))


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
