"""Where an uncached render's time goes: home, blog index, article and a condition page, under cProfile.

    .venv/bin/python tests/bench/profile_render.py                      # median ms and the top entries
    .venv/bin/python tests/bench/profile_render.py --compare ../old     # the same, interleaved with another checkout

Builds the demo site in a temporary directory under production settings (as `make bench` does: DEBUG off,
SQLite, local-memory cache), then, in a Django process with the page cache off, renders each page through the
test client (the whole middleware stack, no HTTP server) after a few warm-up renders, so the shared header and
footer and the page's route are cached as they are for every render but the first after a publish. Prints the
median milliseconds per page and the top entries of a cProfile run (by own time and by cumulative time).

With --compare PATH, a second site is built from that checkout (run with this checkout's virtualenv) and the
two are measured in alternating rounds, so a change in the machine's load affects both alike. Timings on a
shared machine move with its load: the load average is printed beside them; compare only figures taken together.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from harness import BenchSite, log  # noqa: E402

PAGES = [
    ("home", "/"),
    ("blog index", "/blog/"),
    ("article", "/blog/ketamine-and-depression-an-integrative-approach/"),
    ("condition", "/services/depression/"),
]

MEASURE = r"""
import cProfile, io, json, pstats, sys, time
from django.test import Client

pages, renders, profile, top = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1", int(sys.argv[4])
client = Client()
headers = {"X-Forwarded-Proto": "https"}
# By cumulative time, only what a render does (not the middleware chain every request passes through).
WHERE = (
    r"site_core/(pages|seo|caching/(chrome|routing|keys))|templatetags|/blog/|/services/|wagtail/(images|blocks|"
    r"templatetags|models/pages)|get_context|execute_sql|template/response.py.*render|include_block"
)


def get(path):
    response = client.get(path, secure=True, headers=headers)
    assert response.status_code == 200 and "X-Page-Cache" not in response, (path, response.status_code)


for _name, path in pages:
    for _ in range(3):
        get(path)
times = {name: [] for name, _ in pages}
for _ in range(renders):
    for name, path in pages:
        started = time.perf_counter()
        get(path)
        times[name].append((time.perf_counter() - started) * 1000)
profiles = {}
if profile:
    for name, path in pages:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(renders):
            get(path)
        profiler.disable()
        out = {}
        for order, restriction in (("tottime", ()), ("cumulative", (WHERE,))):
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(*restriction, top)
            out[order] = text.getvalue().split("ncalls", 1)[-1]
        profiles[name] = out
print(json.dumps({"times": times, "profiles": profiles}))
"""


def measure(site: BenchSite, root: Path, renders: int, profile: bool, top: int) -> dict:
    harness.ROOT = root  # manage.py and the code come from this checkout (the virtualenv stays ours)
    out = site.python(
        MEASURE, json.dumps(PAGES), str(renders), "1" if profile else "0", str(top), env={"PAGE_CACHE_SECONDS": "0"}
    )
    return json.loads(out.strip().splitlines()[-1])


def build(root: Path) -> BenchSite:
    harness.ROOT = root
    site = BenchSite()
    site.build()
    return site


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--renders", type=int, default=30, help="timed renders of each page per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (alternating with --compare)")
    parser.add_argument("--top", type=int, default=15, help="profile entries shown per page")
    parser.add_argument("--compare", type=Path, help="another checkout of the project to measure alongside")
    args = parser.parse_args()

    ours = harness.ROOT
    roots = {"this checkout": ours}
    if args.compare:
        roots = {f"compared ({args.compare})": args.compare.resolve(), "this checkout": ours}
    sites = {}
    try:
        for label, root in roots.items():
            sites[label] = build(root)
        loads = [os.getloadavg()[0]]
        times = {label: {name: [] for name, _ in PAGES} for label in roots}
        profiles = {}
        for round_number in range(args.rounds):
            last = round_number == args.rounds - 1
            for label, root in roots.items():
                result = measure(sites[label], root, args.renders, last, args.top)
                for name, samples in result["times"].items():
                    times[label][name].extend(samples)
                if last:
                    profiles[label] = result["profiles"]
            loads.append(os.getloadavg()[0])
            log(f"  round {round_number + 1} of {args.rounds} done (load average {loads[-1]:.1f})")
    finally:
        for site in sites.values():
            site.cleanup()
        harness.ROOT = ours

    print(f"\nUncached render (page cache off, chrome and route cached), {harness.machine()}")
    print(f"{args.rounds} rounds × {args.renders} renders per page; load average {min(loads):.1f}–{max(loads):.1f}\n")
    labels = list(roots)
    print("| page | " + " | ".join(f"median ms, {label}" for label in labels) + " |")
    print("|---|" + "--:|" * len(labels))
    for name, _ in PAGES:
        cells = [f"{statistics.median(times[label][name]):.1f}" for label in labels]
        print(f"| {name} | " + " | ".join(cells) + " |")
    for name, _ in PAGES:
        for order in ("tottime", "cumulative"):
            print(
                f"\n== {name}, this checkout, top {args.top} by {order}{' (render code only)' if order == 'cumulative' else ''}:\n   ncalls{profiles[labels[-1]][name][order]}"
            )


if __name__ == "__main__":
    main()
