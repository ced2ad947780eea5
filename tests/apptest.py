"""Running the app headless with Streamlit's AppTest, and reading what it wrote (and a downloaded PDF)."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from streamlit.testing.v1 import AppTest

from tests.builders import ROOT

APP = str(ROOT / "app.py")


def run_app(params: dict[str, str] | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page:
        # st.navigation must have run once before AppTest can switch to one of its pages.
        at.run()
        at.switch_page(page)
    at.run()
    return at


def all_markdown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [s.value for s in at.subheader] + [c.value for c in at.caption]
    parts += [e.value for e in at.info] + [e.value for e in at.warning] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts)


def pdf_pages(pdf: bytes) -> list[tuple[float, float, str, int]]:
    """Each page's size, its text (whitespace collapsed) and how many raster images it holds."""
    doc = pdfium.PdfDocument(pdf)
    out = []
    for page in doc:
        text = " ".join(page.get_textpage().get_text_range().split())
        images = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5))
        out.append((round(page.get_width(), 1), round(page.get_height(), 1), text, images))
    doc.close()
    return out
