"""The map Streamlit loads (ui/component/map.js) is the bundle of its modules (ui/component/map/*.js) as they
are: esbuild, run as `npm run build` runs it, writes the same file."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

from tests.nodejs import COMPONENT


def test_map_js_is_the_bundle_of_its_modules(tmp_path: Path) -> None:
    script = json.loads((COMPONENT / "package.json").read_text(encoding="utf-8"))["scripts"]["build"]
    args = shlex.split(script)
    assert args[0] == "esbuild" and "--outfile=map.js" in args
    esbuild = COMPONENT / "node_modules" / ".bin" / "esbuild"
    assert esbuild.exists(), "run `npm ci --prefix ui/component` (scripts/test.sh does)"
    out = tmp_path / "map.js"
    args = [str(esbuild), *(f"--outfile={out}" if a == "--outfile=map.js" else a for a in args[1:])]
    subprocess.run(args, cwd=COMPONENT, check=True, capture_output=True, timeout=60)
    assert out.read_text(encoding="utf-8") == (COMPONENT / "map.js").read_text(encoding="utf-8"), (
        "ui/component/map.js is stale: run `npm --prefix ui/component run build`"
    )
