// The panel's book (every panel acumap/panel.py wrote for one audience), at the foot of the page: handed to the
// panel of the same map (ui/component/panel.js), which swaps its panels in the frame of a click.
export default function ({ data }) {
  const registry = (window.__acumapPanels ||= { books: new Map() });
  const held = registry.books.get(data.target);
  if (held && held.digest === data.digest && held.audience === data.audience) return;
  registry.books.set(data.target, { digest: data.digest, audience: data.audience, book: data.book });
  window.dispatchEvent(new CustomEvent("acumap:book", { detail: { target: data.target } }));
}
