// What the quiz draws on a diagram: the keyboard's cross, the attempt, and after the answer the true point and
// a line to it. Markers are drawn in screen pixels (the .px layer), so they read the same on every diagram.

import { svgEl } from "./dom.js";

export function drawCursor(root, svg, pos) {
  for (const old of root.querySelectorAll(".kcursor")) old.remove();
  const g = svgEl("g", { class: "kcursor", "aria-hidden": "true", transform: `translate(${pos.x} ${pos.y})` });
  const px = svgEl("g", { class: "px" });
  for (const [x1, y1, x2, y2] of [[-14, 0, 14, 0], [0, -14, 0, 14]]) px.appendChild(svgEl("line", { x1, y1, x2, y2 }));
  g.appendChild(px);
  svg.appendChild(g);
}

// The attempt (a dot) at once; with Python's answer, the true point (a ring) and a line from the attempt to it.
// The reverse quiz shows the point asked with no attempt: a filled marker.
export function drawAttempt(root, svg, pos, target) {
  for (const old of root.querySelectorAll(".attempt")) old.remove();
  if (!svg || (!pos && !target)) return;
  const g = svgEl("g", { class: "attempt", "aria-hidden": "true" });
  const mark = (at, r, cls) => {
    const holder = svgEl("g", { transform: `translate(${at.x} ${at.y})` });
    const px = svgEl("g", { class: "px" });
    px.appendChild(svgEl("circle", { cx: 0, cy: 0, r, class: cls }));
    holder.appendChild(px);
    g.appendChild(holder);
  };
  if (target && pos) g.appendChild(svgEl("line", { x1: pos.x, y1: pos.y, x2: target.x, y2: target.y, class: "miss-line" }));
  if (target) {
    const cls = target.correct ? "truth ok" : "truth";
    mark(target, pos ? 11 : 9, pos ? cls : `${cls} asked`);
  }
  if (pos) mark(pos, 7, "guess");
  svg.appendChild(g);
}
