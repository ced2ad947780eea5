// The legend beside the diagrams: which rows a map shows (pure: legendRows) and drawing them as text.

// Rows of [class, text, colour?] keys for the map's mode: a patient's plain words, a student's roles once a
// region is chosen, else the meridians (not in the quiz, whose points are hidden) and the landmarks.
export function legendRows(legend, { mode, patient, quiz, landmarks }) {
  const { local, distal, chosen } = legend.colours;
  if (patient) {
    if (mode === "overview") return [[["title", "Tap where it hurts to see the points used there."]]];
    return [[["key local", "near the pain, on your back and neck", local], ["key distal", "far from the pain (hand, leg, head)", distal]]];
  }
  if (mode !== "overview") {
    return [[
      ["key local", "local point (on the painful area)", local],
      ["key distal", "distal point (hand, leg, head)", distal],
      ["key chosen", "chosen point", chosen],
    ]];
  }
  const rows = [];
  if (!quiz) rows.push([["title", "Meridians:"], ...legend.meridians.map(([name, colour]) => ["key meridian", name, colour])]);
  if (landmarks) {
    rows.push([["title", "Landmarks:"], ...legend.landmarks.map(([num, label, taught]) => ["key landmark", `${label} (${taught})`, null, num])]);
  }
  return rows;
}

export function drawLegend(box, rows) {
  box.replaceChildren();
  for (const keys of rows) {
    const row = document.createElement("div");
    row.className = "row";
    for (const [cls, text, colour, num] of keys) {
      const span = document.createElement("span");
      span.className = cls;
      if (colour) span.style.setProperty("--c", colour);
      if (num != null) span.dataset.num = num;
      span.textContent = text;
      row.appendChild(span);
    }
    box.appendChild(row);
  }
}
