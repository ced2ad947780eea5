// The panel beside the body map, written in the frame of the click.
//
// Python sends the book once per version of the data and audience (acumap/panel.py: every panel the map can
// show, as pieces of escaped HTML, by the map's state), last on the page (ui/component/panel_book.js); until it
// has come, the panel shows the one Python sent with the panel itself (`first`). The map announces each state it applies (a click here,
// or Python's answer) with an "acumap:state" event; the panel looks the state up and swaps its HTML in the same
// frame. Buttons in the panel become the map's own events (a point opens, Back closes it, Overview clears), so
// Python hears of them exactly as of a click on the map.

const REGISTRY = (window.__acumapMaps ||= { maps: new Map(), pending: new Map() });
const BOOKS = (window.__acumapPanels ||= { books: new Map() });

// acumap.panel.keys_for: the most specific panel the book holds for a state.
export function keysFor(region, point) {
  const key = (r, p) => `${r || ""}|${p || ""}`;
  return [...new Set([key(region, point), key(null, point), key(region, null), "|"])];
}

export function panelKey(book, state) {
  return keysFor(state.region, state.point).find((k) => k in book.panels);
}

class Panel {
  constructor(parent) {
    this.root = document.createElement("section");
    this.root.className = "acumap-panel";
    this.root.setAttribute("aria-label", "About the points");
    parent.appendChild(this.root);
    this.shown = null;
    window.addEventListener("acumap:state", (e) => {
      if (e.detail.target === this.target) this.show(e.detail.state);
    });
    window.addEventListener("acumap:book", (e) => {
      if (e.detail.target === this.target) this.adopt();
    });
    this.root.addEventListener("click", (e) => this.onClick(e));
  }

  update(data) {
    this.target = data.target;
    this.audience = data.audience;
    this.root.style.setProperty("--h", `${data.height}px`);
    this.root.dataset.audience = data.audience;
    if (!this.adopt() && data.first != null && !this.book) {
      // Trusted markup: written by acumap/panel.py, which escapes every data text it holds.
      this.root.innerHTML = data.first;
      this.root.dataset.key = "first";
    }
  }

  // The book for this map and audience, once it is on the page; then the panel of the map's state.
  adopt() {
    const held = BOOKS.books.get(this.target);
    if (!held || held.audience !== this.audience) return false;
    if (held.digest !== this.digest) {
      this.digest = held.digest;
      this.book = held.book;
      this.shown = null;
      this.pages = new Map();
      this.prepare();
    }
    // The state the map shows (it may have applied it before this panel was drawn), else Python's.
    const map = REGISTRY.maps.get(this.target);
    const state = map && map.key ? map.state : (REGISTRY.pending.get(this.target) || {}).state;
    this.show(state || {});
    return true;
  }

  // A panel's DOM, built once: a click then only swaps it in (parsing a region's list in the click's frame
  // would cost the frame a few milliseconds).
  page(key) {
    let page = this.pages.get(key);
    if (!page) {
      page = document.createElement("div");
      page.className = "page";
      // Trusted markup: written by acumap/panel.py, which escapes every data text it holds.
      page.innerHTML = this.book.panels[key].map((id) => this.book.pieces[id]).join("");
      for (const d of page.querySelectorAll("details")) d.dataset.open = d.open ? "yes" : "no";
      this.pages.set(key, page);
    }
    return page;
  }

  // The overview's and the regions' panels (the long ones), built while the page is idle.
  prepare() {
    const book = this.book;
    const keys = Object.keys(book.panels).filter((k) => k.endsWith("|"));
    const idle = window.requestIdleCallback || ((fn) => setTimeout(() => fn({ timeRemaining: () => 8 }), 50));
    const step = (deadline) => {
      while (keys.length && this.book === book && deadline.timeRemaining() > 2) this.page(keys.shift());
      if (keys.length && this.book === book) idle(step);
    };
    idle(step);
  }

  show(state) {
    if (!this.book || this.book !== (BOOKS.books.get(this.target) || {}).book) return;
    const key = panelKey(this.book, state);
    if (key === this.shown) return;
    this.shown = key;
    const page = this.page(key);
    this.root.replaceChildren(page);
    this.root.dataset.key = key;
    // Its sections as Python wrote them, as a new panel would have them. (It opens at its top by itself: a box
    // taken out of the page loses its scroll position; setting it here would make the browser lay the page
    // out twice in the click's frame.)
    for (const d of page.querySelectorAll("details")) if (d.open !== (d.dataset.open === "yes")) d.open = !d.open;
  }

  onClick(e) {
    const button = e.target.closest("button[data-point], button[data-act]");
    const map = REGISTRY.maps.get(this.target);
    if (!button || !map) return;
    if (button.dataset.point) map.choose("point", button.dataset.point, null, null);
    else if (button.dataset.act === "back" && map.state.point) map.choose("point", map.state.point, null, null);
    else map.choose("clear", null, null, null);
    // The reader's place: the new panel's heading (the button pressed is gone with the old one).
    const heading = this.root.querySelector("h3");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
  }
}

export default function ({ data, parentElement }) {
  if (!parentElement.__acumapPanel) parentElement.__acumapPanel = new Panel(parentElement);
  parentElement.__acumapPanel.update(data);
}
