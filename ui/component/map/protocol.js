// Talking to Python without losing a click. Streamlit drops a fragment rerun whose fragment the session does not
// know yet (a click while the page reruns after the server restarted), and a click made while disconnected is
// never sent. So an event stays pending until Python acknowledges its number, and is sent again (same `from` and
// `n`, which Python applies once) when the state comes from a new server session, or when no acknowledgement
// came RESEND_MS after the last state or the click.

export const RESEND_MS = 1500;
export const MAX_RESENDS = 5;

// The last event number Python applied from this sender.
export function ackOf(msg, from) {
  return msg.ack && msg.ack.from === from ? msg.ack.n : 0;
}

// A class's answer posted to the class's answer route (ui/class_route.py): "stored" or "late" as it says; null
// when it could not say (no route: `streamlit run app.py`; the network dropped; the database is down), and
// Python stores it instead.
export async function postAttempt(post, event) {
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
    // Offline for a moment: the report carries the tap to Python, which stores it.
  }
  return null;
}
