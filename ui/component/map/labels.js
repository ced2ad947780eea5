// Point labels in screen pixels: where each goes (pure: placeBeside, columnGroups, placeColumn, tested in
// map/test/labels.test.js) and drawing them into a diagram's label layer (layoutLabels).

import { svgEl } from "./dom.js";

export const LABEL_PX = 12;

export function intersects(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function inside(r, bounds) {
  return r.x >= bounds.x && r.y >= bounds.y && r.x + r.w <= bounds.x + bounds.w && r.y + r.h <= bounds.y + bounds.h;
}

// Each label beside its point (items top to bottom): right or left of it, then a line up or down, the first
// place inside the diagram that covers no earlier label and no obstacle; a label moved off its point's height
// gets a leader line.
export function placeBeside(items, bounds, obstacles, placed = []) {
  const free = (r) => inside(r, bounds) && !placed.some((p) => intersects(p, r)) && !obstacles.some((o) => intersects(o, r));
  return items.map((it) => {
    const cands = [];
    for (const dy of [0, -1, 1, -2, 2, -3, 3]) {
      cands.push({ x: it.ax + 10, y: it.ay - it.h / 2 + dy * (it.h + 2), w: it.w, h: it.h });
      cands.push({ x: it.ax - 10 - it.w, y: it.ay - it.h / 2 + dy * (it.h + 2), w: it.w, h: it.h });
    }
    const r = cands.find(free) || cands.find((c) => !placed.some((p) => intersects(p, c))) || cands[0];
    placed.push(r);
    return { rect: r, leader: Math.abs(r.y + r.h / 2 - it.ay) > it.h / 2 };
  });
}

// The two columns of callouts on the back or the neck: the points near the spine (GV, Jiaji; on the neck the
// cervical Jiaji) on one side, the others on the other, outwards on the chosen side. [items, sign] pairs.
// Several regions lit together (a pain drawing's, side "several"): the outer points' labels on their own side
// of the body, the points near the spine on the side with fewer labels.
export function columnGroups(items, view, regionSide) {
  const near = view === "neck" ? 1 : 2;
  const inner = (it) => Math.abs(it.x) < near;
  if (regionSide === "several") {
    const left = items.filter((it) => !inner(it) && it.x < 0);
    const right = items.filter((it) => !inner(it) && it.x >= 0);
    return [
      [left, -1],
      [right, 1],
      [items.filter(inner), left.length < right.length ? -1 : 1],
    ];
  }
  const outer = regionSide === "left" ? -1 : 1;
  return [
    [items.filter((it) => !inner(it)), outer],
    [items.filter(inner), -outer],
  ];
}

// One column of labels (items top to bottom) beyond its points on the side `sign`, each below the last,
// centred on its points inside the diagram, stepped outwards past an obstacle or an earlier label. A shared
// label's bracket (it.run) stands 9 px beyond its points. Returns the rectangles and adds them to `placed`.
export function placeColumn(group, sign, bounds, obstacles, placed) {
  for (const it of group) if (it.run) it.run.x = sign > 0 ? Math.max(...it.run.xs) + 9 : Math.min(...it.run.xs) - 9;
  const xs = group.map((i) => (i.run ? i.run.x : i.ax));
  const edge = sign > 0 ? Math.max(...xs, 0) + 18 : Math.min(...xs, 0) - 18;
  const rects = group.map((it) => ({ x: sign > 0 ? edge : edge - it.w, y: it.ay - it.h / 2, w: it.w, h: it.h }));
  for (let i = 1; i < rects.length; i++) rects[i].y = Math.max(rects[i].y, rects[i - 1].y + rects[i - 1].h + 2);
  const drift = group.reduce((sum, it, i) => sum + (rects[i].y + it.h / 2 - it.ay), 0) / group.length;
  const last = rects[rects.length - 1];
  let shift = -drift;
  shift = Math.max(shift, bounds.y - rects[0].y);
  shift = Math.min(shift, bounds.y + bounds.h - (last.y + last.h));
  for (const r of rects) r.y += shift;
  for (const r of rects) {
    for (let guard = 0; guard < 40 && (obstacles.some((o) => intersects(o, r)) || placed.some((p) => intersects(p, r))); guard++) {
      r.x += sign * 6;
    }
    placed.push(r);
  }
  return rects;
}

// Draw the labels of a diagram's lit and chosen points. `scale` turns the diagram's cm into label pixels;
// `region` is the chosen region ({base, side}) or null; `numbers` the patient's numbering (base -> point ->
// number) or null.
export function layoutLabels(svg, scale, region, numbers) {
  const layer = svg.querySelector("g.labels");
  layer.replaceChildren();
  const view = svg.dataset.view;
  const marks = [...svg.querySelectorAll("[data-point][data-lit], [data-point][data-selected]")].filter((el) => {
    // A bilateral back or neck point lit on both sides is labelled once, on the person's right.
    // (Several regions lit together: only where its right marker is lit too; the left shoulder's are labelled.)
    const paired = view === "back" || view === "neck";
    if (!paired || !region || el.dataset.side !== "left") return true;
    if (region.side === "several") return !svg.querySelector(`[data-point="${el.dataset.point}"][data-side="right"][data-lit]`);
    if (region.side !== "both") return true;
    return !!el.dataset.selected && !svg.querySelector(`[data-point="${el.dataset.point}"][data-side="right"]`);
  });
  if (!marks.length) return;
  const vb = svg.viewBox.baseVal;
  const bounds = { x: vb.x * scale, y: vb.y * scale, w: vb.width * scale, h: vb.height * scale };
  const obstacles = [];
  for (const lm of svg.querySelectorAll("[data-landmark]")) {
    const x = parseFloat(lm.dataset.x) * scale;
    const y = parseFloat(lm.dataset.y) * scale;
    obstacles.push({ x: x - 10, y: y - 10, w: 20, h: 20 });
  }
  let items = marks.map((el) => {
    const ax = parseFloat(el.dataset.x) * scale;
    const ay = parseFloat(el.dataset.y) * scale;
    obstacles.push({ x: ax - 6, y: ay - 6, w: 12, h: 12 });
    const g = svgEl("g", { class: "lbl" });
    g.dataset.label = el.dataset.point;
    g.dataset.role = el.dataset.lit || "chosen";
    const inner = svgEl("g", { class: "px" });
    const line = svgEl("line");
    const bg = svgEl("rect");
    const text = svgEl("text");
    text.textContent = (numbers && region && (numbers[region.base] || {})[el.dataset.point]) || el.dataset.point;
    inner.append(line, bg, text);
    g.appendChild(inner);
    g.setAttribute("transform", `translate(${el.dataset.x} ${el.dataset.y})`);
    layer.appendChild(g);
    return { el, g, line, bg, text, x: parseFloat(el.dataset.x), ax, ay, w: 0, h: LABEL_PX + 5 };
  });
  const column = (view === "back" || view === "neck") && items.length > 4;
  // A patient's number shared by a column of points (the Jiaji: one code, a point at each level) is one
  // entry in the list: it gets one label, at the middle of a bracket along its points.
  if (numbers && column) items = shareLabels(svg, items, scale);
  // Measure every label after all are in the DOM: one layout pass, not one per label.
  for (const it of items) it.w = it.text.getBBox().width + 6;
  items.sort((a, b) => a.ay - b.ay);
  const placed = [];
  if (column) {
    for (const [group, sign] of columnGroups(items, view, region && region.side)) {
      if (!group.length) continue;
      const rects = placeColumn(group, sign, bounds, obstacles, placed);
      group.forEach((it, i) => placeLabel(it, rects[i], true));
    }
  } else {
    placeBeside(items, bounds, obstacles, placed).forEach(({ rect, leader }, i) => placeLabel(items[i], rect, leader));
  }
}

function shareLabels(svg, items, scale) {
  const first = new Map();
  const kept = items.filter((it) => {
    const head = first.get(it.text.textContent);
    if (!head) {
      first.set(it.text.textContent, it);
      return true;
    }
    (head.run ||= { items: [head] }).items.push(it);
    it.g.remove();
    return false;
  });
  for (const it of kept) {
    if (!it.run) continue;
    const ids = new Set(it.run.items.map((i) => i.el.dataset.point));
    // Every marker of the entry, on both sides, so the bracket stands clear of the far column too.
    const all = [...svg.querySelectorAll("[data-point][data-lit]")].filter((el) => ids.has(el.dataset.point));
    const ys = it.run.items.map((i) => i.ay);
    it.run.xs = all.map((el) => parseFloat(el.dataset.x) * scale);
    it.run.top = Math.min(...ys);
    it.run.bottom = Math.max(...ys);
    it.ay = (it.run.top + it.run.bottom) / 2;
    it.g.setAttribute("transform", `translate(${it.el.dataset.x} ${it.ay / scale})`);
    it.g.dataset.label = [...ids].join(" ");
  }
  return kept;
}

function placeLabel(it, r, leader) {
  // r is in diagram pixels; the label group sits at the point, so subtract the anchor.
  const dx = r.x - it.ax;
  const dy = r.y - it.ay;
  const ex = dx > 0 ? dx : dx + it.w;
  if (it.run) {
    // The bracket: a line beside the entry's points from the highest to the lowest, with a tick at each end.
    const bx = it.run.x - it.ax;
    const tick = bx > 0 ? -4 : 4;
    it.line.before(svgEl("path", { class: "bracket", d: `M${bx + tick} ${it.run.top - it.ay}H${bx}V${it.run.bottom - it.ay}H${bx + tick}` }));
    setAttrs(it.line, { x1: bx, y1: 0, x2: ex, y2: dy + it.h / 2 });
  } else if (leader) {
    setAttrs(it.line, { x1: 0, y1: 0, x2: ex, y2: dy + it.h / 2 });
  } else {
    it.line.remove();
  }
  setAttrs(it.bg, { x: dx, y: dy, width: it.w, height: it.h, rx: 3 });
  setAttrs(it.text, { x: dx + 3, y: dy + it.h - 5 });
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
}
