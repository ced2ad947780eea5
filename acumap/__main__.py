"""Command line: `python -m acumap check [DATA_DIR]` lists every problem in the data files;
`python -m acumap export [--format json|csv] [--out PATH]` writes the atlas as open data.

For whoever edits the CSV files: the same checks the app runs, all problems at once, exit status 1 if any.
For other tools and teachers: the same export as the app's download buttons (JSON checked by
schema/acumap-export.schema.json; CSV as points.csv and region_points.csv in a folder).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from acumap.atlas.data import DATA_DIR, POINTS_FILE, DataError, DataProblem, load_atlas, shown_name
from acumap.atlas.placement import DIAGRAM_VIEWS, outside_diagrams
from acumap.drawing.assets import ASSET_DIR, ASSET_FILES, load_drawing
from acumap.drawing.svg import view_box
from acumap.export import to_csv, to_json_text


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


def export(data_dir: Path, fmt: str, out: Path | None) -> int:
    try:
        atlas = load_atlas(data_dir)
    except DataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    for problem in atlas.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    if fmt == "json":
        text = to_json_text(atlas)
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")
            print(
                f"{len(atlas.points)} points and {len(atlas.links)} links written to {out}", file=sys.stderr
            )
        return 0
    folder = out or Path("acumap-export")
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in to_csv(atlas).items():
        (folder / name).write_text(table, encoding="utf-8", newline="")
    print(f"{len(atlas.points)} points and {len(atlas.links)} links written to {folder}/", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acumap", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    checker = commands.add_parser("check", help="list every problem in the data files and drawings")
    checker.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR)
    checker.add_argument(
        "--assets", type=Path, default=ASSET_DIR, help=f"folder of {', '.join(ASSET_FILES.values())}"
    )
    exporter = commands.add_parser("export", help="write every point and region link as JSON or CSV")
    exporter.add_argument("--format", choices=("json", "csv"), default="json")
    exporter.add_argument(
        "--out", type=Path, default=None, help="JSON: a file (default: standard output); CSV: a folder"
    )
    exporter.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder to export")
    args = parser.parse_args(argv)
    if args.command == "export":
        return export(args.data, args.format, args.out)
    problems = check(args.data_dir, args.assets)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) found." if problems else "The data files have no problems.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
