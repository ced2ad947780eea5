// AcuMap's body map: SVG diagrams composed by the Python core, lit here in the frame of the click.
//
// Python sends `data` = {key, views: {view: svg}, show, tables, ...} once per version of the data. The SVG is
// inserted once per `key` (composed, and its data text escaped, by acumap/drawing/svg.py); everything added
// later is set with textContent or attributes, never as markup. A click, tap, pen touch or key lights the
// region at once (rules.js, from what the payload says each choice lights), then reports
// {kind, id, view, x, y, n, from} to Python, which answers with the state it decided (protocol.js).
//
// The modules, one concern each: rules (events -> state, what lights, position words), keyboard (arrow-key
// neighbours, the quiz cross), labels (where labels go, and drawing them), tooltip, legend, quizdraw (the
// cross, the attempt, the answer), protocol (acknowledgements, resends, the class's answer route), dom.

import { centreOf, svgEl, svgPoint } from "./dom.js";
import { DIRS, neighbourIndex, rounded, stepCursor } from "./keyboard.js";
import { layoutLabels } from "./labels.js";
import { drawLegend, legendRows } from "./legend.js";
import { MAX_RESENDS, RESEND_MS, ackOf, postAttempt } from "./protocol.js";
import { drawAttempt, drawCursor } from "./quizdraw.js";
import { EMPTY, fill, litRole, nextState, positionText, shapeOn, thinStroke } from "./rules.js";
import { showTip } from "./tooltip.js";

class AcuMap {
  constructor(parent) {
    this.parent = parent;
    this.root = document.createElement("div");
    this.root.className = "acumap";
    this.root.dataset.mode = "overview";
    parent.appendChild(this.root);
    this.state = EMPTY;
    this.sent = 0;
    // Who sends (a map instance) and which event is waiting for Python's acknowledgement.
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
    // The head (from above) and the neck (from behind) are small: side by side under the leg.
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
      // Trusted markup: composed by acumap/drawing/svg.py, which escapes every data text it writes.
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
      // A click's coordinates are whole pixels; the pointer's are not (a pixel is ~0.1 level on a small back):
      // the click is placed where the pointer was let go.
      svg.addEventListener("pointerup", (e) => { this.lastUp = { x: e.clientX, y: e.clientY }; });
      svg.addEventListener("click", (e) => this.onClick(svg, e));
      svg.addEventListener("pointerover", (e) => this.onHover(e, true));
      svg.addEventListener("pointerout", (e) => this.onHover(e, false));
      svg.addEventListener("keydown", (e) => this.onKey(svg, e));
      svg.addEventListener("focusin", (e) => this.onFocus(e));
      svg.addEventListener("focusout", () => this.hideTip());
      this.observer.observe(svg);
    }
    this.buildLegend();
    // A tooltip belongs where the finger was: when the page (or any box in it) scrolls, it goes.
    window.addEventListener("scroll", () => { if (!this.tip.hidden) this.hideTip(); }, { capture: true, passive: true });
  }

  update(data, setTriggerValue) {
    this.target = data.target;
    // The diagrams and tables: sent once, then identical (Streamlit sends an identical element as a hash).
    this.send = setTriggerValue;
    // The presenter view sizes the screen-pixel parts from the window's height: 1.76 at 1080 px, so a point's
    // label is 29.9 px high and every diagram text 28.2 px; never under 1.15 on a smaller screen.
    this.present = !!data.present;
    this.root.dataset.present = this.present ? "on" : "off";
    this.scale = data.scale || 1;
    this.root.style.setProperty("--k", String(this.k()));
    // Quiz: the points are hidden, every click is an attempt (a position), landmarks may be hidden too.
    // Reverse quiz ("name"): one point is shown and named in the page; clicks on the map do nothing.
    this.quiz = !!data.quiz;
    this.naming = data.quiz === "name";
    this.throttle = data.throttle || 0;
    this.root.dataset.quiz = this.quiz ? "on" : "off";
    this.root.dataset.landmarks = data.landmarks === false ? "off" : "on";
    // Patient view: only the chosen region's points, each labelled with its number in the page's list
    // (base region -> point id -> number), no cun or level labels, no meridian legend.
    this.patient = !!data.patient;
    this.numbers = data.patient || null;
    this.root.dataset.audience = this.patient ? "patient" : "student";
    this.captions = data.captions || null;
    // Drawing (a pain drawing): a finger, pen or mouse on the back shades; taps choose nothing.
    // {colours: 0..10 -> colour, grid: {x0, y0, cell}, brush: cm, step: cm between kept positions}.
    this.draw = data.draw || null;
    this.root.dataset.draw = this.draw ? "on" : "off";
    if (data.key !== this.key) {
      this.build(data);
      if (this.last) this.receive(this.last);
    }
    this.quizFocus();
    if (this.tables) this.buildLegend();
    if (this.svgs) this.relayout();
    // Each diagram's caption: the map's own, or the patient view's plain one.
    for (const cap of this.root.querySelectorAll("figcaption[data-view]")) {
      cap.textContent = (this.captions && this.captions[cap.dataset.view]) || this.tables.titles[cap.dataset.view];
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
    this.cursors ||= {};
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
    // The state Python decided, from the small companion element: applied once Python has seen every event
    // sent from here (otherwise a newer click is in flight and its highlight stays).
    this.last = msg;
    // A class's live question: where to post each attempt before reporting it ({url, token, question}).
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
      // The text alternative of each diagram, written by Python for the state it decided (in the quiz the
      // points are hidden: the diagrams keep the quiz's own labels).
      else for (const svg of this.svgs) if (msg.alt && msg.alt[svg.dataset.view]) svg.setAttribute("aria-label", msg.alt[svg.dataset.view]);
    } else this.relayout();
  }

  // ---- state -> DOM: every lookup in the payload's tables --------------------------------------------
  region() {
    // Several regions lit together (a pain drawing's): labelled as one list, numbered by Python.
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
    // The panel beside the map (ui/component/panel.js) follows the state in this same frame; after the labels'
    // layout, which reads the page's geometry (so the browser lays the new panel out once, for the frame).
    window.dispatchEvent(new CustomEvent("acumap:state", { detail: { target: this.target, state: this.state } }));
  }

  announce(reg, lights) {
    if (this.quiz) return; // the quiz speaks for itself (the cross's position, the page's verdict)
    if (!reg) {
      this.live.textContent = this.state.point ? `Point ${this.state.point} chosen.` : "Overview: all points.";
      return;
    }
    // Each point counted once, whichever side's markers it lights.
    const roles = new Map(Object.entries(lights || {}).map(([key, role]) => [key.split(" ")[0], role]));
    const count = (role) => [...roles.values()].filter((r) => r === role).length;
    this.live.textContent = `${reg.label}: ${count("local")} local points, ${count("distal")} distal points lit.`;
  }

  // ---- events -------------------------------------------------------------------------------------
  attempt(event) {
    // A quiz attempt; with a throttle (a class's answers), at most one per `throttle` ms reaches Python and the
    // last tap always does: a burst of taps is one answer and costs one or two runs.
    clearTimeout(this.trail);
    const wait = (this.throttle || 0) - (performance.now() - (this.lastAttempt ?? -Infinity));
    const go = () => {
      this.lastAttempt = performance.now();
      if (!this.post) {
        this.report(event);
        return;
      }
      // A class's answer: posted to the class's route first, one at a time in the order tapped, so it is stored
      // at once; then reported with what the route said (Python stores it itself if the post failed).
      const post = this.post;
      this.posting = (this.posting || Promise.resolve())
        .then(() => postAttempt(post, event))
        .then((posted) => this.report(posted ? { ...event, posted } : event));
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
    // Send the pending event again if no acknowledgement comes within `ms` (0: now).
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
      // A new question: no attempt, no cross; after an attempt by keyboard, the focus goes back to the
      // diagram (the Next button that had it is gone), with the cross in the middle again.
      for (const old of this.root.querySelectorAll(".attempt, .kcursor")) old.remove();
      if (this.revealed) {
        this.cursors = {};
        const svg = this.keyed && this.svgs.find((s) => s.dataset.view === this.keyed);
        if (svg) svg.focus();
        this.keyed = null;
      }
      this.revealed = false;
      return;
    }
    this.revealed = true;
    const svg = this.svgs.find((s) => s.dataset.view === reveal.view) || null;
    const pos = reveal.ax == null ? null : { x: reveal.ax, y: reveal.ay };
    // tx null: the attempt alone (a class check before the teacher shows the answer).
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
      this.showTip(lm, 4000);
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
    // Python's cells under everything else (the guides, regions and points stay readable above them), and the
    // strokes not yet applied by Python above the cells.
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
    if (!this.tool || (e.pointerType === "mouse" && e.button !== 0) || this.stroke) return;
    e.preventDefault();
    svg.setPointerCapture?.(e.pointerId);
    const p = svgPoint(svg, e.clientX, e.clientY);
    if (!p) return;
    const { intensity, erase } = this.tool;
    const line = svgEl("polyline", {
      class: erase ? "erasing" : "shading",
      "stroke-width": 2 * this.draw.brush,
      stroke: erase ? "#ffffff" : this.draw.colours[intensity],
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
    // One position alone is a dab: a line of no length, drawn as a round dot.
    const shown = pts.length === 1 ? [pts[0], pts[0]] : pts;
    this.stroke.line.setAttribute("points", shown.map((p) => `${p.x},${p.y}`).join(" "));
  }

  strokeEnd(svg, e) {
    if (!this.stroke || e.pointerId !== this.stroke.id) return;
    const done = this.stroke;
    this.stroke = null;
    done.line.classList.add("done");
    // The positions a few mm apart (what a 1 cm grid can tell), to a tenth of a millimetre.
    const points = thinStroke(done.points, this.draw.step).map((p) => [p.x, p.y]);
    this.queue.push({ n: this.sent + 1, points, intensity: done.intensity, erase: done.erase });
    // Every stroke Python has not acknowledged goes in the report: a lost one is sent again with the next.
    this.report({ kind: "stroke", id: null, view: "back", x: null, y: null, strokes: [...this.queue] });
  }

  showDrawing(drawing) {
    // Python's drawing ({cells: [[col, row, strength], ...], tool: {intensity, erase}}): its cells replace the
    // strokes it has applied; the stroke under the finger stays.
    if (!drawing || !this.cells) return;
    this.tool = drawing.tool || null;
    // What the next stroke does, for a test or a style to read: a strength 0 to 10, or "erase".
    if (this.tool) this.root.dataset.tool = this.tool.erase ? "erase" : String(this.tool.intensity);
    const { x0, y0, cell } = this.draw.grid;
    this.cells.replaceChildren(
      ...drawing.cells.map(([c, r, i]) =>
        svgEl("rect", { x: x0 + c * cell, y: y0 + r * cell, width: cell, height: cell, fill: this.draw.colours[i], "data-strength": i }),
      ),
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
}

// Map instances by their Streamlit key, so the small state component (ui/component/state.js) reaches its map.
const REGISTRY = (window.__acumapMaps ||= { maps: new Map(), pending: new Map() });

export default function (component) {
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
