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
    # highlights(atlas, choice), marks_for(...): a region is worked out once, by ui.loading.region_view.
    "a region worked out in place": (re.compile(r"\b(highlights|marks_for|number_marks)\("), ()),
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
        ("a region worked out in place", "lit = highlights(atlas, choice) if choice else ()"),
        ("a region worked out in place", "groups = entries(marks_for(atlas, choice))"),
    ],
)
def test_the_rules_see_a_name_written_in_place(tmp_path: Path, rule: str, line: str) -> None:
    """Each rule catches what it is for (so an empty list above means something)."""
    module = tmp_path / "page.py"
    module.write_text(line + "\n", encoding="utf-8")
    assert len(offenders(rule, [module])) == 1


# ---- the core's layers: the body model, the atlas on it, the drawings on both, the features on top ------------

#: Which of the core's layers each layer may import (a feature module, flat in acumap/, may import any layer and
#: other features).
LAYERS = {"body": {"body"}, "atlas": {"body", "atlas"}, "drawing": {"body", "atlas", "drawing"}}


def core_imports(path: Path) -> set[str]:
    """The acumap modules a core module imports (`from acumap.x import y` and `from acumap import y` alike)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "acumap":
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "acumap"}
    return found


def layer_of(module: str) -> str:
    """ "body", "atlas" or "drawing" for a module in those folders; "feature" for the rest of the core."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in LAYERS else "feature"


def layering_offenders(files: list[Path], core: Path = ROOT / "acumap") -> list[str]:
    bad = []
    for path in files:
        rel = path.relative_to(core)
        own = rel.parts[0] if len(rel.parts) > 1 and rel.parts[0] in LAYERS else "feature"
        if own == "feature":
            continue
        bad += [
            f"{rel} ({own}) imports {m}" for m in sorted(core_imports(path)) if layer_of(m) not in LAYERS[own]
        ]
    return bad


def test_each_layer_of_the_core_imports_only_the_layers_below_it() -> None:
    core = sorted((ROOT / "acumap").rglob("*.py"))
    assert {p.parent.name for p in core} >= {"acumap", *LAYERS}  # the folders exist and hold modules
    assert layering_offenders(core) == []


def test_the_layering_rule_sees_an_import_upwards(tmp_path: Path) -> None:
    (tmp_path / "drawing").mkdir()
    probe = tmp_path / "drawing" / "probe.py"
    probe.write_text("from acumap.quiz import draw\nfrom acumap.atlas import data\nimport acumap.tour\n")
    assert layering_offenders([probe], core=tmp_path) == [
        "drawing/probe.py (drawing) imports acumap.quiz.draw",
        "drawing/probe.py (drawing) imports acumap.tour",
    ]
    (tmp_path / "body").mkdir()
    below = tmp_path / "body" / "probe.py"
    below.write_text("from acumap.body import anatomy\nfrom acumap.atlas.data import Atlas\n")
    assert layering_offenders([below], core=tmp_path) == [
        "body/probe.py (body) imports acumap.atlas.data.Atlas"
    ]


def test_core_never_imports_streamlit_and_pages_never_allow_raw_html() -> None:
    import ast

    core = sorted((ROOT / "acumap").rglob("*.py"))  # every module, in sub-packages too
    assert len(core) >= 20
    for path in core:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(name.split(".")[0] == "streamlit" for name in imported), path
    shown = [
        *(ROOT / "views").rglob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
        ROOT / "app.py",
        ROOT / "serve.py",
    ]
    for path in shown:
        text = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in text and "unsafe_allow_javascript" not in text, path


def test_no_legacy_pages_folder() -> None:
    # A `pages/` folder beside app.py puts Streamlit in its legacy multipage mode until st.navigation has run
    # once in the process (test_shell_browser.py shows what a fresh server then does).
    assert not (ROOT / "pages").exists()


def test_the_test_import_rule_sees_one(tmp_path: Path) -> None:
    probe = tmp_path / "test_probe.py"
    probe.write_text("from tests.test_quiz import x\nimport tests.screens\nfrom harness.serving import y\n")
    assert imported_test_modules(probe) == ["tests.test_quiz"]


def imported_test_modules(path: Path) -> list[str]:
    """The test modules (tests/test_*.py) a file imports: a helper two tests share belongs in a helper module."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    return [n for n in names if n.startswith(("tests.test_", "tests.conftest"))]


def test_no_test_module_imports_another() -> None:
    tests = sorted((ROOT / "tests").glob("*.py"))
    assert len(tests) >= 40
    assert {p.name: imported_test_modules(p) for p in tests if imported_test_modules(p)} == {}


def plotly_and_chart_offenders(files: list[Path], core: Path = ROOT / "acumap") -> list[str]:
    """Core modules outside acumap/charts that import Plotly or a chart (the charts sit on top of the features)."""
    import ast

    bad = []
    for path in files:
        rel = path.relative_to(core)
        if rel.parts[0] == "charts":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        bad += [
            f"{rel} imports {m}"
            for m in names
            if m.split(".")[0] == "plotly" or m.startswith("acumap.charts")
        ]
    return bad


def test_every_plotly_figure_is_drawn_in_charts() -> None:
    core = sorted((ROOT / "acumap").rglob("*.py"))
    assert {p.name for p in (ROOT / "acumap" / "charts").glob("*.py")} >= {
        "quiz.py",
        "class_results.py",
        "evidence.py",
    }
    assert plotly_and_chart_offenders(core) == []


def test_the_charts_rule_sees_plotly_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "ok.py").write_text("import plotly.graph_objects as go\n")
    (tmp_path / "quiz.py").write_text("import plotly.graph_objects as go\nfrom acumap.charts.quiz import f\n")
    files = [tmp_path / "charts" / "ok.py", tmp_path / "quiz.py"]
    assert plotly_and_chart_offenders(files, core=tmp_path) == [
        "quiz.py imports plotly.graph_objects",
        "quiz.py imports acumap.charts.quiz",
    ]
