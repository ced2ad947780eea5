// Moving by keyboard, pure: the nearest neighbour in an arrow's direction, and the quiz cross's next position.

export const DIRS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

// The index of the centre an arrow moves to from `from`: ahead of it (more than a pixel along the arrow),
// the one nearest along the arrow with sideways distance counted twice; -1 when none lies ahead.
export function neighbourIndex(from, centres, [dx, dy]) {
  let best = -1;
  let bestScore = Infinity;
  centres.forEach((b, i) => {
    const along = (b.x - from.x) * dx + (b.y - from.y) * dy;
    if (along <= 1) return;
    const across = Math.abs((b.x - from.x) * dy - (b.y - from.y) * dx);
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

// The quiz cross one step on (a quarter of a cun; a cun with Shift), kept inside the diagram's box.
export function stepCursor(at, [dx, dy], cmPerCun, big, box) {
  const step = cmPerCun * (big ? 1 : 0.25);
  return {
    x: Math.min(Math.max(at.x + dx * step, box.x), box.x + box.width),
    y: Math.min(Math.max(at.y + dy * step, box.y), box.y + box.height),
  };
}

export function rounded(pos) {
  return { x: Math.round(pos.x * 1000) / 1000, y: Math.round(pos.y * 1000) / 1000 };
}
