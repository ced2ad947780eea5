"""Values packed into a link: a version, then the value's bytes, compressed and written in URL-safe base64.

A pain drawing (acumap.pain) and a home plan (acumap.home_plan) live in the page's link, never on the server, so
that a practitioner can reopen them at the next visit. Both are written `<version>.<base64url of zlib of the
bytes>`: short, safe in a URL without escaping, and read back only through `unpack`, which refuses anything it
cannot vouch for (another version, a mangled text, a stream cut short or with bytes after its end, a value that
would unpack too large) with one plain-English sentence the page shows as a notice. Pure: no Streamlit.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

#: base64url without its padding (the link drops the "=").
_B64URL = re.compile(r"^[A-Za-z0-9_-]*$")


class LinkError(ValueError):
    """A link value that cannot be read; its message is a plain sentence for the page's notice."""


def pack(version: int, payload: bytes) -> str:
    """`<version>.<base64url(zlib(payload))>`, without base64 padding."""
    body = base64.urlsafe_b64encode(zlib.compress(payload, 9)).rstrip(b"=").decode("ascii")
    return f"{version}.{body}"


def unpack(text: str, version: int, what: str, max_chars: int, max_bytes: int) -> bytes:
    """The payload of a packed value of this version, or LinkError saying what is wrong with it.

    `what` names the value in messages ("pain drawing"); `max_chars` bounds the text read, `max_bytes` what it
    may unpack to (a small text must not unpack into megabytes).
    """
    text = text.strip()
    if len(text) > max_chars:
        raise LinkError(f"The {what} in the link is too long to be one of AcuMap's ({len(text)} characters).")
    head, dot, body = text.partition(".")
    if not dot or not head.isdigit():
        raise LinkError(f"The {what} in the link does not start with a version number; it cannot be read.")
    if int(head) != version:
        raise LinkError(
            f"The {what} in the link was written in format {int(head)}; this AcuMap reads format {version}."
        )
    if not body or not _B64URL.match(body) or len(body) % 4 == 1:
        raise LinkError(f"The {what} in the link is damaged (it has characters a link of AcuMap never has).")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise LinkError(f"The {what} in the link is damaged; it cannot be read.") from None
    inflater = zlib.decompressobj()
    try:
        payload = inflater.decompress(raw, max_bytes + 1)
    except zlib.error:
        raise LinkError(f"The {what} in the link is damaged; it cannot be read.") from None
    if len(payload) > max_bytes or inflater.unconsumed_tail:
        raise LinkError(f"The {what} in the link is larger than AcuMap ever writes; it was not read.")
    if not inflater.eof:
        raise LinkError(f"The {what} in the link is cut short (part of it is missing); copy the whole link.")
    if inflater.unused_data:
        raise LinkError(f"The {what} in the link has extra characters after its end; it was not read.")
    return payload
