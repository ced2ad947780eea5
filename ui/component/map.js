// Generated from ui/component/map/*.js by 'npm run build' (esbuild): edit those, not this file.

// map/dom.js
var NS = "http://www.w3.org/2000/svg";
function svgEl(tag, attrs = {}) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}
function svgPoint(svg, clientX, clientY) {
  const ctm = svg.getScreenCTM();
  if (!ctm) return null;
  const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
  return { x: Math.round(p.x * 1e3) / 1e3, y: Math.round(p.y * 1e3) / 1e3 };
}
function centreOf(el) {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

// map/keyboard.js
var DIRS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
function neighbourIndex(from, centres, [dx, dy]) {
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
function stepCursor(at, [dx, dy], cmPerCun, big, box) {
  const step = cmPerCun * (big ? 1 : 0.25);
  return {
    x: Math.min(Math.max(at.x + dx * step, box.x), box.x + box.width),
    y: Math.min(Math.max(at.y + dy * step, box.y), box.y + box.height)
  };
}
function rounded(pos) {
  return { x: Math.round(pos.x * 1e3) / 1e3, y: Math.round(pos.y * 1e3) / 1e3 };
}

// map/labels.js
var LABEL_PX = 12;
function intersects(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
function inside(r, bounds) {
  return r.x >= bounds.x && r.y >= bounds.y && r.x + r.w <= bounds.x + bounds.w && r.y + r.h <= bounds.y + bounds.h;
}
function placeBeside(items, bounds, obstacles, placed = []) {
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
function columnGroups(items, view, regionSide) {
  const near = view === "neck" ? 1 : 2;
  const inner = (it) => Math.abs(it.x) < near;
  if (regionSide === "several") {
    const left = items.filter((it) => !inner(it) && it.x < 0);
    const right = items.filter((it) => !inner(it) && it.x >= 0);
    return [
      [left, -1],
      [right, 1],
      [items.filter(inner), left.length < right.length ? -1 : 1]
    ];
  }
  const outer = regionSide === "left" ? -1 : 1;
  return [
    [items.filter((it) => !inner(it)), outer],
    [items.filter(inner), -outer]
  ];
}
function placeColumn(group, sign, bounds, obstacles, placed) {
  for (const it of group) if (it.run) it.run.x = sign > 0 ? Math.max(...it.run.xs) + 9 : Math.min(...it.run.xs) - 9;
  const xs = group.map((i) => i.run ? i.run.x : i.ax);
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
function layoutLabels(svg, scale, region, numbers) {
  const layer = svg.querySelector("g.labels");
  layer.replaceChildren();
  const view = svg.dataset.view;
  const marks = [...svg.querySelectorAll("[data-point][data-lit], [data-point][data-selected]")].filter((el) => {
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
    text.textContent = numbers && region && (numbers[region.base] || {})[el.dataset.point] || el.dataset.point;
    inner.append(line, bg, text);
    g.appendChild(inner);
    g.setAttribute("transform", `translate(${el.dataset.x} ${el.dataset.y})`);
    layer.appendChild(g);
    return { el, g, line, bg, text, x: parseFloat(el.dataset.x), ax, ay, w: 0, h: LABEL_PX + 5 };
  });
  const column = (view === "back" || view === "neck") && items.length > 4;
  if (numbers && column) items = shareLabels(svg, items, scale);
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
  const first = /* @__PURE__ */ new Map();
  const kept = items.filter((it) => {
    const head = first.get(it.text.textContent);
    if (!head) {
      first.set(it.text.textContent, it);
      return true;
    }
    (head.run || (head.run = { items: [head] })).items.push(it);
    it.g.remove();
    return false;
  });
  for (const it of kept) {
    if (!it.run) continue;
    const ids = new Set(it.run.items.map((i) => i.el.dataset.point));
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
  const dx = r.x - it.ax;
  const dy = r.y - it.ay;
  const ex = dx > 0 ? dx : dx + it.w;
  if (it.run) {
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

// map/legend.js
function legendRows(legend, { mode, patient, quiz, landmarks }) {
  const { local, distal, chosen } = legend.colours;
  if (patient) {
    if (mode === "overview") return [[["title", "Tap where it hurts to see the points used there."]]];
    return [[["key local", "near the pain, on your back and neck", local], ["key distal", "far from the pain (hand, leg, head)", distal]]];
  }
  if (mode !== "overview") {
    return [[
      ["key local", "local point (on the painful area)", local],
      ["key distal", "distal point (hand, leg, head)", distal],
      ["key chosen", "chosen point", chosen]
    ]];
  }
  const rows = [];
  if (!quiz) rows.push([["title", "Meridians:"], ...legend.meridians.map(([name, colour]) => ["key meridian", name, colour])]);
  if (landmarks) {
    rows.push([["title", "Landmarks:"], ...legend.landmarks.map(([num, label, taught]) => ["key landmark", `${label} (${taught})`, null, num])]);
  }
  return rows;
}
function drawLegend(box, rows) {
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

// map/protocol.js
var RESEND_MS = 1500;
var MAX_RESENDS = 5;
function ackOf(msg, from) {
  return msg.ack && msg.ack.from === from ? msg.ack.n : 0;
}
async function postAttempt(post, event) {
  try {
    const reply = await fetch(new URL(post.url, window.location.href), {
      method: "POST",
      cache: "no-store",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ token: post.token, question: post.question, view: event.view, x: event.x, y: event.y })
    });
    if (!(reply.headers.get("content-type") || "").startsWith("application/json")) return null;
    const said = await reply.json();
    if (reply.status === 200 && said.stored === true) return "stored";
    if (reply.status === 409 && said.why === "late") return "late";
  } catch {
  }
  return null;
}

// map/quizdraw.js
function drawCursor(root, svg, pos) {
  for (const old of root.querySelectorAll(".kcursor")) old.remove();
  const g = svgEl("g", { class: "kcursor", "aria-hidden": "true", transform: `translate(${pos.x} ${pos.y})` });
  const px = svgEl("g", { class: "px" });
  for (const [x1, y1, x2, y2] of [[-14, 0, 14, 0], [0, -14, 0, 14]]) px.appendChild(svgEl("line", { x1, y1, x2, y2 }));
  g.appendChild(px);
  svg.appendChild(g);
}
function drawAttempt(root, svg, pos, target) {
  for (const old of root.querySelectorAll(".attempt")) old.remove();
  if (!svg || !pos && !target) return;
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

// map/rules.js
var EMPTY = Object.freeze({ region: null, point: null });
function nextState(state, event, tables) {
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
function litRole(tables, state, point, side) {
  const lights = state.lights || (state.region ? tables.lights[state.region] : null);
  return lights ? lights[`${point} ${side}`] : void 0;
}
function shapeOn(tables, state, shape) {
  if (state.shapes) return state.shapes.includes(shape);
  return !!state.region && (tables.shapes[state.region] || []).includes(shape);
}
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}
function numberText(value) {
  const text = Math.abs(value).toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
  return value < 0 && text !== "0" ? `-${text}` : text;
}
function positionText(words, view, x, y) {
  const t = words.templates;
  if (view !== "back") {
    const [across, down] = words.cm_per_cun[view];
    return fill(t.elsewhere, { view, across: numberText(x / across), down: numberText(y / down) });
  }
  const side = Math.abs(x) < words.midline_cm ? t.midline : fill(t.beside, { cun: numberText(Math.abs(x) / words.back_cm_per_cun), side: x < 0 ? "left" : "right" });
  const band = words.bands.find(([edge]) => y < edge);
  const height = band ? band[1] : fill(t.beyond, { level: words.last_level });
  return fill(t.back, { height, side });
}
function thinStroke(points, step) {
  const kept = [];
  for (const [i, p] of points.entries()) {
    const last = kept[kept.length - 1];
    const far = !last || Math.hypot(p.x - last.x, p.y - last.y) >= step;
    if (far || i === points.length - 1 && (p.x !== last.x || p.y !== last.y)) kept.push(p);
  }
  return kept.map((p) => ({ x: Math.round(p.x * 100) / 100, y: Math.round(p.y * 100) / 100 }));
}

// map/tooltip.js
function tipPosition(r, tw, th, vw, vh, margin = 6) {
  const left = Math.min(Math.max(margin, r.left + r.width / 2 - tw / 2), vw - tw - margin);
  let top = r.top - th - 8;
  if (top < margin) top = Math.min(r.bottom + 8, vh - th - margin);
  return { left, top };
}
function showTip(tip, el, lines, role, ms) {
  tip.replaceChildren();
  lines.forEach((line, i) => {
    const div = document.createElement("div");
    div.className = i === 0 ? "t1" : i === 1 ? "t2" : "t3";
    div.textContent = i === 0 && role ? `${line} \xB7 ${role}` : line;
    tip.appendChild(div);
  });
  tip.hidden = false;
  tip.style.left = "0px";
  tip.style.top = "0px";
  const { left, top } = tipPosition(
    el.getBoundingClientRect(),
    tip.offsetWidth,
    tip.offsetHeight,
    document.documentElement.clientWidth,
    document.documentElement.clientHeight
  );
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
  const got = tip.getBoundingClientRect();
  tip.style.left = `${left + (left - got.left)}px`;
  tip.style.top = `${top + (top - got.top)}px`;
  clearTimeout(tip.timer);
  if (ms) tip.timer = setTimeout(() => {
    tip.hidden = true;
  }, ms);
}

// map/index.js
var AcuMap = class {
  constructor(parent) {
    this.parent = parent;
    this.root = document.createElement("div");
    this.root.className = "acumap";
    this.root.dataset.mode = "overview";
    parent.appendChild(this.root);
    this.state = EMPTY;
    this.sent = 0;
    this.from = Math.random().toString(36).slice(2, 10);
    this.pending = null;
    this.resends = 0;
    this.timer = null;
    this.sid = null;
    this.key = null;
    this.observer = new ResizeObserver(() => this.relayout());
  }
  build(data) {
    this.key = data.key;
    this.tables = data.tables;
    this.root.replaceChildren();
    const views = document.createElement("div");
    views.className = "views";
    const distal = document.createElement("div");
    distal.className = "others";
    const pair = document.createElement("div");
    pair.className = "pair";
    const paired = data.show.includes("head") && data.show.includes("neck");
    for (const view of data.show) {
      const fig = document.createElement("figure");
      fig.className = `v-${view}`;
      const cap = document.createElement("figcaption");
      cap.textContent = this.tables.titles[view];
      cap.dataset.view = view;
      fig.appendChild(cap);
      const holder = document.createElement("div");
      holder.className = "svgbox";
      holder.innerHTML = data.views[view];
      fig.appendChild(holder);
      if (paired && (view === "head" || view === "neck")) pair.appendChild(fig);
      else (view === "back" || data.show.length === 1 ? views : distal).appendChild(fig);
    }
    if (pair.children.length) distal.appendChild(pair);
    if (distal.children.length) views.appendChild(distal);
    this.root.appendChild(views);
    this.legend = document.createElement("div");
    this.legend.className = "legend";
    this.root.appendChild(this.legend);
    this.live = document.createElement("p");
    this.live.className = "sr";
    this.live.setAttribute("aria-live", "polite");
    this.root.appendChild(this.live);
    this.tip = document.createElement("div");
    this.tip.className = "tip";
    this.tip.setAttribute("role", "tooltip");
    this.tip.hidden = true;
    this.root.appendChild(this.tip);
    this.svgs = [...this.root.querySelectorAll("svg[data-view]")];
    const back = this.svgs.find((s) => s.dataset.view === "back");
    if (this.draw && back) this.buildDrawing(back);
    for (const svg of this.svgs) {
      svg.addEventListener("pointerup", (e) => {
        this.lastUp = { x: e.clientX, y: e.clientY };
      });
      svg.addEventListener("click", (e) => this.onClick(svg, e));
      svg.addEventListener("pointerover", (e) => this.onHover(e, true));
      svg.addEventListener("pointerout", (e) => this.onHover(e, false));
      svg.addEventListener("keydown", (e) => this.onKey(svg, e));
      svg.addEventListener("focusin", (e) => this.onFocus(e));
      svg.addEventListener("focusout", () => this.hideTip());
      this.observer.observe(svg);
    }
    this.buildLegend();
    window.addEventListener("scroll", () => {
      if (!this.tip.hidden) this.hideTip();
    }, { capture: true, passive: true });
  }
  update(data, setTriggerValue) {
    this.target = data.target;
    this.send = setTriggerValue;
    this.present = !!data.present;
    this.root.dataset.present = this.present ? "on" : "off";
    this.scale = data.scale || 1;
    this.root.style.setProperty("--k", String(this.k()));
    this.quiz = !!data.quiz;
    this.naming = data.quiz === "name";
    this.throttle = data.throttle || 0;
    this.root.dataset.quiz = this.quiz ? "on" : "off";
    this.root.dataset.landmarks = data.landmarks === false ? "off" : "on";
    this.patient = !!data.patient;
    this.numbers = data.patient || null;
    this.root.dataset.audience = this.patient ? "patient" : "student";
    this.captions = data.captions || null;
    this.draw = data.draw || null;
    this.root.dataset.draw = this.draw ? "on" : "off";
    if (data.key !== this.key) {
      this.build(data);
      if (this.last) this.receive(this.last);
    }
    this.quizFocus();
    if (this.tables) this.buildLegend();
    if (this.svgs) this.relayout();
    for (const cap of this.root.querySelectorAll("figcaption[data-view]")) {
      cap.textContent = this.captions && this.captions[cap.dataset.view] || this.tables.titles[cap.dataset.view];
    }
  }
  // ---- quiz by keyboard: each diagram is one tab stop; arrows move a cross, Enter places the attempt ---
  quizFocus() {
    for (const svg of this.svgs || []) {
      const title = this.tables.titles[svg.dataset.view];
      if (this.quiz && !this.naming) {
        svg.setAttribute("tabindex", "0");
        svg.setAttribute("aria-roledescription", "quiz diagram");
        svg.setAttribute("aria-keyshortcuts", "ArrowUp ArrowDown ArrowLeft ArrowRight Enter");
        svg.setAttribute("aria-label", `${title}: move the cross with the arrow keys (Shift: bigger steps), Enter places your attempt`);
      } else if (this.naming) {
        svg.setAttribute("aria-label", `${title}: the point to name is marked`);
      } else if (svg.getAttribute("aria-roledescription")) {
        for (const a of ["aria-roledescription", "aria-keyshortcuts"]) svg.removeAttribute(a);
        svg.setAttribute("tabindex", "-1");
        svg.setAttribute("aria-label", title);
      }
    }
  }
  onQuizKey(svg, e) {
    if (this.naming || e.target !== svg) return;
    const view = svg.dataset.view;
    const vb = svg.viewBox.baseVal;
    this.cursors || (this.cursors = {});
    const at = this.cursors[view] || { x: vb.x + vb.width / 2, y: vb.y + vb.height / 2 };
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      const pos = rounded(at);
      drawAttempt(this.root, svg, pos, null);
      this.keyed = view;
      this.attempt({ kind: "position", id: null, view, x: pos.x, y: pos.y });
      return;
    }
    const dir = DIRS[e.key];
    if (!dir) return;
    e.preventDefault();
    const next = stepCursor(at, dir, this.tables.cm_per_cun[view] || 1, e.shiftKey, vb);
    this.cursors[view] = next;
    drawCursor(this.root, svg, next);
    const words = this.tables.words;
    this.live.textContent = fill(words.templates.cross, { where: positionText(words, view, next.x, next.y) });
  }
  receive(msg) {
    this.last = msg;
    this.post = msg.post || null;
    const newSession = this.sid !== null && msg.sid !== this.sid;
    this.sid = msg.sid;
    if (this.queue) this.queue = this.queue.filter((s) => s.n > ackOf(msg, this.from));
    if (msg.numbers) this.numbers = msg.numbers;
    if (this.pending && ackOf(msg, this.from) >= this.pending.n) this.settle();
    else if (this.pending) this.watch(newSession ? 0 : RESEND_MS);
    if (!this.key) return;
    if (!this.pending) {
      if (this.draw) this.showDrawing(msg.drawing || null);
      this.apply(msg.state || {});
      if (this.quiz) this.showReveal(msg.reveal || null);
      else for (const svg of this.svgs) if (msg.alt && msg.alt[svg.dataset.view]) svg.setAttribute("aria-label", msg.alt[svg.dataset.view]);
    } else this.relayout();
  }
  // ---- state -> DOM: every lookup in the payload's tables --------------------------------------------
  region() {
    if (this.state.lights) return { base: "drawing", side: "several", label: "Your pain drawing" };
    return this.state.region ? this.tables.regions[this.state.region] : null;
  }
  apply(state) {
    this.state = { region: state.region || null, point: state.point || null };
    if (state.lights) Object.assign(this.state, { lights: state.lights, shapes: state.shapes || [] });
    const reg = this.region();
    const lights = this.state.lights || (this.state.region ? this.tables.lights[this.state.region] : null);
    this.root.dataset.mode = reg && Object.keys(lights || {}).length ? "region" : "overview";
    for (const el of this.root.querySelectorAll("[data-point]")) {
      const role = litRole(this.tables, this.state, el.dataset.point, el.dataset.side);
      if (role) el.dataset.lit = role;
      else delete el.dataset.lit;
      if (el.dataset.point === this.state.point) el.dataset.selected = "true";
      else delete el.dataset.selected;
    }
    for (const el of this.root.querySelectorAll("[data-region]")) {
      if (shapeOn(this.tables, this.state, el.dataset.region)) el.dataset.on = "true";
      else delete el.dataset.on;
    }
    this.rovingDefaults();
    this.buildLegend();
    this.announce(reg, lights);
    this.relayout();
    window.dispatchEvent(new CustomEvent("acumap:state", { detail: { target: this.target, state: this.state } }));
  }
  announce(reg, lights) {
    if (this.quiz) return;
    if (!reg) {
      this.live.textContent = this.state.point ? `Point ${this.state.point} chosen.` : "Overview: all points.";
      return;
    }
    const roles = new Map(Object.entries(lights || {}).map(([key, role]) => [key.split(" ")[0], role]));
    const count = (role) => [...roles.values()].filter((r) => r === role).length;
    this.live.textContent = `${reg.label}: ${count("local")} local points, ${count("distal")} distal points lit.`;
  }
  // ---- events -------------------------------------------------------------------------------------
  attempt(event) {
    clearTimeout(this.trail);
    const wait = (this.throttle || 0) - (performance.now() - (this.lastAttempt ?? -Infinity));
    const go = () => {
      this.lastAttempt = performance.now();
      if (!this.post) {
        this.report(event);
        return;
      }
      const post = this.post;
      this.posting = (this.posting || Promise.resolve()).then(() => postAttempt(post, event)).then((posted) => this.report(posted ? { ...event, posted } : event));
    };
    if (wait > 0) this.trail = setTimeout(go, wait);
    else go();
  }
  report(event) {
    this.sent += 1;
    this.pending = { ...event, n: this.sent, from: this.from };
    this.resends = 0;
    if (this.send) this.send("event", this.pending);
    this.watch(2 * RESEND_MS);
  }
  watch(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.pending || !this.send || this.resends >= MAX_RESENDS) return;
      this.resends += 1;
      this.send("event", { ...this.pending, resend: this.resends });
      this.watch(2 * RESEND_MS);
    }, ms);
  }
  settle() {
    this.pending = null;
    clearTimeout(this.timer);
  }
  showReveal(reveal) {
    if (!reveal) {
      for (const old of this.root.querySelectorAll(".attempt, .kcursor")) old.remove();
      if (this.revealed) {
        this.cursors = {};
        const svg2 = this.keyed && this.svgs.find((s) => s.dataset.view === this.keyed);
        if (svg2) svg2.focus();
        this.keyed = null;
      }
      this.revealed = false;
      return;
    }
    this.revealed = true;
    const svg = this.svgs.find((s) => s.dataset.view === reveal.view) || null;
    const pos = reveal.ax == null ? null : { x: reveal.ax, y: reveal.ay };
    const target = reveal.tx == null ? null : { x: reveal.tx, y: reveal.ty, correct: reveal.correct };
    drawAttempt(this.root, svg, pos, target);
  }
  // An event lights at once by the rule Python applies (rules.nextState), then goes to Python.
  choose(kind, id, svg, pos) {
    const event = { kind, id: id || null, view: svg ? svg.dataset.view : null, x: pos ? pos.x : null, y: pos ? pos.y : null };
    this.apply(nextState(this.state, event, this.tables));
    this.report(event);
  }
  onClick(svg, e) {
    const up = this.lastUp;
    const exact = up && Math.abs(up.x - e.clientX) < 1 && Math.abs(up.y - e.clientY) < 1;
    const pos = exact ? svgPoint(svg, up.x, up.y) : svgPoint(svg, e.clientX, e.clientY);
    if (this.naming || this.draw) return;
    if (this.quiz) {
      drawAttempt(this.root, svg, pos, null);
      this.attempt({ kind: "position", id: null, view: svg.dataset.view, x: pos.x, y: pos.y });
      return;
    }
    const pt = this.nearestPoint(svg, e.target.closest("[data-point]"), e.clientX, e.clientY);
    const region = e.target.closest("[data-region]");
    const lm = e.target.closest("[data-landmark]");
    if (pt) {
      this.choose("point", pt.dataset.point, svg, pos);
      if (e.pointerType === "touch" || e.pointerType === "pen") this.showTip(pt, 2500);
    } else if (lm) {
      this.showTip(lm, 4e3);
      this.report({ kind: "position", id: null, view: svg.dataset.view, x: pos.x, y: pos.y });
    } else if (region) {
      this.choose("region", region.dataset.region, svg, pos);
    } else {
      this.report({ kind: "position", id: null, view: svg.dataset.view, x: pos.x, y: pos.y });
    }
  }
  // Touch targets of neighbouring points overlap: a tap goes to the nearest of the tappable points.
  nearestPoint(svg, hit, cx, cy) {
    if (!hit) return null;
    let best = hit;
    let bestD = Infinity;
    for (const el of svg.querySelectorAll("[data-point][data-lit], [data-point][data-selected]")) {
      const c = centreOf(el.querySelector(".hit"));
      const d = (c.x - cx) ** 2 + (c.y - cy) ** 2;
      if (d < bestD) {
        bestD = d;
        best = el;
      }
    }
    const h = centreOf(hit.querySelector(".hit"));
    return (h.x - cx) ** 2 + (h.y - cy) ** 2 <= bestD ? hit : best;
  }
  onKey(svg, e) {
    if (this.quiz) {
      this.onQuizKey(svg, e);
      return;
    }
    const el = e.target.closest("[data-point], [data-region]");
    if (e.key === "Escape") {
      e.preventDefault();
      this.hideTip();
      this.choose("clear", null, svg, null);
      return;
    }
    if (!el) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      const c = centreOf(el);
      const pos = svgPoint(svg, c.x, c.y);
      if (el.dataset.point) this.choose("point", el.dataset.point, svg, pos);
      else this.choose("region", el.dataset.region, svg, pos);
      return;
    }
    const dir = DIRS[e.key];
    if (!dir) return;
    e.preventDefault();
    const group = (el.dataset.point ? this.focusablePoints(svg) : [...svg.querySelectorAll("[data-region]")]).filter((g) => g !== el);
    const i = neighbourIndex(centreOf(el), group.map(centreOf), dir);
    if (i >= 0) this.moveFocus(el, group[i]);
  }
  moveFocus(from, to) {
    from.setAttribute("tabindex", "-1");
    to.setAttribute("tabindex", "0");
    to.focus();
  }
  focusablePoints(svg) {
    const lit = [...svg.querySelectorAll("[data-point][data-lit], [data-point][data-selected]")];
    return lit.length ? lit : [...svg.querySelectorAll("[data-point]")];
  }
  // One tab stop for the regions and one for the points of each diagram (arrow keys move within them).
  rovingDefaults() {
    for (const svg of this.svgs) {
      const active = svg.getRootNode().activeElement;
      for (const group of [[...svg.querySelectorAll("[data-region]")], this.focusablePoints(svg)]) {
        if (!group.length) continue;
        const all = group[0].dataset.point ? [...svg.querySelectorAll("[data-point]")] : group;
        if (group.includes(active)) {
          for (const el of all) el.setAttribute("tabindex", el === active ? "0" : "-1");
          continue;
        }
        const chosen = group.find((el) => el.dataset.on === "true" || el.dataset.selected === "true") || group[0];
        for (const el of all) el.setAttribute("tabindex", el === chosen ? "0" : "-1");
      }
    }
  }
  onFocus(e) {
    const el = e.target.closest("[data-point], [data-landmark]");
    if (el && el.matches(":focus-visible")) this.showTip(el, 0);
  }
  onHover(e, entering) {
    if (e.pointerType === "touch") return;
    const el = e.target.closest("[data-point], [data-landmark]");
    if (!el) return;
    if (entering) this.showTip(el, 0);
    else if (!el.contains(e.relatedTarget)) this.hideTip();
  }
  showTip(el, ms) {
    const lines = el.dataset.point ? this.tables.tips[el.dataset.point] : this.tables.landmarks[el.dataset.landmark];
    if (lines) showTip(this.tip, el, lines, el.dataset.lit, ms);
  }
  hideTip() {
    this.tip.hidden = true;
  }
  buildLegend() {
    const landmarks = this.svgs.some((s) => s.dataset.view === "back") && this.root.dataset.landmarks !== "off";
    const rows = legendRows(this.tables.legend, { mode: this.root.dataset.mode, patient: this.patient, quiz: this.quiz, landmarks });
    drawLegend(this.legend, rows);
  }
  // ---- drawing: strokes on the back, shown at once, reported when the finger lifts ----------------------
  buildDrawing(svg) {
    this.cells = svgEl("g", { class: "pain", "aria-hidden": "true" });
    this.strokes = svgEl("g", { class: "strokes", "aria-hidden": "true" });
    svg.querySelector("g.body").after(this.cells, this.strokes);
    this.queue = [];
    this.stroke = null;
    svg.addEventListener("pointerdown", (e) => this.strokeStart(svg, e));
    svg.addEventListener("pointermove", (e) => this.strokeMove(svg, e));
    svg.addEventListener("pointerup", (e) => this.strokeEnd(svg, e));
    svg.addEventListener("pointercancel", (e) => this.strokeEnd(svg, e));
  }
  strokeStart(svg, e) {
    if (!this.tool || e.pointerType === "mouse" && e.button !== 0 || this.stroke) return;
    e.preventDefault();
    svg.setPointerCapture?.(e.pointerId);
    const p = svgPoint(svg, e.clientX, e.clientY);
    if (!p) return;
    const { intensity, erase } = this.tool;
    const line = svgEl("polyline", {
      class: erase ? "erasing" : "shading",
      "stroke-width": 2 * this.draw.brush,
      stroke: erase ? "#ffffff" : this.draw.colours[intensity]
    });
    this.strokes.appendChild(line);
    this.stroke = { id: e.pointerId, points: [p], line, intensity, erase };
    this.drawStroke();
  }
  strokeMove(svg, e) {
    if (!this.stroke || e.pointerId !== this.stroke.id) return;
    e.preventDefault();
    const moves = e.getCoalescedEvents ? e.getCoalescedEvents() : [];
    for (const m of moves.length ? moves : [e]) {
      const p = svgPoint(svg, m.clientX, m.clientY);
      if (p) this.stroke.points.push(p);
    }
    this.drawStroke();
  }
  drawStroke() {
    const pts = this.stroke.points;
    const shown = pts.length === 1 ? [pts[0], pts[0]] : pts;
    this.stroke.line.setAttribute("points", shown.map((p) => `${p.x},${p.y}`).join(" "));
  }
  strokeEnd(svg, e) {
    if (!this.stroke || e.pointerId !== this.stroke.id) return;
    const done = this.stroke;
    this.stroke = null;
    done.line.classList.add("done");
    const points = thinStroke(done.points, this.draw.step).map((p) => [p.x, p.y]);
    this.queue.push({ n: this.sent + 1, points, intensity: done.intensity, erase: done.erase });
    this.report({ kind: "stroke", id: null, view: "back", x: null, y: null, strokes: [...this.queue] });
  }
  showDrawing(drawing) {
    if (!drawing || !this.cells) return;
    this.tool = drawing.tool || null;
    if (this.tool) this.root.dataset.tool = this.tool.erase ? "erase" : String(this.tool.intensity);
    const { x0, y0, cell } = this.draw.grid;
    this.cells.replaceChildren(
      ...drawing.cells.map(
        ([c, r, i]) => svgEl("rect", { x: x0 + c * cell, y: y0 + r * cell, width: cell, height: cell, fill: this.draw.colours[i], "data-strength": i })
      )
    );
    for (const old of this.strokes.querySelectorAll(".done")) old.remove();
  }
  // ---- screen-pixel scale and point labels ----------------------------------------------------------
  k() {
    return this.present ? Math.max(1.15, 1.76 * Math.min(1, window.innerHeight / 1080)) : this.scale;
  }
  relayout() {
    this.root.style.setProperty("--k", String(this.k()));
    const k = parseFloat(this.root.style.getPropertyValue("--k")) || 1;
    for (const svg of this.svgs) {
      const ctm = svg.getScreenCTM();
      if (!ctm || !ctm.a) continue;
      svg.style.setProperty("--u", String(1 / ctm.a));
      layoutLabels(svg, ctm.a / k, this.region(), this.numbers);
    }
  }
};
var REGISTRY = window.__acumapMaps || (window.__acumapMaps = { maps: /* @__PURE__ */ new Map(), pending: /* @__PURE__ */ new Map() });
function index_default(component) {
  const { data, parentElement, setTriggerValue } = component;
  if (!parentElement.__acumap) parentElement.__acumap = new AcuMap(parentElement);
  const map = parentElement.__acumap;
  map.update(data, setTriggerValue);
  REGISTRY.maps.set(data.target, map);
  const pending = REGISTRY.pending.get(data.target);
  if (pending) {
    REGISTRY.pending.delete(data.target);
    map.receive(pending);
  }
}
export {
  index_default as default
};
