// A student's class page follows the teacher without a Streamlit poll: every `every` ms it fetches the class's
// small state from AcuMap's own route (serve.py: GET api/class/<code>, {question, revealed, ended}) and, only
// when it differs from what the page was drawn for (`drawn`), triggers `changed`: Python then redraws the
// student's part of the page (a fragment). Polling a route costs the server a few hundred microseconds; a
// Streamlit fragment poll costs a script run (bench/class_scale.py, BENCHMARKS.md).
//
// Served without the route (`streamlit run app.py`), the fetch answers with the app's page, not JSON: the
// component then triggers every `every` ms, as `st.fragment(run_every=...)` would, so the class still follows.

const TIMERS = new WeakMap();

export default function ({ data, parentElement, setTriggerValue }) {
  clearInterval(TIMERS.get(parentElement));
  const drawn = JSON.stringify(data.drawn);
  const url = new URL(data.url, window.location.href).toString();
  let sent = null;
  let busy = false;
  const check = async () => {
    if (busy) return;
    busy = true;
    try {
      const reply = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" } });
      const json = (reply.headers.get("content-type") || "").startsWith("application/json");
      if (!json) {
        setTriggerValue("changed", { tick: Date.now() });
        return;
      }
      const now = JSON.stringify(await reply.json());
      if (now !== drawn && now !== sent) {
        sent = now;
        setTriggerValue("changed", JSON.parse(now));
      }
    } catch {
      // The network dropped for a moment (a phone on school Wi-Fi): try again at the next beat.
    } finally {
      busy = false;
    }
  };
  TIMERS.set(parentElement, setInterval(check, data.every));
  return () => clearInterval(TIMERS.get(parentElement));
}
