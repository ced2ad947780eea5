import assert from "node:assert/strict";
import { test } from "node:test";

import { columnGroups, intersects, placeBeside, placeColumn } from "../labels.js";

const BOUNDS = { x: -300, y: -200, w: 600, h: 800 };
const item = (ax, ay, w = 40, h = 17, x = ax / 10) => ({ ax, ay, w, h, x });

test("rectangles that only touch do not overlap", () => {
  const a = { x: 0, y: 0, w: 10, h: 10 };
  assert.equal(intersects(a, { x: 10, y: 0, w: 5, h: 5 }), false);
  assert.equal(intersects(a, { x: 0, y: 10, w: 5, h: 5 }), false);
  assert.equal(intersects(a, { x: 9.9, y: 9.9, w: 5, h: 5 }), true);
  assert.equal(intersects(a, { x: -5, y: -5, w: 5.1, h: 5.1 }), true);
});

test("a label goes right of its point, level with it, with no leader line", () => {
  const [{ rect, leader }] = placeBeside([item(0, 0)], BOUNDS, []);
  assert.deepEqual(rect, { x: 10, y: -8.5, w: 40, h: 17 });
  assert.equal(leader, false);
});

test("a second label at the same height goes to the left; a third a line up, with a leader", () => {
  const placed = placeBeside([item(0, 0), item(0, 0), item(0, 0)], BOUNDS, []);
  assert.deepEqual(placed.map((p) => [p.rect.x, p.rect.y, p.leader]), [
    [10, -8.5, false],
    [-50, -8.5, false],
    [10, -27.5, true],
  ]);
});

test("a label steps round an obstacle and stays inside the diagram", () => {
  // A landmark ring right of the point: the label goes left.
  const ring = { x: 15, y: -10, w: 20, h: 20 };
  assert.equal(placeBeside([item(0, 0)], BOUNDS, [ring])[0].rect.x, -50);
  // At the right edge there is no room on the right.
  const edge = placeBeside([item(290, 0)], BOUNDS, [])[0].rect;
  assert.equal(edge.x, 240);
});

test("with no free place a label takes the first place clear of other labels, else its first choice", () => {
  const wall = { x: -300, y: -200, w: 600, h: 800 };
  assert.deepEqual(placeBeside([item(0, 0)], BOUNDS, [wall])[0].rect, { x: 10, y: -8.5, w: 40, h: 17 });
});

test("the back's column: points within 2 cm of the midline on one side, the others outward on the chosen side", () => {
  const items = [item(0, 0, 40, 17, 0), item(30, 10, 40, 17, 3.4), item(-30, 20, 40, 17, -1.1)];
  const [[outer, outerSign], [inner, innerSign]] = columnGroups(items, "back", "both");
  assert.deepEqual([outer.map((i) => i.x), outerSign, inner.map((i) => i.x), innerSign], [[3.4], 1, [0, -1.1], -1]);
  const left = columnGroups(items, "back", "left");
  assert.deepEqual([left[0][1], left[1][1]], [-1, 1]);
  // On the neck the inner column is within 1 cm.
  const neck = columnGroups(items, "neck", "right");
  assert.deepEqual(neck[1][0].map((i) => i.x), [0]);
});

test("several regions lit together: outer labels on their own side, the spine's on the side with fewer", () => {
  const items = [item(0, 0, 40, 17, 0.5), item(30, 10, 40, 17, 3.4), item(-30, 20, 40, 17, -9), item(-40, 30, 40, 17, -12)];
  const groups = columnGroups(items, "back", "several");
  assert.deepEqual(groups.map(([g, sign]) => [g.map((i) => i.x), sign]), [[[-9, -12], -1], [[3.4], 1], [[0.5], 1]]);
  const fewerLeft = columnGroups(items.slice(0, 3), "back", "several");
  assert.equal(fewerLeft[2][1], 1); // one each side: the right
});

test("a column stands 18 px beyond its farthest point, each label below the last, centred on its points", () => {
  const group = [item(20, 0), item(30, 5), item(10, 10)];
  const placed = [];
  const rects = placeColumn(group, 1, BOUNDS, [], placed);
  // x: 30 + 18; the three stacked 19 px apart (17 + 2), shifted up so their middles average the points'.
  assert.deepEqual(rects.map((r) => r.x), [48, 48, 48]);
  assert.deepEqual(rects.map((r) => r.y), [-19 - 8.5 + 5, -8.5 + 5, 19 - 8.5 + 5]);
  assert.equal(placed.length, 3);
  // On the left side the labels end 18 px short of the leftmost point (and of the midline).
  const leftRects = placeColumn([item(-20, 0, 40)], -1, BOUNDS, [], []);
  assert.equal(leftRects[0].x, -20 - 18 - 40);
});

test("a column is kept inside the diagram and steps outwards past an obstacle", () => {
  const nearTop = placeColumn([item(0, -199), item(0, -198)], 1, BOUNDS, [], []);
  assert.equal(nearTop[0].y, -200);
  const ring = { x: 18, y: -10, w: 20, h: 20 };
  const [r] = placeColumn([item(0, 0)], 1, BOUNDS, [ring], []);
  assert.equal(r.x, 18 + 4 * 6); // 18, 24, 30, 36 touch or cross the ring; 42 is clear
});

test("a shared label's bracket stands 9 px beyond its points, and its label beyond the bracket", () => {
  const shared = { ...item(0, 50), run: { xs: [-12, 12, -12, 12] } };
  const [r] = placeColumn([shared], 1, BOUNDS, [], []);
  assert.equal(shared.run.x, 21);
  assert.equal(r.x, 21 + 18);
  const left = { ...item(0, 50), run: { xs: [-12, 12] } };
  placeColumn([left], -1, BOUNDS, [], []);
  assert.equal(left.run.x, -21);
});
