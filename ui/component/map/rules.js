// The map's rules, pure: what an event does to the state (the mirror of acumap.atlas.selection.apply_event,
// checked against its table by tests/test_events.py), what a state lights (looked up in the payload, which
// Python filled), and where a position is, in the words Python wrote (acumap.drawing.describe).

export const EMPTY = Object.freeze({ region: null, point: null });

// The state after an event: a region toggles and closes the point (a tap on the back's midline chooses both
// sides), a point toggles and keeps the region, clear goes back to the overview; unknown ids change nothing.
export function nextState(state, event, tables) {
  if (event.kind === "clear") return EMPTY;
  if (event.kind === "region") {
    const shape = tables.regions[event.id];
    if (!shape) return state;
    const onMidline = event.view === "back" && event.x != null && Math.abs(event.x) < tables.midline_cm;
    const chosen = shape.side !== "both" && onMidline ? shape.base : event.id;
    return { region: state.region === chosen ? null : chosen, point: null };
  }
  if (event.kind === "point") {
    if (event.id == null || !(event.id in tables.view_of)) return state;
    return { region: state.region, point: state.point === event.id ? null : event.id };
  }
  return state;
}

// The role ("local" or "distal") a state gives one marker (a point on one side), or undefined. A state may
// carry its own `lights` (several regions lit together: a pain drawing's, which Python combined from the same
// tables, acumap.pain.combined_lights): then those are lit, and nothing else.
export function litRole(tables, state, point, side) {
  const lights = state.lights || (state.region ? tables.lights[state.region] : null);
  return lights ? lights[`${point} ${side}`] : undefined;
}

// Whether a state lights a clickable shape (its own `shapes` when it carries them, as its `lights`).
export function shapeOn(tables, state, shape) {
  if (state.shapes) return state.shapes.includes(shape);
  return !!state.region && (tables.shapes[state.region] || []).includes(shape);
}

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

// A figure as the position words write it: two decimals at most, no trailing zeros ("1.5", "0.25", "-3").
export function numberText(value) {
  const text = Math.abs(value).toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
  return value < 0 && text !== "0" ? `-${text}` : text;
}

// Where a position is, as acumap.drawing.describe.position_text says it.
export function positionText(words, view, x, y) {
  const t = words.templates;
  if (view !== "back") {
    const [across, down] = words.cm_per_cun[view];
    return fill(t.elsewhere, { view, across: numberText(x / across), down: numberText(y / down) });
  }
  const side = Math.abs(x) < words.midline_cm
    ? t.midline
    : fill(t.beside, { cun: numberText(Math.abs(x) / words.back_cm_per_cun), side: x < 0 ? "left" : "right" });
  const band = words.bands.find(([edge]) => y < edge);
  const height = band ? band[1] : fill(t.beyond, { level: words.last_level });
  return fill(t.back, { height, side });
}

// A stroke's positions with those closer than `step` (cm) to the last kept one dropped (the last always kept),
// each to a hundredth of a cm: what a 1 cm grid can tell, in a small report.
export function thinStroke(points, step) {
  const kept = [];
  for (const [i, p] of points.entries()) {
    const last = kept[kept.length - 1];
    const far = !last || Math.hypot(p.x - last.x, p.y - last.y) >= step;
    if (far || (i === points.length - 1 && (p.x !== last.x || p.y !== last.y))) kept.push(p);
  }
  return kept.map((p) => ({ x: Math.round(p.x * 100) / 100, y: Math.round(p.y * 100) / 100 }));
}
