// A press timer on a home plan's step card: counts the card's seconds down in the browser (no server run per
// tick), with Start / Stop and Start again. The time left is a `role="timer"` (not announced every second); a
// separate polite live region says when it starts, at half time, and when the time is up, for screen readers.
// On a phone that allows it, the end is also a short vibration. Python sends {seconds, name}; nothing is sent back.

function clock(s) {
  const m = Math.floor(s / 60);
  const r = s % 60;
  return `${m}:${String(r).padStart(2, "0")}`;
}

class PressTimer {
  constructor(root) {
    this.root = root;
    this.box = document.createElement("div");
    this.box.className = "press-timer";
    this.time = document.createElement("span");
    this.time.className = "time";
    this.time.setAttribute("role", "timer");
    this.button = document.createElement("button");
    this.button.type = "button";
    this.live = document.createElement("span");
    this.live.className = "live";
    this.live.setAttribute("aria-live", "polite");
    this.box.append(this.time, this.button, this.live);
    root.append(this.box);
    this.button.addEventListener("click", () => (this.running ? this.stop(true) : this.start()));
    this.running = false;
  }

  update(data) {
    if (this.seconds === data.seconds && this.name === data.name) return;
    this.seconds = data.seconds;
    this.name = data.name;
    this.stop(false);
    this.left = this.seconds;
    this.render();
  }

  render() {
    this.time.textContent = clock(this.left);
    this.time.setAttribute("aria-label", `${this.left} seconds left`);
    this.box.dataset.state = this.running ? "running" : this.left === 0 ? "done" : "ready";
    const label = this.running ? "Stop" : this.left === 0 || this.left < this.seconds ? "Start again" : "Start";
    this.button.textContent = label;
    this.button.setAttribute("aria-label", `${label}: press ${this.name} for ${this.seconds} seconds`);
  }

  say(text) {
    this.live.textContent = text;
  }

  start() {
    if (this.left === 0 || this.left < this.seconds) this.left = this.seconds;
    this.running = true;
    this.end = performance.now() + this.left * 1000;
    this.say(`Started: press for ${this.seconds} seconds.`);
    this.render();
    this.tick = setInterval(() => {
      const left = Math.max(0, Math.ceil((this.end - performance.now()) / 1000));
      if (left === this.left) return;
      this.left = left;
      if (left === Math.floor(this.seconds / 2) && left > 0) this.say(`${left} seconds left.`);
      if (left === 0) {
        this.stop(false);
        this.say("Time is up. You can let go.");
        if (navigator.vibrate) navigator.vibrate(300);
      }
      this.render();
    }, 200);
  }

  stop(said) {
    clearInterval(this.tick);
    this.running = false;
    if (said) this.say("Stopped.");
    if (this.time) this.render();
  }
}

export default function ({ data, parentElement }) {
  if (!parentElement.__acumapTimer) parentElement.__acumapTimer = new PressTimer(parentElement);
  parentElement.__acumapTimer.update(data);
}
