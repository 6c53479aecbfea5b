"""How fast packs load: the shipped pack cold, and a synthetic pack 100 times larger.

    python -m bench.load_packs [--scale 100] [--repeat 5]

Each figure is given in seconds and as a ratio to a floor measured in the
same process: reading the same YAML files with ``yaml.CSafeLoader`` alone,
which any loader must pay. The ratio is what to watch across machines; the
seconds are what a reader waits. Run by hand or by ``make bench``; never as a
timed test.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from components.packs import DEFAULT_DATA_DIR, load_packs, pack_folders

RECORD_FILES = ("figures", "events", "agreements", "statements", "checks")


def floor_seconds(directory: Path) -> float:
    """Parse every YAML file of every pack with the C safe loader, nothing more."""
    started = time.perf_counter()
    for folder in pack_folders(directory):
        for path in sorted(folder.glob("*.yaml")):
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def load_seconds(directory: Path) -> float:
    started = time.perf_counter()
    result = load_packs(directory)
    elapsed = time.perf_counter() - started
    if result.problems:
        raise SystemExit(f"bench: packs with problems: {sorted(result.problems)}")
    return elapsed


def cold_load_seconds(directory: Path, with_imports: bool = False) -> float:
    """The first load in a fresh interpreter (nothing cached), imports counted or not."""
    code = (
        "import time, sys; t = time.perf_counter(); from components.packs import load_packs; "
        # The tables (pandas) are imported when a pack is first built; the app has them.
        "import components.tables; "
        + ("" if with_imports else "t = time.perf_counter(); ")
        + "load_packs(sys.argv[1]); print(time.perf_counter() - t)"
    )
    root = Path(__file__).resolve().parent.parent
    output = subprocess.run(
        [sys.executable, "-c", code, str(directory)],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(output)


def make_scaled_pack(source: Path, target: Path, scale: int) -> Path:
    """Copy ``source`` with every record file repeated ``scale`` times under new ids."""
    pack_dir = target / source.name
    shutil.copytree(source, pack_dir)
    for name in RECORD_FILES:
        path = source / f"{name}.yaml"
        if not path.is_file():
            continue
        records = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []
        copies = []
        for number in range(scale):
            for original in records:
                # A deep copy, so the dump writes every record out as a curator
                # would, with no anchors for shared lists.
                record = copy.deepcopy(original)
                record["id"] = f"{record['id']}-x{number}"
                if "evidence" in record:
                    record["evidence"] = [f"{e}-x{number}" for e in record["evidence"]]
                if name == "figures":
                    # Keep (metric, period, status, source) unique: move each copy's period
                    # (a figure given without a period gets one).
                    year = int(str(record.get("period", "0"))[:4])
                    record["period"] = f"{1000 + number * 10 + year % 10}"
                copies.append(record)
        (pack_dir / path.name).write_text(yaml.safe_dump(copies, allow_unicode=True))
    return target


def report(label: str, seconds: list[float], floor: list[float]) -> None:
    best, floor_best = min(seconds), min(floor)
    print(
        f"{label:<34} {best * 1000:8.1f} ms best of {len(seconds)}"
        f" (median {statistics.median(seconds) * 1000:.1f} ms);"
        f" floor {floor_best * 1000:.1f} ms; ratio {best / floor_best:.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    data = DEFAULT_DATA_DIR
    cold = [cold_load_seconds(data, with_imports=True) for _ in range(arguments.repeat)]
    report("shipped data, cold, with imports", cold, [floor_seconds(data)])
    cold = [cold_load_seconds(data) for _ in range(arguments.repeat)]
    report("shipped data, cold process", cold, [floor_seconds(data)])
    warm = [load_seconds(data) for _ in range(arguments.repeat)]
    report("shipped data, warm process", warm, [floor_seconds(data) for _ in warm])
    with tempfile.TemporaryDirectory() as scratch:
        for folder in pack_folders(data):
            make_scaled_pack(folder, Path(scratch), arguments.scale)
        records = sum(
            len(yaml.load(p.read_text(), Loader=yaml.CSafeLoader) or [])
            for p in Path(scratch).glob("*/*.yaml")
            if p.stem in RECORD_FILES
        )
        scaled = [cold_load_seconds(Path(scratch)) for _ in range(arguments.repeat)]
        floor = [floor_seconds(Path(scratch)) for _ in scaled]
        report(f"x{arguments.scale} synthetic ({records:,} records), cold", scaled, floor)


if __name__ == "__main__":
    main()
