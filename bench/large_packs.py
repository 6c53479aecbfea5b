"""Packs 10 and 100 times the shipped one: page times, cold load, validation, cached load, memory.

    python -m bench.large_packs [--scales 10,100] [--rounds 3] [--load-rounds 3] [--pages Trade,Claims]
                                [--keep DIR]

Packs come from ``tests.packgen.scaled_pack`` (events over decades, thousands
of figures, hundreds of sources with stored texts); where that generator is
missing, ``bench.load_packs.make_scaled_pack`` repeats the shipped pack's
records instead. For each pack:

- cold load: ``load_packs`` in a fresh interpreter (imports not counted), and
  the curator's ``python -m components.validate`` on it, wall time, whole (medians of
  ``--load-rounds`` fresh processes);
- cached load: what every rerun pays to get the pack from the app's cache
  (``ui.load_result`` after a first call), median of 20, in the same interpreters;
- page times in one Chromium, the shipped pack's app and each large pack's
  app alternated click for click (``bench.page_times.measure``), each page as
  a ratio to its time on the shipped pack;
- server memory: the RSS of each ``streamlit run`` after the rounds.

``--keep DIR`` writes the packs to DIR (``DIR/x100/...``) and keeps them, so
``python -m bench.page_times --data DIR/x100`` can compare one with its own
same-figure floor. Run by hand; never as a timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from bench.load_packs import make_scaled_pack
from bench.page_times import (
    RESULTS,
    load_average,
    measure,
    print_table,
    set_timeout,
    write_csv,
)
from components.packs import DEFAULT_DATA_DIR, pack_folders
from tests.e2e.server import REPO, AppServer, start_app_server

# One fresh interpreter per round measures both loads: the first load_packs (imports not
# counted; the app has them), then what a rerun pays once the app has the pack cached.
LOADS_JS = """
import os, statistics, time
from streamlit.logger import set_log_level
set_log_level("error")
import components.tables
from components import ui
from components.packs import load_packs
started = time.perf_counter()
load_packs(os.environ["DYAD_DATA"])
cold = time.perf_counter() - started
ui.load_result()
times = []
for _ in range(20):
    started = time.perf_counter()
    ui.load_result()
    times.append(time.perf_counter() - started)
print(cold, statistics.median(times))
"""


def write_scaled(data_dir: Path, scale: int, source: Path) -> Path:
    """A data directory holding one pack ``scale`` times the shipped one."""
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        from tests.packgen import scaled_pack, write_pack
    except ImportError:
        for folder in pack_folders(source):
            make_scaled_pack(folder, data_dir, scale)
        return data_dir
    write_pack(data_dir, scaled_pack(scale, seed=1))
    return data_dir


def record_count(data_dir: Path) -> int:
    from components.packs import load_packs

    result = load_packs(data_dir)
    if result.problems:
        raise SystemExit(f"bench: packs with problems in {data_dir}: {sorted(result.problems)}")
    return sum(
        len(tables.table(name)) for tables in result.packs.values() for name in tables.TABLE_NAMES
    )


def validate_seconds(data_dir: Path) -> float:
    """Wall time of the curator's command on ``data_dir``, interpreter start included."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "components.validate", str(data_dir)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def load_seconds(data_dir: Path) -> tuple[float, float]:
    """In a fresh interpreter: the first ``load_packs`` of ``data_dir`` (imports not counted),
    then the median of ``ui.load_result()`` once the pack is in the app's cache."""
    output = subprocess.run(
        [sys.executable, "-c", LOADS_JS],
        cwd=REPO,
        env={**os.environ, "DYAD_DATA": str(data_dir)},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    cold, cached = output.strip().splitlines()[-1].split()
    return float(cold), float(cached)


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (``VmRSS``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None, running: dict[str, AppServer] | None = None) -> None:
    """The run; ``running`` maps a pack's label (``shipped``) to a server already serving it,
    used instead of starting one (the test command's smoke passes its own)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10,100")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--load-rounds", type=int, default=3, help="fresh processes per cold load and validation"
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the shipped data")
    parser.add_argument("--pages", default=None, help="comma-separated page titles (default all)")
    parser.add_argument(
        "--keep", type=Path, default=None, help="write the packs here and keep them"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a timeout")
    arguments = parser.parse_args(argv)
    set_timeout(arguments.timeout)
    scales = [int(scale) for scale in arguments.scales.split(",")]
    pages = arguments.pages.split(",") if arguments.pages else None
    load_before = load_average()
    with ExitStack() as stack:
        root = arguments.keep or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        data_dirs = {"shipped": arguments.data}
        for scale in scales:
            data_dirs[f"x{scale}"] = write_scaled(root / f"x{scale}", scale, arguments.data)
        loads = []
        for label, data_dir in data_dirs.items():
            cold, cached = zip(
                *(load_seconds(data_dir) for _ in range(arguments.load_rounds)), strict=True
            )
            loads.append(
                {
                    "pack": label,
                    "records": record_count(data_dir),
                    "cold load": statistics.median(cold),
                    "validate": statistics.median(
                        validate_seconds(data_dir) for _ in range(arguments.load_rounds)
                    ),
                    "cached load": statistics.median(cached),
                }
            )
        servers = dict(running or {})
        for label, data_dir in data_dirs.items():
            if label in servers:
                continue
            server = start_app_server(data_dir=data_dir, log_path=RESULTS / f"large-{label}.log")
            stack.callback(server.stop)
            servers[label] = server
        times = measure(
            {label: server.url for label, server in servers.items()}, arguments.rounds, pages
        )
        for row in loads:
            row["server RSS MB"] = rss_mb(servers[row["pack"]].process.pid)
    print(
        f"\nLarge packs; load average {load_before} before, {load_average()} after"
        f"\n{'pack':<8} {'records':>8} {'cold load':>10} {'validate':>9} {'cached':>9} {'RSS':>8}"
    )
    for row in loads:
        print(
            f"{row['pack']:<8} {row['records']:>8,} {row['cold load']:9.3f}s"
            f" {row['validate']:8.3f}s {row['cached load'] * 1000:7.1f}ms"
            f" {row['server RSS MB']:6.0f}MB"
        )
    rows = []
    for page in times.rows():
        row: dict = {"page": page, "charts": ""}
        for label in data_dirs:
            row[label] = times.median(label, page)
        for label in list(data_dirs)[1:]:
            row[f"ratio {label}"] = row[label] / row["shipped"]
        rows.append(row)
    print_table(
        rows,
        list(rows[0]),
        f"Page times by pack size, medians of {arguments.rounds} round(s); "
        "ratio = time / time on the shipped pack",
    )
    print(f"CSV: {write_csv(loads, 'large_packs-loads')}, {write_csv(rows, 'large_packs-pages')}")


if __name__ == "__main__":
    main()
