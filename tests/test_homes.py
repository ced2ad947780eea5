"""One home for each name: the link's words (acumap.links), the session's keys (ui/state.py) and the fixed styles
(ui/styles.py). A page or UI module that reads the address, the session or the page's style with a word of its own
fails here, wherever it sits (every module, recursively)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHELL = sorted(
    [*(ROOT / "ui").rglob("*.py"), *(ROOT / "views").rglob("*.py"), ROOT / "app.py", ROOT / "serve.py"]
)

RULES = {
    # st.query_params.get("region"), st.query_params["a"]: the words are acumap.links's.
    "a link word": (re.compile(r"query_params(\.get(_all)?\(|\[)\s*[\"']"), ()),
    # st.session_state["x"], .get("x"), .pop("x"), .setdefault("x"): the keys are ui/state.py's.
    "a session key": (re.compile(r"session_state(\[|\.(get|pop|setdefault)\()\s*f?[\"']"), ("ui/state.py",)),
    # <style>: fixed styles are ui/styles.py's.
    "a style": (re.compile(r"<style"), ("ui/styles.py",)),
    # st.Page(..., url_path="quiz"): the pages' paths are acumap.links's.
    "a page path": (re.compile(r"url_path=[\"']"), ()),
}


def where(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def offenders(rule: str, files: list[Path]) -> list[str]:
    pattern, home = RULES[rule]
    return [
        f"{where(path)}:{n}: {line.strip()}"
        for path in files
        if where(path) not in home
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_name_has_one_home(rule: str) -> None:
    assert offenders(rule, SHELL) == []


@pytest.mark.parametrize(
    ("rule", "line"),
    [
        ("a link word", 'join = st.query_params.get("join", "")'),
        ("a link word", "answers = st.query_params['a']"),
        ("a session key", 'token = st.session_state.get("_class_token")'),
        ("a session key", 'st.session_state["region_point_pick"] = ""'),
        ("a session key", "st.session_state.setdefault('x', [])"),
        ("a style", 'st.html("<style>.x {}</style>")'),
        ("a page path", 'st.Page("views/quiz.py", url_path="quiz")'),
    ],
)
def test_the_rules_see_a_name_written_in_place(tmp_path: Path, rule: str, line: str) -> None:
    """Each rule catches what it is for (so an empty list above means something)."""
    module = tmp_path / "page.py"
    module.write_text(line + "\n", encoding="utf-8")
    assert len(offenders(rule, [module])) == 1
