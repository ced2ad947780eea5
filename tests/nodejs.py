"""Running the map's browser modules (ui/component/map/*.js) under Node, to hold them to the Python rules they
mirror: a test hands them the same cases as JSON and compares what they answer."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

from tests.builders import ROOT

COMPONENT = ROOT / "ui" / "component"


def run_js(imports: str, expression: str, data: Any) -> Any:
    """Evaluate `expression` (which may use `data`) in an ES module with `imports` (paths relative to
    ui/component), under Node; return its value, through JSON."""
    node = shutil.which("node")
    assert node, "Node.js is needed for the map's browser rules (scripts/test.sh installs Debian's nodejs)"
    code = (
        f"{imports}\nconst data = {json.dumps(data)};\nprocess.stdout.write(JSON.stringify({expression}));\n"
    )
    proc = subprocess.run(
        [node, "--input-type=module", "-e", code], cwd=COMPONENT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)
