"""Where Chromium's CPU goes, from Chromium's own tracing. Run: `.venv/bin/python bench/chrome_profile.py
[-m MARKS] [--keep DIR]`; about a minute for the default sections.

It runs the scenarios serially twice, step evidence on and off, each recording a Chromium trace
(bench/chrome_trace.py), and prints from each: the thread CPU of every Chromium thread (the trace's toplevel tasks),
and the renderers' main threads split into the DevTools calls made on the page (Playwright's actions and waits, the
evidence's reading and pictures) and the page's own work (documents, parsing, style, layout, paint, scripts).
Tracing slows the run down: read the shares and the difference between the runs, not the seconds."""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVTOOLS = "DevToolsSession::Dispatch"  # a DevTools command running in the renderer, and all it calls
# The renderer main thread's work by the name of its innermost event; first match wins.
KINDS = [
    ("scripts compiled", re.compile(r"v8\.compile|V8\.Compile|EvaluateScript")),
    ("garbage collection", re.compile(r"GC|Scavenge|MarkCompact")),
    ("documents: frames, windows and contexts made, committed and torn down", re.compile(
        r"CommitNavigation|LocalWindowProxy|CreateWebView|DeserializeContext|InstallConditionalFeatures|"
        r"Detach|FrameDestroyed|Widget.*Close|shutdown|didCommitProvisionalLoad|CreateContext|InitializeForReal|"
        r"CreateFrame|CreateChildFrame|FrameLoader|DocumentLoader|CreateView|SetVisible")),
    ("HTML parsing", re.compile(r"Parse|Tokenizer|HTMLDocumentParser")),
    ("style", re.compile(r"[Ss]tyle")),
    ("layout and text shaping", re.compile(r"Layout|Shape|LayoutNG")),
    ("paint and compositing commit", re.compile(r"Paint|Commit|Composit|BeginMainFrame|UpdateLayers|"
                                                r"PropertyTree|Raster|Lifecycle")),
    ("resources: requests and responses", re.compile(r"Resource|Loader|Fetch|Response|Request")),
    (SCRIPTS := "scripts and events (the page's code, timers, input)", re.compile(
        r"v8\.|V8\.|FunctionCall|Event|Timer|Microtask|api_call|callFunction|Animate|Input")),
]
OTHER = "the rest: tasks, messages, scheduling"


def run_traced(marks: str, evidence: str, out: Path) -> Path:
    """Runs the scenarios serially with a Chromium trace; the trace's path."""
    trace = out / f"trace-evidence-{evidence}.json"
    env = {**os.environ, "APEC_CHROME_TRACE": str(trace),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "pytest", "tests/test_scenarios.py", "-q", "-n", "0",
                           "-p", "no:cacheprovider", "-p", "chrome_trace", "-m", marks, "--step-evidence", evidence,
                           "--evidence-dir", str(out / f"evidence-{evidence}")],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0 or not trace.exists():
        sys.exit(f"chrome_profile: the run failed ({done.returncode}):\n{(done.stdout + done.stderr)[-3000:]}")
    return trace


def kind_of(names: list[str]) -> str:
    """The kind of an event's own time, from its name and its ancestors' (innermost first)."""
    for name in names:
        for kind, pattern in KINDS:
            if pattern.search(name):
                return kind
    return OTHER


def analyse(trace: Path) -> tuple[Counter, dict[str, Counter]]:
    """Thread CPU (ms) by (process, thread); the renderer main threads' own CPU (ms) by kind, under DevTools
    commands and outside them."""
    events = json.loads(trace.read_text(encoding="utf-8"))
    events = events["traceEvents"] if isinstance(events, dict) else events
    processes, threads = {}, {}
    for e in events:
        if e.get("ph") == "M" and e.get("name") == "process_name":
            processes[e["pid"]] = e["args"]["name"]
        elif e.get("ph") == "M" and e.get("name") == "thread_name":
            threads[(e["pid"], e["tid"])] = e["args"]["name"]
    by_thread: Counter = Counter()
    per_thread = defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e:
            per_thread[(e["pid"], e["tid"])].append(e)
    for (pid, tid), thread_events in per_thread.items():
        thread_events.sort(key=lambda e: (e["ts"], -e["dur"]))
        ends = -1  # a thread's CPU: its outermost events' thread time (tasks nest in tasks)
        for e in thread_events:
            if e["ts"] >= ends:
                by_thread[(processes.get(pid, "?"), threads.get((pid, tid), "?"))] += e.get("tdur", e["dur"]) / 1000
                ends = e["ts"] + e["dur"]
    per_thread = {key: value for key, value in per_thread.items()
                  if (processes.get(key[0]), threads.get(key)) == ("Renderer", "CrRendererMain")}
    main = {"devtools": Counter(), "page": Counter()}
    for thread_events in per_thread.values():
        stack: list[list] = []  # [event, its own thread time so far]
        def close(frame):
            names = [frame[0]["name"]] + [f[0]["name"] for f in reversed(stack)]
            side = "devtools" if any(n.startswith(DEVTOOLS) for n in names) else "page"
            kind = kind_of(names)
            if side == "devtools" and kind == SCRIPTS:
                kind = "JavaScript the calls run (Playwright's injected script: selectors, checks; the evidence's)"
            main[side][kind] += frame[1] / 1000
        for e in thread_events:
            while stack and stack[-1][0]["ts"] + stack[-1][0]["dur"] <= e["ts"]:
                close(stack.pop())
            own = e.get("tdur", e["dur"])
            if stack:
                stack[-1][1] -= own
            stack.append([e, own])
        while stack:
            close(stack.pop())
    return by_thread, main


def table(title: str, columns: list[str], rows: dict[str, list[float]], top: int | None = None) -> str:
    totals = [sum(r[i] for r in rows.values()) for i in range(len(columns))]
    lines = [f"\n{title}\n", "| | " + " | ".join(columns) + " |", "| --- |" + " --- |" * len(columns)]
    ordered = sorted(rows.items(), key=lambda kv: -kv[1][0])[:top]
    for name, values in ordered:
        lines.append(f"| {name} | " + " | ".join(f"{v / 1000:.1f} s ({v / t:.0%})" if t else "0"
                                                  for v, t in zip(values, totals)) + " |")
    lines.append("| **all** | " + " | ".join(f"**{t / 1000:.1f} s**" for t in totals) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-m", dest="marks", default="guide-1.2.2 or guide-1.3", help="which scenarios (pytest -m)")
    parser.add_argument("--keep", default=None, help="folder for the traces and the runs' evidence")
    options = parser.parse_args()
    out = Path(options.keep or tempfile.mkdtemp(prefix="apec-chrome-profile-"))
    out.mkdir(parents=True, exist_ok=True)
    results = {evidence: analyse(run_traced(options.marks, evidence, out)) for evidence in ("on", "off")}
    columns = ["evidence on", "evidence off"]
    threads = {f"{p}: {t}": [results[e][0][(p, t)] for e in ("on", "off")]
               for p, t in set(results["on"][0]) | set(results["off"][0])}
    print(f"scenarios: -m {options.marks!r}, serially, traced (thread CPU time)")
    print(table("Chromium's CPU by thread (toplevel tasks)", columns, threads, top=14))
    for side, title in (("devtools", "Renderers' main threads: inside DevTools commands (Playwright's calls, the "
                                     "evidence's reading and pictures)"),
                        ("page", "Renderers' main threads: the page's own work")):
        kinds = {k: [results[e][1][side][k] for e in ("on", "off")]
                 for k in set(results["on"][1][side]) | set(results["off"][1][side])}
        print(table(title, columns, kinds))
    print(f"\ntraces and evidence: {out}")


if __name__ == "__main__":
    main()
