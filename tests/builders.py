"""Rows and data files built in code for the tests: a valid point row to break one column of, and a CSV writer."""

from __future__ import annotations

import csv
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
