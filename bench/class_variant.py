"""A copy of the app whose class page follows the teacher another way (a prototype for bench/class_scale.py).

views/ is not touched: the app's router (app.py) and the class page (views/classroom.py) are copied into a
temporary folder, every page path made absolute, and the class page's `watch` fragment replaced:

- `same`: no change (a control: the copy costs what the original costs);
- `every5`: `run_every=5` instead of 2 (a question reaches the phones up to 5 s after it is asked, not 2);
- `none`: no polling at all (`watch` without `run_every`): with bench/class_scale.py's `--http-poll`, the cost of
  a page that follows the teacher by fetching a tiny file over HTTP instead (what a custom component could do);
- `noop`: a fragment that polls every 2 s and does nothing at all, not even the database read: the floor of any
  polling done with a Streamlit fragment (students would never see the next question: idle measurement only).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WATCH = "@st.fragment(run_every=2)\ndef watch(code: str, question: int, revealed: bool) -> None:\n"
NOOP_BODY = '    """Polls and does nothing (bench/class_variant.py: the floor)."""\n    return\n\n\n'


def variant_page(source: str, variant: str) -> str:
    if WATCH not in source:
        raise RuntimeError("views/classroom.py's watch fragment changed: update bench/class_variant.py")
    if variant == "same":
        return source
    if variant == "every5":
        return source.replace(WATCH, WATCH.replace("run_every=2", "run_every=5"))
    if variant == "none":
        return source.replace(WATCH, WATCH.replace("@st.fragment(run_every=2)", "@st.fragment"))
    if variant == "noop":
        start = source.index(WATCH)
        end = source.index("\n# --- the teacher", start)
        return source[:start] + WATCH + NOOP_BODY + source[end:]
    raise SystemExit(f"unknown variant {variant!r}: same, every5, none or noop")


def write_variant_app(folder: Path, variant: str) -> Path:
    """Write the app's copy into `folder`; the path of its main script (run it with the repository as cwd)."""
    page = folder / "classroom_variant.py"
    page.write_text(variant_page((ROOT / "views" / "classroom.py").read_text(encoding="utf-8"), variant))
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    if '"views/classroom.py"' not in app:
        raise RuntimeError("app.py no longer routes views/classroom.py: update bench/class_variant.py")
    app = app.replace('"views/classroom.py"', repr(str(page)))
    app = app.replace('st.Page("views/', f'st.Page("{ROOT}/views/')
    main = folder / "app_variant.py"
    main.write_text(app, encoding="utf-8")
    return main
