"""Reach into the map component's DOM from Playwright (tests, screenshots and benchmarks share these).

The component lives in an open shadow root; each diagram is an `<svg data-view>` whose viewBox is in body cm,
so a body position becomes a screen position through getScreenCTM().
"""

from __future__ import annotations

from typing import Any

#: The map component's shadow roots, in page order (the body map has one; the browser page one too).
_ROOTS = "[...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')].map(h => h.shadowRoot).filter(Boolean)"

CLIENT_XY_JS = f"""([view, x, y]) => {{
  for (const root of {_ROOTS}) {{
    const svg = root.querySelector(`svg[data-view="${{view}}"]`);
    if (!svg) continue;
    const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM());
    return [p.x, p.y];
  }}
  return null;
}}"""

LIT_JS = f"""() => {{
  const out = {{}};
  for (const root of {_ROOTS}) for (const el of root.querySelectorAll('[data-point][data-lit]')) {{
    const view = el.ownerSVGElement.dataset.view;
    out[`${{view}}:${{el.dataset.point}}:${{el.dataset.side}}`] = el.dataset.lit;
  }}
  return out;
}}"""

SELECTED_JS = f"""() => {{
  const out = [];
  for (const root of {_ROOTS}) for (const el of root.querySelectorAll('[data-point][data-selected="true"]'))
    out.push(`${{el.ownerSVGElement.dataset.view}}:${{el.dataset.point}}:${{el.dataset.side}}`);
  return out.sort();
}}"""

ON_REGIONS_JS = f"""() => {{
  const out = [];
  for (const root of {_ROOTS}) for (const el of root.querySelectorAll('[data-region][data-on]')) out.push(el.dataset.region);
  return out.sort();
}}"""

FOCUSED_JS = f"""() => {{
  for (const root of {_ROOTS}) {{
    const el = root.activeElement;
    if (el) return el.dataset.region || el.dataset.point || el.tagName;
  }}
  return null;
}}"""

CENTRE_JS = f"""(selector) => {{
  for (const root of {_ROOTS}) {{
    const el = root.querySelector(selector);
    if (!el) continue;
    const r = el.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2, r.width, r.height];
  }}
  return null;
}}"""

RECTS_JS = f"""(selector) => {{
  const out = [];
  for (const root of {_ROOTS}) for (const el of root.querySelectorAll(selector)) {{
    const r = el.getBoundingClientRect();
    out.push({{id: el.dataset.label || el.dataset.point || el.dataset.landmark || '', x: r.left, y: r.top, w: r.width, h: r.height,
              text: el.textContent}});
  }}
  return out;
}}"""

TIP_JS = f"""() => {{
  for (const root of {_ROOTS}) {{
    const tip = root.querySelector('.tip');
    if (tip && !tip.hidden) {{ const r = tip.getBoundingClientRect();
      return {{text: tip.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom,
               vw: document.documentElement.clientWidth, vh: document.documentElement.clientHeight}}; }}
  }}
  return null;
}}"""


def client_xy(page: Any, view: str, x: float, y: float) -> tuple[float, float]:
    """Screen position of a body position (cm) on a diagram (waiting a moment for the diagram, which the map
    draws just after the page's text when the diagrams change)."""
    try:
        pos = page.wait_for_function(CLIENT_XY_JS, arg=[view, x, y], timeout=5_000).json_value()
    except Exception as e:  # playwright's TimeoutError
        raise AssertionError(f"no {view} diagram on the page") from e
    return float(pos[0]), float(pos[1])


def lit(page: Any) -> dict[str, str]:
    """{'view:point:side': 'local'|'distal'} for every lit marker."""
    return dict(page.evaluate(LIT_JS))


def centre(page: Any, selector: str) -> tuple[float, float, float, float]:
    found = page.evaluate(CENTRE_JS, selector)
    assert found is not None, selector
    return float(found[0]), float(found[1]), float(found[2]), float(found[3])


def overlaps(a: dict[str, float], b: dict[str, float], tol: float = 0.5) -> bool:
    return (
        a["x"] + tol < b["x"] + b["w"]
        and b["x"] + tol < a["x"] + a["w"]
        and a["y"] + tol < b["y"] + b["h"]
        and b["y"] + tol < a["y"] + a["h"]
    )
