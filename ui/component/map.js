// AcuMap's body map: SVG diagrams composed by the Python core, highlighted here in the frame of the click.
//
// Python sends `data` = {key, views: {view: svg}, show, tables, state, ack, scale}. The SVG is inserted once
// per `key` (it is composed, and its data text escaped, by acumap/drawing/svg.py); everything the browser adds later
// is set with textContent or attributes, never as markup. A click, tap, pen touch or key lights the region
// at once, then reports {kind, id, view, x, y, n, from} to Python, which answers with the state it decided.
//
// No click is lost: Streamlit drops a fragment rerun whose fragment the session does not know yet (a click
// while the page reruns after the server restarted), and a click made while disconnected is never sent. So
// an event stays pending until Python acknowledges its number, and is sent again (same `from` and `n`, which
// Python applies once) when the state comes from a new server session, or when no acknowledgement came
// RESEND_MS after the last state or the click.

const DIRS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
const LABEL_PX = 12;
const RESEND_MS = 1500;
const MAX_RESENDS = 5;

function ackOf(msg, from) {
  // Python acknowledges the last event number it applied from each sender.
  return msg.ack && msg.ack.from === from ? msg.ack.n : 0;
}

function svgPoint(svg, clientX, clientY) {
  const ctm = svg.getScreenCTM();
  if (!ctm) return null;
  const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
  return { x: Math.round(p.x * 1000) / 1000, y: Math.round(p.y * 1000) / 1000 };
}

async function postAttempt(post, event) {
  // "stored" or "late" as the class's answer route (ui/class_route.py) says; null when it could not say (no
  // route: `streamlit run app.py`; the network dropped; the database is down), and Python stores it instead.
  try {
    const reply = await fetch(new URL(post.url, window.location.href), {
      method: "POST",
      cache: "no-store",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ token: post.token, question: post.question, view: event.view, x: event.x, y: event.y }),
    });
    if (!(reply.headers.get("content-type") || "").startsWith("application/json")) return null;
    const said = await reply.json();
    if (reply.status === 200 && said.stored === true) return "stored";
    if (reply.status === 409 && said.why === "late") return "late";
  } catch {
    // Offline for a moment: the report below carries the tap to Python, which stores it.
  }
  return null;
}

function centreOf(el) {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

function intersects(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

class AcuMap {
  constructor(parent) {
    this.parent = parent;
    this.root = document.createElement("div");
    this.root.className = "acumap";
    this.root.dataset.mode = "overview";
    parent.appendChild(this.root);
    this.state = { region: null, point: null };
    this.sent = 0;
    // Who sends (a map instance) and which event is waiting for Python's acknowledgement.
    this.from = Math.random().toString(36).slice(2, 10);
    this.pending = null;
    this.resends = 0;
    this.timer = null;
    this.sid = null;
    this.key = null;
    this.tipTimer = null;
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
      if (this.quiz && !this.naming) {
        svg.setAttribute("tabindex", "0");
        svg.setAttribute("aria-roledescription", "quiz diagram");
        svg.setAttribute("aria-keyshortcuts", "ArrowUp ArrowDown ArrowLeft ArrowRight Enter");
        svg.setAttribute("aria-label", `${this.tables.titles[svg.dataset.view]}: move the cross with the arrow keys (Shift: bigger steps), Enter places your attempt`);
      } else if (this.naming) {
        svg.setAttribute("aria-label", `${this.tables.titles[svg.dataset.view]}: the point to name is marked`);
      } else if (svg.getAttribute("aria-roledescription")) {
        for (const a of ["aria-roledescription", "aria-keyshortcuts"]) svg.removeAttribute(a);
        svg.setAttribute("tabindex", "-1");
        svg.setAttribute("aria-label", this.tables.titles[svg.dataset.view]);
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
      const pos = { x: Math.round(at.x * 1000) / 1000, y: Math.round(at.y * 1000) / 1000 };
      this.drawAttempt(svg, pos, null);
      this.keyed = view;
      this.attempt({ kind: "position", id: null, view, x: pos.x, y: pos.y });
      return;
    }
    const dir = DIRS[e.key];
    if (!dir) return;
    e.preventDefault();
    // A quarter of a cun a step (one cun with Shift), kept inside the drawing.
    const step = (this.tables.cm_per_cun[view] || 1) * (e.shiftKey ? 1 : 0.25);
    const next = {
      x: Math.min(Math.max(at.x + dir[0] * step, vb.x), vb.x + vb.width),
      y: Math.min(Math.max(at.y + dir[1] * step, vb.y), vb.y + vb.height),
    };
    this.cursors[view] = next;
    this.drawCursor(svg, next);
    this.live.textContent = this.whereIs(view, next);
  }

  drawCursor(svg, pos) {
    const NS = "http://www.w3.org/2000/svg";
    for (const old of this.root.querySelectorAll(".kcursor")) old.remove();
    const g = document.createElementNS(NS, "g");
    g.setAttribute("class", "kcursor");
    g.setAttribute("aria-hidden", "true");
    g.setAttribute("transform", `translate(${pos.x} ${pos.y})`);
    const px = document.createElementNS(NS, "g");
    px.setAttribute("class", "px");
    for (const [x1, y1, x2, y2] of [[-14, 0, 14, 0], [0, -14, 0, 14]]) {
      const line = document.createElementNS(NS, "line");
      for (const [k, v] of Object.entries({ x1, y1, x2, y2 })) line.setAttribute(k, String(v));
      px.appendChild(line);
    }
    g.appendChild(px);
    svg.appendChild(g);
  }

  whereIs(view, pos) {
    // Where the cross is, in the words of the body model (the back: nearest spinous process, cun out).
    const k = this.tables.cm_per_cun[view] || 1;
    if (view === "back") {
      // levels: [name, upper border, lower border] top to bottom; the points sit below a spinous process.
      const lv = this.tables.levels;
      let where = `above ${lv[0][0]}`;
      for (const [name, top, bottom] of lv) {
        if (pos.y >= top && pos.y < bottom - 0.3) where = `on the spinous process of ${name}`;
        else if (pos.y >= bottom - 0.3) where = `below the spinous process of ${name}`;
      }
      const cun = Math.abs(pos.x) / k;
      const side = cun < 0.125 ? "on the midline" : `${cun.toFixed(2).replace(/0$/, "")} cun to the ${pos.x < 0 ? "left" : "right"} of the midline`;
      return `Cross ${where}, ${side}.`;
    }
    return `Cross on the ${view} diagram at ${(pos.x / k).toFixed(1)} cun across, ${(pos.y / k).toFixed(1)} cun down.`;
  }

  receive(msg) {
    // The state Python decided, from the small companion element: applied once Python has seen every event
    // sent from here (otherwise a newer click is in flight and its highlight stays).
    this.last = msg;
    // A class's live question: where to post each attempt before reporting it ({url, token, question}).
    this.post = msg.post || null;
    const newSession = this.sid !== null && msg.sid !== this.sid;
    this.sid = msg.sid;
    if (this.pending && ackOf(msg, this.from) >= this.pending.n) this.settle();
    else if (this.pending) this.watch(newSession ? 0 : RESEND_MS);
    if (!this.key) return;
    if (!this.pending) {
      this.apply(msg.state || {});
      if (this.quiz) this.showReveal(msg.reveal || null);
      // The text alternative of each diagram, written by Python for the state it decided (in the quiz the
      // points are hidden: the diagrams keep the quiz's own labels).
      else for (const svg of this.svgs) if (msg.alt && msg.alt[svg.dataset.view]) svg.setAttribute("aria-label", msg.alt[svg.dataset.view]);
    } else this.relayout();
  }

  // ---- state -> DOM -------------------------------------------------------------------------------
  lit(state) {
    const reg = state.region ? this.tables.regions[state.region] : null;
    return { reg, roles: reg ? this.tables.lit[reg.base] || {} : {} };
  }

  apply(state) {
    this.state = { region: state.region || null, point: state.point || null };
    const { reg, roles } = this.lit(this.state);
    this.root.dataset.mode = reg ? "region" : "overview";
    for (const el of this.root.querySelectorAll("[data-point]")) {
      const pid = el.dataset.point;
      const role = roles[pid];
      const view = el.ownerSVGElement.dataset.view;
      const side = el.dataset.side;
      const on = !!role && (view !== "back" || side === "midline" || reg.side === "both" || reg.side === side);
      if (on) el.dataset.lit = role;
      else delete el.dataset.lit;
      if (pid === this.state.point) el.dataset.selected = "true";
      else delete el.dataset.selected;
    }
    for (const el of this.root.querySelectorAll("[data-region]")) {
      const shape = this.tables.regions[el.dataset.region];
      const on = !!reg && shape.base === reg.base && (reg.side === "both" || shape.side === "both" || shape.side === reg.side);
      if (on) el.dataset.on = "true";
      else delete el.dataset.on;
    }
    this.rovingDefaults();
    this.buildLegend();
    this.announce(reg, roles);
    this.relayout();
  }

  announce(reg, roles) {
    if (this.quiz) return; // the quiz speaks for itself (the cross's position, the page's verdict)
    if (!reg) {
      this.live.textContent = this.state.point ? `Point ${this.state.point} chosen.` : "Overview: all points.";
      return;
    }
    const local = Object.keys(roles).filter((p) => roles[p] === "local");
    const distal = Object.keys(roles).filter((p) => roles[p] === "distal");
    this.live.textContent = `${reg.label}: ${local.length} local points, ${distal.length} distal points lit.`;
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

  drawAttempt(svg, pos, target) {
    // The attempt (a dot) at once; with Python's answer, the true point (a ring) and a line from the attempt
    // to it. Markers are drawn in screen pixels (the .px layer), so they read the same on every diagram.
    for (const old of this.root.querySelectorAll(".attempt")) old.remove();
    if (!svg || (!pos && !target)) return;
    const NS = "http://www.w3.org/2000/svg";
    const g = document.createElementNS(NS, "g");
    g.setAttribute("class", "attempt");
    g.setAttribute("aria-hidden", "true");
    const add = (parent, tag, attrs) => {
      const el = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
      parent.appendChild(el);
      return el;
    };
    const mark = (at, r, cls) => {
      const holder = add(g, "g", { transform: `translate(${at.x} ${at.y})` });
      add(add(holder, "g", { class: "px" }), "circle", { cx: 0, cy: 0, r, class: cls });
    };
    if (target && pos) add(g, "line", { x1: pos.x, y1: pos.y, x2: target.x, y2: target.y, class: "miss-line" });
    if (target) {
      // The reverse quiz shows the point asked (no attempt): a filled marker.
      const cls = target.correct ? "truth ok" : "truth";
      mark(target, pos ? 11 : 9, pos ? cls : `${cls} asked`);
    }
    if (pos) mark(pos, 7, "guess");
    svg.appendChild(g);
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
    this.drawAttempt(svg, pos, target);
  }

  choose(kind, id, svg, pos) {
    // Mirror acumap.atlas.selection.apply_event, so the highlight shows in this frame.
    const s = this.state;
    if (kind === "region") this.apply({ region: s.region === id ? null : id, point: null });
    else if (kind === "point") this.apply({ region: s.region, point: s.point === id ? null : id });
    else if (kind === "clear") this.apply({ region: null, point: null });
    this.report({ kind, id: id || null, view: svg ? svg.dataset.view : null, x: pos ? pos.x : null, y: pos ? pos.y : null });
  }

  onClick(svg, e) {
    const up = this.lastUp;
    const exact = up && Math.abs(up.x - e.clientX) < 1 && Math.abs(up.y - e.clientY) < 1;
    const pos = exact ? svgPoint(svg, up.x, up.y) : svgPoint(svg, e.clientX, e.clientY);
    if (this.naming) return;
    if (this.quiz) {
      this.drawAttempt(svg, pos, null);
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
      // On the back's midline a tap chooses both sides (mirrors acumap.atlas.selection.apply_event).
      const shape = this.tables.regions[region.dataset.region];
      const midline = svg.dataset.view === "back" && shape && shape.side !== "both" && Math.abs(pos.x) < this.tables.midline_cm;
      this.choose("region", midline ? shape.base : region.dataset.region, svg, pos);
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
    const group = el.dataset.point ? this.focusablePoints(svg) : [...svg.querySelectorAll("[data-region]")];
    const next = this.neighbour(el, group, dir);
    if (next) this.moveFocus(el, next);
  }

  neighbour(from, group, [dx, dy]) {
    const a = centreOf(from);
    let best = null;
    let bestScore = Infinity;
    for (const el of group) {
      if (el === from) continue;
      const b = centreOf(el);
      const along = (b.x - a.x) * dx + (b.y - a.y) * dy;
      if (along <= 1) continue;
      const across = Math.abs((b.x - a.x) * dy - (b.y - a.y) * dx);
      const score = along + 2 * across;
      if (score < bestScore) {
        bestScore = score;
        best = el;
      }
    }
    return best;
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

  // ---- tooltips: hover with a mouse or pen, tap on touch; always inside the viewport ----------------
  onHover(e, entering) {
    if (e.pointerType === "touch") return;
    const el = e.target.closest("[data-point], [data-landmark]");
    if (!el) return;
    if (entering) this.showTip(el, 0);
    else if (!el.contains(e.relatedTarget)) this.hideTip();
  }

  showTip(el, ms) {
    const lines = el.dataset.point ? this.tables.tips[el.dataset.point] : this.tables.landmarks[el.dataset.landmark];
    if (!lines) return;
    const role = el.dataset.lit;
    this.tip.replaceChildren();
    lines.forEach((line, i) => {
      const div = document.createElement("div");
      div.className = i === 0 ? "t1" : i === 1 ? "t2" : "t3";
      div.textContent = i === 0 && role ? `${line} · ${role}` : line;
      this.tip.appendChild(div);
    });
    this.tip.hidden = false;
    this.tip.style.left = "0px";
    this.tip.style.top = "0px";
    const margin = 6;
    const tw = this.tip.offsetWidth;
    const th = this.tip.offsetHeight;
    const r = el.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    let left = Math.min(Math.max(margin, r.left + r.width / 2 - tw / 2), vw - tw - margin);
    let top = r.top - th - 8;
    if (top < margin) top = Math.min(r.bottom + 8, vh - th - margin);
    // position: fixed may be relative to a transformed ancestor: correct by what the browser reports.
    this.tip.style.left = `${left}px`;
    this.tip.style.top = `${top}px`;
    const got = this.tip.getBoundingClientRect();
    this.tip.style.left = `${left + (left - got.left)}px`;
    this.tip.style.top = `${top + (top - got.top)}px`;
    clearTimeout(this.tipTimer);
    if (ms) this.tipTimer = setTimeout(() => this.hideTip(), ms);
  }

  hideTip() {
    this.tip.hidden = true;
  }

  // ---- the legend (HTML beside the diagrams, text set as text) -------------------------------------
  buildLegend() {
    const lg = this.tables.legend;
    const mode = this.root.dataset.mode;
    this.legend.replaceChildren();
    const add = (parent, cls, text, colour) => {
      const span = document.createElement("span");
      span.className = cls;
      if (colour) span.style.setProperty("--c", colour);
      span.textContent = text;
      parent.appendChild(span);
      return span;
    };
    if (this.patient) {
      const shapes = document.createElement("div");
      shapes.className = "row";
      if (mode === "overview") add(shapes, "title", "Tap where it hurts to see the points used there.");
      else {
        add(shapes, "key local", "near the pain, on your back and neck", lg.colours.local);
        add(shapes, "key distal", "far from the pain (hand, leg, head)", lg.colours.distal);
      }
      this.legend.appendChild(shapes);
    } else if (mode !== "overview") {
      const shapes = document.createElement("div");
      shapes.className = "row";
      add(shapes, "key local", "local point (on the painful area)", lg.colours.local);
      add(shapes, "key distal", "distal point (hand, leg, head)", lg.colours.distal);
      add(shapes, "key chosen", "chosen point", lg.colours.chosen);
      this.legend.appendChild(shapes);
    } else {
      // In the quiz the points (and their meridian colours) are hidden: only the landmarks, if shown.
      if (!this.quiz) {
        const mer = document.createElement("div");
        mer.className = "row";
        add(mer, "title", "Meridians:");
        for (const [name, colour] of lg.meridians) add(mer, "key meridian", name, colour);
        this.legend.appendChild(mer);
      }
      if (this.svgs.some((s) => s.dataset.view === "back") && this.root.dataset.landmarks !== "off") {
        const lms = document.createElement("div");
        lms.className = "row";
        add(lms, "title", "Landmarks:");
        for (const [num, label, taught] of lg.landmarks) add(lms, "key landmark", `${label} (${taught})`).dataset.num = num;
        this.legend.appendChild(lms);
      }
    }
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
      this.layoutLabels(svg, ctm.a / k, k);
    }
  }

  layoutLabels(svg, scale, k) {
    // Work in the diagram's pixel units (px of the .px groups): x = user * scale.
    const layer = svg.querySelector("g.labels");
    layer.replaceChildren();
    const reg = this.lit(this.state).reg;
    const marks = [...svg.querySelectorAll("[data-point][data-lit], [data-point][data-selected]")].filter((el) => {
      // A bilateral back or neck point lit on both sides is labelled once, on the person's right.
      const paired = svg.dataset.view === "back" || svg.dataset.view === "neck";
      if (!paired || !reg || reg.side !== "both" || el.dataset.side !== "left") return true;
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
      const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
      g.setAttribute("class", "lbl");
      g.dataset.label = el.dataset.point;
      g.dataset.role = el.dataset.lit || "chosen";
      const inner = document.createElementNS("http://www.w3.org/2000/svg", "g");
      inner.setAttribute("class", "px");
      const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
      const bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      const text = document.createElementNS("http://www.w3.org/2000/svg", "text");
      text.textContent = (this.numbers && reg && (this.numbers[reg.base] || {})[el.dataset.point]) || el.dataset.point;
      inner.append(line, bg, text);
      g.appendChild(inner);
      g.setAttribute("transform", `translate(${el.dataset.x} ${el.dataset.y})`);
      layer.appendChild(g);
      return { el, g, line, bg, text, ax, ay, w: 0, h: LABEL_PX + 5, side: el.dataset.side };
    });
    const view = svg.dataset.view;
    const column = (view === "back" || view === "neck") && items.length > 4;
    // A patient's number shared by a column of points (the Jiaji: one code, a point at each level) is one
    // entry in the list: it gets one label, at the middle of a bracket along its points.
    if (this.numbers && column) items = this.shareLabels(svg, items, scale);
    // Measure every label after all are in the DOM: one layout pass, not one per label.
    for (const it of items) it.w = it.text.getBBox().width + 6;
    const placed = [];
    const free = (r) =>
      r.x >= bounds.x && r.y >= bounds.y && r.x + r.w <= bounds.x + bounds.w && r.y + r.h <= bounds.y + bounds.h &&
      !placed.some((p) => intersects(p, r)) && !obstacles.some((o) => intersects(o, r));
    items.sort((a, b) => a.ay - b.ay);
    if (column) {
      // Callouts in two columns with leader lines: points near the spine (GV, Jiaji) on one side, the
      // Bladder-line points on the other (on the neck: the cervical Jiaji, 0.65 cm out, against GB20, BL10
      // and Bailao), so each column holds about half the labels.
      const near = view === "neck" ? 1 : 2;
      const inner = (it) => Math.abs(parseFloat(it.el.dataset.x)) < near;
      const outerSign = reg && reg.side === "left" ? -1 : 1;
      const groups = [
        [items.filter((it) => !inner(it)), outerSign],
        [items.filter(inner), -outerSign],
      ];
      for (const [group, sign] of groups) {
        if (!group.length) continue;
        for (const it of group) if (it.run) it.run.x = sign > 0 ? Math.max(...it.run.xs) + 9 : Math.min(...it.run.xs) - 9;
        const xs = group.map((i) => (i.run ? i.run.x : i.ax));
        const edge = sign > 0 ? Math.max(...xs, 0) + 18 : Math.min(...xs, 0) - 18;
        const rects = group.map((it) => ({ x: sign > 0 ? edge : edge - it.w, y: it.ay - it.h / 2, w: it.w, h: it.h }));
        for (let i = 1; i < rects.length; i++) rects[i].y = Math.max(rects[i].y, rects[i - 1].y + rects[i - 1].h + 2);
        // Centre the column on its points, inside the diagram.
        const drift = group.reduce((sum, it, i) => sum + (rects[i].y + it.h / 2 - it.ay), 0) / group.length;
        const last = rects[rects.length - 1];
        let shift = -drift;
        shift = Math.max(shift, bounds.y - rects[0].y);
        shift = Math.min(shift, bounds.y + bounds.h - (last.y + last.h));
        for (const r of rects) r.y += shift;
        group.forEach((it, i) => {
          const r = rects[i];
          // Step outwards past a landmark ring or an earlier label rather than cover it.
          for (let guard = 0; guard < 40 && (obstacles.some((o) => intersects(o, r)) || placed.some((p) => intersects(p, r))); guard++) {
            r.x += sign * 6;
          }
          placed.push(r);
          this.placeLabel(it, r, true);
        });
      }
    } else {
      for (const it of items) {
        const cands = [];
        for (const dy of [0, -1, 1, -2, 2, -3, 3]) {
          cands.push({ x: it.ax + 10, y: it.ay - it.h / 2 + dy * (it.h + 2), w: it.w, h: it.h });
          cands.push({ x: it.ax - 10 - it.w, y: it.ay - it.h / 2 + dy * (it.h + 2), w: it.w, h: it.h });
        }
        const r = cands.find(free) || cands.find((c) => !placed.some((p) => intersects(p, c))) || cands[0];
        placed.push(r);
        this.placeLabel(it, r, Math.abs(r.y + r.h / 2 - it.ay) > it.h / 2);
      }
    }
  }

  shareLabels(svg, items, scale) {
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

  placeLabel(it, r, leader) {
    // r is in diagram pixels; the label group sits at the point, so subtract the anchor.
    const dx = r.x - it.ax;
    const dy = r.y - it.ay;
    if (it.run) {
      // The bracket: a line beside the entry's points from the highest to the lowest, with a tick at each end.
      const bx = it.run.x - it.ax;
      const t = it.run.top - it.ay;
      const b = it.run.bottom - it.ay;
      const tick = bx > 0 ? -4 : 4;
      const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("class", "bracket");
      path.setAttribute("d", `M${bx + tick} ${t}H${bx}V${b}H${bx + tick}`);
      it.line.before(path);
      it.line.setAttribute("x1", String(bx));
      it.line.setAttribute("y1", "0");
      const ex = dx > 0 ? dx : dx + it.w;
      it.line.setAttribute("x2", String(ex));
      it.line.setAttribute("y2", String(dy + it.h / 2));
      leader = false;
    }
    it.bg.setAttribute("x", String(dx));
    it.bg.setAttribute("y", String(dy));
    it.bg.setAttribute("width", String(it.w));
    it.bg.setAttribute("height", String(it.h));
    it.bg.setAttribute("rx", "3");
    it.text.setAttribute("x", String(dx + 3));
    it.text.setAttribute("y", String(dy + it.h - 5));
    if (leader) {
      const ex = dx > 0 ? dx : dx + it.w;
      it.line.setAttribute("x1", "0");
      it.line.setAttribute("y1", "0");
      it.line.setAttribute("x2", String(ex));
      it.line.setAttribute("y2", String(dy + it.h / 2));
    } else if (!it.run) {
      it.line.remove();
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
