// The teacher key of the class this browser runs, kept in its own storage (localStorage), so a reload or a
// restarted server gives the teacher the class back without the key ever showing in the projected address.
//
// Python sends `data` = {keep: {code, key} | null, forget: bool, held: {code, key} | null}: `keep` stores a
// class's key, `forget` removes it; the browser reports what it holds (only when Python does not already
// have it). Nothing is drawn.

const KEY = "acumap.class.teacher";

function load() {
  try {
    const held = JSON.parse(window.localStorage.getItem(KEY) || "null");
    return held && typeof held.code === "string" && typeof held.key === "string" ? { code: held.code, key: held.key } : null;
  } catch {
    return null;
  }
}

export default function ({ data, setStateValue }) {
  try {
    if (data.forget) window.localStorage.removeItem(KEY);
    else if (data.keep) window.localStorage.setItem(KEY, JSON.stringify(data.keep));
  } catch {
    // Storage blocked (private mode): the class still runs; a reload then needs the teacher link.
  }
  const held = data.forget ? null : load();
  if (JSON.stringify(held) !== JSON.stringify(data.held || null)) setStateValue("held", held);
}
