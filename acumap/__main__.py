"""Command line: `python -m acumap check [DATA_DIR]` lists every problem in the data files.

For whoever edits the CSV files: the same checks the app runs, all problems at once, exit status 1 if any.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from acumap.assets import ASSET_DIR, ASSET_FILES, load_drawing
from acumap.data import DATA_DIR, POINTS_FILE, DataError, DataProblem, load_atlas, shown_name
from acumap.placement import DIAGRAM_VIEWS, outside_diagrams
from acumap.svg import view_box


def check(data_dir: Path, asset_dir: Path) -> list[DataProblem]:
    """Every problem the app would report for these folders (unusable tables, skipped rows, drawings)."""
    problems: list[DataProblem] = []
    boxes = {}
    for view in DIAGRAM_VIEWS:
        try:
            boxes[view] = view_box(load_drawing(view, asset_dir))
        except DataError as err:
            problems += err.problems
    try:
        atlas = load_atlas(data_dir)
    except DataError as err:
        return problems + list(err.problems)
    outside, _ = outside_diagrams(atlas, boxes, shown_name(data_dir / POINTS_FILE))
    return problems + list(atlas.problems) + outside


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acumap", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    checker = commands.add_parser("check", help="list every problem in the data files and drawings")
    checker.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR)
    checker.add_argument(
        "--assets", type=Path, default=ASSET_DIR, help=f"folder of {', '.join(ASSET_FILES.values())}"
    )
    args = parser.parse_args(argv)
    problems = check(args.data_dir, args.assets)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) found." if problems else "The data files have no problems.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
