import assert from "node:assert/strict";
import { test } from "node:test";

import { DIRS, neighbourIndex, rounded, stepCursor } from "../keyboard.js";

// Points on a grid (screen pixels, y down): the arrow keys move between them.
const grid = [
  { x: 100, y: 100 }, // 0: the start
  { x: 140, y: 100 }, // 1: right, in line
  { x: 130, y: 60 }, //  2: up and a little right
  { x: 100, y: 160 }, // 3: straight down
  { x: 60, y: 102 }, //  4: left, almost in line
  { x: 101, y: 100 }, // 5: one pixel right: not ahead (along <= 1)
];

test("an arrow moves to the nearest point ahead, sideways distance counted twice", () => {
  const from = grid[0];
  const others = grid.slice(1);
  const to = (key) => neighbourIndex(from, others, DIRS[key]) + 1;
  assert.equal(to("ArrowRight"), 1); // 40 along, 0 across, against 2's 30 along + 2 * 40 across
  assert.equal(to("ArrowUp"), 2);
  assert.equal(to("ArrowDown"), 3);
  assert.equal(to("ArrowLeft"), 4);
});

test("a point a pixel ahead is not a step; with nothing ahead, no move", () => {
  assert.equal(neighbourIndex({ x: 100, y: 100 }, [{ x: 101, y: 100 }], DIRS.ArrowRight), -1);
  assert.equal(neighbourIndex({ x: 100, y: 100 }, [{ x: 102, y: 100 }], DIRS.ArrowRight), 0);
  assert.equal(neighbourIndex({ x: 100, y: 100 }, [{ x: 50, y: 100 }], DIRS.ArrowRight), -1);
  assert.equal(neighbourIndex({ x: 100, y: 100 }, [], DIRS.ArrowUp), -1);
});

test("sideways counts twice: a nearer point far off the line loses to a farther one on it", () => {
  // Candidate 0: 10 along, 20 across -> 50; candidate 1: 45 along, 0 across -> 45.
  assert.equal(neighbourIndex({ x: 0, y: 0 }, [{ x: 10, y: 20 }, { x: 45, y: 0 }], DIRS.ArrowRight), 1);
  // Candidate 1 at 51 along loses: 51 > 50.
  assert.equal(neighbourIndex({ x: 0, y: 0 }, [{ x: 10, y: 20 }, { x: 51, y: 0 }], DIRS.ArrowRight), 0);
});

test("the quiz cross steps a quarter of a cun, a cun with Shift, and stays in the diagram", () => {
  const box = { x: -32, y: -17, width: 64, height: 82 };
  assert.deepEqual(stepCursor({ x: 0, y: 0 }, DIRS.ArrowRight, 2.25, false, box), { x: 0.5625, y: 0 });
  assert.deepEqual(stepCursor({ x: 0, y: 0 }, DIRS.ArrowDown, 2.25, true, box), { x: 0, y: 2.25 });
  assert.deepEqual(stepCursor({ x: -31.9, y: 0 }, DIRS.ArrowLeft, 2.25, true, box), { x: -32, y: 0 });
  assert.deepEqual(stepCursor({ x: 0, y: 64.5 }, DIRS.ArrowDown, 2.25, false, box), { x: 0, y: 65 });
  assert.deepEqual(stepCursor({ x: 0, y: -16.9 }, DIRS.ArrowUp, 2.25, false, box), { x: 0, y: -17 });
  assert.deepEqual(stepCursor({ x: 31.9, y: 0 }, DIRS.ArrowRight, 2.25, false, box), { x: 32, y: 0 });
});

test("a position is sent to a thousandth of a cm", () => {
  assert.deepEqual(rounded({ x: 1.23456, y: -0.0004 }), { x: 1.235, y: -0 });
});
