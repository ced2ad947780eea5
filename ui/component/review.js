// The student's review cards and history, kept in this browser's own storage (localStorage), never on the server.
//
// Python sends `data` = {save: string | null, rev: number, known: boolean}. On its first run in a page the
// component reports what this browser holds ({deck: the stored JSON text or "", now: the browser's clock in ms,
// tz: its offset from UTC in minutes}), so the schedule follows the student's own clock and day. When Python has
// changed the deck (a review, an import, new settings) it sends the JSON text to `save`, with a new `rev`: it is
// written here once per rev. `save` "" forgets everything.

const KEY = "acumap.review";

function stored() {
  try {
    return window.localStorage.getItem(KEY) || "";
  } catch {
    return "";
  }
}

function write(text) {
  try {
    if (text) window.localStorage.setItem(KEY, text);
    else window.localStorage.removeItem(KEY);
    return true;
  } catch {
    return false; // storage full or blocked (private mode): the review works for this visit only
  }
}

export default function ({ data, parentElement, setStateValue }) {
  const host = parentElement;
  if (typeof data.save === "string" && host.__savedRev !== data.rev) {
    host.__savedRev = data.rev;
    if (!write(data.save)) setStateValue("report", { deck: data.save, now: Date.now(), tz: -new Date().getTimezoneOffset(), blocked: true });
  }
  if (!data.known && !host.__reported) {
    host.__reported = true;
    setStateValue("report", { deck: stored(), now: Date.now(), tz: -new Date().getTimezoneOffset(), blocked: false });
  }
}
