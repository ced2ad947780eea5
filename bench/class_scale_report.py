"""Markdown tables from bench/class_scale.py's JSON results (one file per run), for BENCHMARKS.md.

.venv/bin/python -m bench.class_scale_report RUN.json [RUN.json ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.class_scale import dist

APPS = ("app", "app1", "app2")


def apps(cpu: dict[str, Any]) -> list[str]:
    return [k for k in APPS if k in cpu]


def app_cpu(cpu: dict[str, Any]) -> float:
    return float(sum(cpu[k] for k in apps(cpu)))


def ms(d: dict[str, float]) -> str:
    return f"{d['p50']:.0f} / {d['p95']:.0f} / {d['max']:.0f}" if d["n"] else "–"


def s_(d: dict[str, float]) -> str:
    return f"{d['p50']:.1f} / {d['p95']:.1f} / {d['max']:.1f}" if d["n"] else "–"


def pc(x: float) -> str:
    return f"{x * 100:.0f} %"


def cpu_cells(cpu: dict[str, Any]) -> str:
    parts = [f"{k} {pc(cpu[k])}" for k in apps(cpu)]
    for k in ("postgres", "haproxy", "chromium", "self"):
        if k in cpu:
            parts.append(f"{'load client' if k == 'self' else k} {pc(cpu[k])}")
    parts.append(f"machine {pc(cpu['machine_busy'])} of 2 cores")
    return ", ".join(parts)


def posted(q: dict[str, Any]) -> str:
    """What the class's answer route said of a question's taps (none: the run did not post them)."""
    said = q.get("posted") or {}
    return ", ".join(f"{code} × {n}" for code, n in said.items()) or "not posted"


def run_section(r: dict[str, Any]) -> str:
    n = r["joined"]
    qs = r["questions"]
    lines = [
        f"**{r['server']}, {n} students** (`{r['command']}`; {r.get('machine', '(run stopped early)')}; {r['date']}; "
        f"{r.get('code_version', '')})",
        "",
    ]
    if qs:
        lines += [
            "| question | sent / stored / shown | taps pushed after the page showed it | ask → shown on the phones p50 / p95 / max (s) | tap → stored p50 / p95 / max (ms) | the answer route said (HTTP status × taps) | tap → its run finished p50 / p95 / max (ms) | teacher's count complete after the last tap | server CPU while answering (100 % = one core) |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for q in qs:
            lines.append(
                f"| Q{q['number']} {q['point']} | {q['sent']} / {q['stored']} / {q['shown']} | {q['late']} "
                f"| {s_(q['seen_s'])} | {ms(q['tap_to_stored_ms'])} | {posted(q)} | {ms(q['tap_to_run_finished_ms'])} "
                f"| {q['shown_after_last_tap_s']:.1f} s | {cpu_cells(q['cpu_answering'])} |"
            )
        allst = dist([x for q in qs for x in q["raw"]["tap_to_stored_ms"]])
        allrun = dist([x for q in qs for x in q["raw"]["tap_to_run_finished_ms"]])
        sent = sum(q["sent"] for q in qs)
        stored = sum(q["stored"] for q in qs)
        shown = sum(q["shown"] or 0 for q in qs)
        lines.append(
            f"| **all** | **{sent} / {stored} / {shown}** | {sum(q['late'] for q in qs)} | "
            f"{s_(dist([x for q in qs for x in q['raw']['seen_s']]))} | **{ms(allst)}** | | {ms(allrun)} "
            f"| max {max(q['shown_after_last_tap_s'] for q in qs):.1f} s | |"
        )
        lines.append("")
    base, idle = r["baseline_teacher_only"], r["idle"]
    per = (app_cpu(idle) - app_cpu(base)) / n if n else float("nan")
    rss = r["rss_mib"]
    rows = [
        (
            "students joined / asked to join",
            f"{n} / {r['settings']['students']} in {r['join_s']:.0f} s"
            + (f" (problems: {len(r['join_problems'])})" if r["join_problems"] else ""),
        ),
        (
            "websockets per process (joined; end)",
            f"{r['sessions_per_process']}; {r.get('sessions_per_process_end', '–')}",
        ),
        (
            "class length (teacher's page opened → last pause over)",
            f"{r.get('class_wall_s', float('nan')):.0f} s",
        ),
        ("CPU, teacher only (baseline)", cpu_cells(base)),
        (f"CPU, idle polling, {idle['wall_s']:.0f} s", cpu_cells(idle)),
        (
            "Streamlit fragment polls answered while idle; round trip p50 / p95 / max",
            f"{idle['polls_finished']} ({idle['polls_finished'] / idle['wall_s']:.0f}/s); {ms(idle['poll_rtt_ms'])} ms",
        ),
        (
            "the followers' fetches of the class route while idle (kept: the last 20 per phone); round trip"
            " p50 / p95 / max; redraws they asked for",
            f"{idle.get('follow_fetches_total', 0)} ({idle.get('follow_fetches_total', 0) / idle['wall_s']:.0f}/s); "
            f"{ms(idle['follow_fetch_ms']) if 'follow_fetch_ms' in idle else '–'} ms; "
            f"{idle.get('follow_triggers_total', 0)}",
        ),
        (
            "idle following per student (app processes, minus baseline)",
            f"{per * 100:.2f} % of a core = {per * 1000:.1f} ms CPU per student per second",
        ),
        (
            "RSS per process: teacher only → students joined → end",
            "; ".join(
                f"{k} {rss['before_students'][k]:.0f} → {rss['with_students'][k]:.0f} → {rss.get('end', rss['with_students'])[k]:.0f} MiB"
                for k in rss["before_students"]
            ),
        ),
        (
            "RSS per student (joined, idle; at the end)",
            f"{(sum(rss['with_students'].values()) - sum(rss['before_students'].values())) / n * 1024:.0f} KiB; "
            f"{(sum(rss.get('end', rss['with_students']).values()) - sum(rss['before_students'].values())) / n * 1024:.0f} KiB"
            if n
            else "–",
        ),
        (
            "client errors",
            str(r.get("n_client_errors", "–"))
            + (f": {r['client_errors'][:3]}" if r.get("client_errors") else ""),
        ),
    ]
    if qs:
        rows.insert(
            5,
            (
                "CPU from the last tap to the complete count, averaged over the questions",
                cpu_cells(
                    {
                        k: sum(q["cpu_until_shown"][k] for q in qs) / len(qs)
                        for k in qs[0]["cpu_until_shown"]
                        if k != "wall_s"
                    }
                ),
            ),
        )
        probs = [p for q in qs for p in q["problems"]]
        rows.append(
            (
                "lost taps (no run, or not in the database)",
                f"{sum(q['n_problems'] for q in qs)} failed, {sum(q['taps_not_found_in_db'] for q in qs)} not found"
                + (f": {probs[:3]}" if probs else ""),
            )
        )
    lines += ["| | |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows), ""]
    return "\n".join(lines)


def main() -> None:
    for name in sys.argv[1:]:
        print(run_section(json.loads(Path(name).read_text(encoding="utf-8"))))


if __name__ == "__main__":
    main()
