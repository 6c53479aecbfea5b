"""How long a briefer waits for take-aways: images, the deck of every chart, the offline report.

    python -m bench.exports [--scale 10]

For the shipped pack and one ``scale`` times larger (its records repeated
under new ids), each in a fresh process:

- first PNG: from a process with nothing started to the first chart's PNG
  (importing kaleido and starting Chromium included);
- later PNGs: every other chart of the catalogue, one by one (median, max);
- deck: the PPTX of every slide the catalogue offers, images not cached;
- deck PDF: the same slides as one PDF, images not cached;
- report: the offline HTML of every slide.

Run by hand, never as a timed test; it needs Chromium (``make chromium``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from components.packs import DEFAULT_DATA_DIR

PACK = "russia-china"
RECORD_FILES = ("figures", "events", "agreements", "statements", "checks")


def scaled_copy(source: Path, target: Path, scale: int) -> Path:
    """The pack with every record repeated ``scale`` times under new ids (evidence follows)."""
    folder = target / source.name
    shutil.copytree(source, folder)
    # A figure repeats only under another metric: one value per metric, period and source.
    pack = yaml.safe_load((folder / "pack.yaml").read_text(encoding="utf-8"))
    for key, metric in list(pack["metrics"].items()):
        for number in range(1, scale):
            pack["metrics"][f"{key}-x{number}"] = {
                **metric,
                "label": f"{metric['label']} ({number})",
            }
    (folder / "pack.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False))
    for name in RECORD_FILES:
        path = folder / f"{name}.yaml"
        records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        copies = []
        for number in range(scale):
            suffix = f"-x{number}" if number else ""
            for record in records:
                copy = {**record, "id": record["id"] + suffix}
                if name == "figures":
                    copy["metric"] = record["metric"] + suffix
                if "evidence" in copy:
                    copy["evidence"] = [evidence + suffix for evidence in copy["evidence"]]
                copies.append(copy)
        path.write_text(yaml.safe_dump(copies, allow_unicode=True, sort_keys=False))
    return folder


def measure(folder: Path) -> dict:
    """Every timing for the pack in ``folder``, in this (fresh) process."""
    started = time.perf_counter()
    from components import images
    from components.catalogue import build_catalogue
    from components.deck import deck_pdf, deck_pptx
    from components.packs import load_pack
    from components.report import offline_report

    tables, problems = load_pack(folder)
    assert tables is not None, problems
    catalogue = build_catalogue(tables, tables.pack.as_of.start)
    ready = time.perf_counter()
    as_of = tables.pack.as_of.label
    charts = [entry.chart for entry in catalogue]
    images.chart_image(charts[0], "png", as_of)
    first_png = time.perf_counter() - ready
    later = []
    for chart in charts[1:]:
        tick = time.perf_counter()
        images.chart_image(chart, "png", as_of)
        later.append(time.perf_counter() - tick)
    slides = catalogue.slide_ids()
    timings = {"charts": len(charts), "slides": len(slides), "load_and_catalogue": ready - started}
    timings |= {"first_png": first_png, "later_png_median": statistics.median(later or [0])}
    timings["later_png_max"] = max(later or [0])
    for name, write in (("deck_pptx", deck_pptx), ("deck_pdf", deck_pdf)):
        images._CACHE.clear()  # the deck draws every image itself
        tick = time.perf_counter()
        body = write(catalogue, slides)
        timings[name] = time.perf_counter() - tick
        timings[f"{name}_mb"] = len(body) / 1e6
    tick = time.perf_counter()
    page = offline_report(catalogue, slides)
    timings["report"] = time.perf_counter() - tick
    timings["report_mb"] = len(page.encode()) / 1e6
    images.close_browser()
    return timings


def in_fresh_process(folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.exports", "--one", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"measuring {folder} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(measure(arguments.one)))
        return
    with tempfile.TemporaryDirectory() as scratch:
        scaled = scaled_copy(DEFAULT_DATA_DIR / PACK, Path(scratch), arguments.scale)
        runs = {
            "shipped": in_fresh_process(DEFAULT_DATA_DIR / PACK),
            f"x{arguments.scale}": in_fresh_process(scaled),
        }
    rows = [
        ("charts / slides", lambda t: f"{t['charts']} / {t['slides']}"),
        ("load + catalogue", lambda t: f"{t['load_and_catalogue']:.2f} s"),
        ("first PNG (fresh process)", lambda t: f"{t['first_png']:.2f} s"),
        ("later PNG, median", lambda t: f"{t['later_png_median']:.2f} s"),
        ("later PNG, max", lambda t: f"{t['later_png_max']:.2f} s"),
        (
            "deck PPTX, every slide",
            lambda t: f"{t['deck_pptx']:.1f} s ({t['deck_pptx_mb']:.1f} MB)",
        ),
        ("deck PDF, every slide", lambda t: f"{t['deck_pdf']:.1f} s ({t['deck_pdf_mb']:.1f} MB)"),
        ("offline report, every slide", lambda t: f"{t['report']:.2f} s ({t['report_mb']:.1f} MB)"),
    ]
    print(f"{'':32}" + "".join(f"{label:>24}" for label in runs))
    for name, show in rows:
        print(f"{name:32}" + "".join(f"{show(t):>24}" for t in runs.values()))


if __name__ == "__main__":
    main()
