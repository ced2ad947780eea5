"""Rows and data files built in code for the tests: a valid point row to break one column of, and a CSV writer."""

from __future__ import annotations

import csv
import struct
import zlib
from pathlib import Path

from acumap.atlas.data import POINT_COLUMNS

ROOT = Path(__file__).resolve().parent.parent


def point_row(**overrides: str) -> dict[str, str]:
    """A valid back point row (BL18); override any column."""
    row = dict.fromkeys(POINT_COLUMNS, "")
    row.update(
        id="BL18",
        code="BL18",
        view="back",
        spine_level="T9",
        offset_cun="1.5",
        meridian="Bladder",
        pinyin="Ganshu",
        hanzi="肝俞",
        english="Liver Shu",
        plain="Beside the spine in the middle of the back; used to ease aching there.",
        location="Level with the lower border of T9, 1.5 cun from the midline.",
        use="Local point for middle back pain.",
        needling="Oblique, 0.5 cun.",
        cautions="Over the chest wall.",
        caution_tags="pneumothorax",
        source="WHO 2008",
    )
    row.update(overrides)
    return row


def hand_row(**overrides: str) -> dict[str, str]:
    row = point_row(
        id="LI4",
        code="LI4",
        view="hand",
        spine_level="",
        offset_cun="",
        x="-3.5",
        y="-5.2",
        meridian="Large Intestine",
        pinyin="Hegu",
        hanzi="合谷",
        english="Union Valley",
        plain="In the web between thumb and first finger; used with the back points.",
        caution_tags="pregnancy",
    )
    row.update(overrides)
    return row


def write_csv(path: Path, columns: tuple[str, ...] | list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def png_chunks(png: bytes) -> dict[bytes, bytes]:
    """A PNG's chunks by type (the data of the IDAT chunks joined)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks: dict[bytes, bytes] = {}
    i = 8
    while i < len(png):
        (length,) = struct.unpack(">I", png[i : i + 4])
        kind = png[i + 4 : i + 8]
        chunks[kind] = chunks.get(kind, b"") + png[i + 8 : i + 8 + length]
        i += 12 + length
    return chunks


def png_grey_rows(png: bytes) -> list[list[int]]:
    """The pixels of an unfiltered 1-bit greyscale PNG (segno's), row by row: 0 black, 1 white."""
    chunks = png_chunks(png)
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (1, 0)
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 1 + (width + 7) // 8
    rows = []
    for r in range(height):
        line = raw[r * stride : (r + 1) * stride]
        assert line[0] == 0  # no filter
        rows.append([(line[1 + c // 8] >> (7 - c % 8)) & 1 for c in range(width)])
    return rows
