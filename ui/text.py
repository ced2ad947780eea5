"""Show data text safely: escape Markdown so a CSV cell never becomes a link, image, HTML or a directive."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def md(text: object) -> str:
    """Escape every Markdown-significant character of data text."""
    return _SPECIAL.sub(r"\\\1", str(text))
