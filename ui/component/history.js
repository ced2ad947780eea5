// The student's quiz history, kept in this browser's own storage (localStorage), never on the server.
//
// Python sends `data` = {record: [[round, i, point, ok], ...], known: [[point, ok], ...] | null,
// report: bool, count_text: bool}. Each result is stored once (keyed by its round and number, so a rerun or
// a reload does not count it twice). With `report`, the browser hands Python the (point, correct) pairs for
// choosing the points missed most, only when they differ from what Python already has; a button forgets
// them. Text is set with textContent only.

const KEY = "acumap.quiz.history";
const MAX = 500;

function load() {
  try {
    const items = JSON.parse(window.localStorage.getItem(KEY) || "[]");
    return Array.isArray(items) ? items.filter((it) => it && typeof it.p === "string" && typeof it.ok === "boolean") : [];
  } catch {
    return [];
  }
}

function save(items) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(items.slice(-MAX)));
  } catch {
    // Storage full or blocked (private mode): the quiz still works, without a history.
  }
}

export default function ({ data, parentElement, setStateValue }) {
  let items = load();
  const seen = new Set(items.map((it) => `${it.r}#${it.i}`));
  let added = false;
  for (const [r, i, p, ok] of data.record || []) {
    if (seen.has(`${r}#${i}`)) continue;
    seen.add(`${r}#${i}`);
    items.push({ r, i, p, ok, t: Date.now() });
    added = true;
  }
  if (added) {
    items = items.slice(-MAX);
    save(items);
  }
  const pairs = items.map((it) => [it.p, it.ok]);
  if (data.report && JSON.stringify(pairs) !== JSON.stringify(data.known || [])) setStateValue("history", pairs);

  // Only this component's own box is replaced: the parent also holds the stylesheet Streamlit injected.
  let box = parentElement.querySelector(".quiz-history");
  if (!data.report) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = document.createElement("div");
    box.className = "quiz-history";
    parentElement.appendChild(box);
  }
  box.replaceChildren();
  const text = document.createElement("span");
  text.textContent = items.length
    ? `${items.length} answers from earlier rounds are kept in this browser only (not on the server).`
    : "Your answers will be kept in this browser only (not on the server), to offer the points you miss most.";
  box.appendChild(text);
  if (items.length) {
    const forget = document.createElement("button");
    forget.type = "button";
    forget.textContent = "Forget my quiz history";
    forget.addEventListener("click", () => {
      try {
        window.localStorage.removeItem(KEY);
      } catch {
        // nothing kept
      }
      setStateValue("history", []);
    });
    box.appendChild(forget);
  }
}
