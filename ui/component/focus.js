// Brings a part of the page into view after a change that the reader did not scroll to: on a phone, a tap on
// the map writes the panel (or the quiz's verdict) a screen or more away from the finger. Python sends a
// selector and a token; when the token changes (not on the page's first run), Python says this run follows the
// reader's tap (`scroll`: not a button or a tour step elsewhere on the page), and the part is not already in
// the upper part of the screen, it is scrolled to the top, below Streamlit's header. Draws nothing.
export default function ({ data }) {
  const seen = (window.__acumapFocus ||= {});
  const known = Object.prototype.hasOwnProperty.call(seen, data.name);
  const changed = seen[data.name] !== data.token;
  seen[data.name] = data.token;
  if (!known || !changed || !data.token || !data.scroll) return;
  if (data.phone && !window.matchMedia("(max-width: 640px)").matches) return;
  // After Streamlit has written the rest of this run (the part may be new in it).
  requestAnimationFrame(() =>
    setTimeout(() => {
      const el = document.querySelector(data.selector);
      if (!el) return;
      const top = el.getBoundingClientRect().top;
      if (top >= 56 && top < window.innerHeight * 0.5) return;
      el.scrollIntoView({ block: "start", behavior: "smooth" });
    }, 80),
  );
}
