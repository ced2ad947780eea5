// Tooltips: hover with a mouse or pen, tap on touch, focus by keyboard; always inside the viewport.

// Where a tooltip of size tw x th goes for an element at rect r: centred above it, or below when there is no
// room above; kept `margin` px inside a viewport of vw x vh.
export function tipPosition(r, tw, th, vw, vh, margin = 6) {
  const left = Math.min(Math.max(margin, r.left + r.width / 2 - tw / 2), vw - tw - margin);
  let top = r.top - th - 8;
  if (top < margin) top = Math.min(r.bottom + 8, vh - th - margin);
  return { left, top };
}

// Fill the tooltip with `lines` (text only) for element `el` and place it; hide it again after `ms` if set.
export function showTip(tip, el, lines, role, ms) {
  tip.replaceChildren();
  lines.forEach((line, i) => {
    const div = document.createElement("div");
    div.className = i === 0 ? "t1" : i === 1 ? "t2" : "t3";
    div.textContent = i === 0 && role ? `${line} · ${role}` : line;
    tip.appendChild(div);
  });
  tip.hidden = false;
  tip.style.left = "0px";
  tip.style.top = "0px";
  const { left, top } = tipPosition(
    el.getBoundingClientRect(), tip.offsetWidth, tip.offsetHeight,
    document.documentElement.clientWidth, document.documentElement.clientHeight,
  );
  // position: fixed may be relative to a transformed ancestor: correct by what the browser reports.
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
  const got = tip.getBoundingClientRect();
  tip.style.left = `${left + (left - got.left)}px`;
  tip.style.top = `${top + (top - got.top)}px`;
  clearTimeout(tip.timer);
  if (ms) tip.timer = setTimeout(() => { tip.hidden = true; }, ms);
}
