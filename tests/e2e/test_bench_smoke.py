"""The benchmarks still run: one page, one round of each, on the small fixture pack.

These never assert a time; they assert that each run completes and prints
its table, so the tools cannot rot between the times someone runs them.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import FIXTURES, REPO

SMOKE_TIMEOUT_S = 280


def run_bench(*arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=SMOKE_TIMEOUT_S,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout


def test_page_times_prints_its_table_against_the_same_figure_floor() -> None:
    output = run_bench(
        "bench.page_times", "--rounds", "1", "--pages", "Trade", "--data", str(FIXTURES / "packs")
    )
    assert "page" in output and "floor" in output and "ratio" in output, output
    assert "first load" in output and "Trade" in output and "all pages" in output, output


def test_large_packs_prints_its_tables() -> None:
    output = run_bench(
        "bench.large_packs",
        *("--scales", "2", "--rounds", "1", "--load-rounds", "1", "--pages", "Trade"),
        *("--data", str(FIXTURES / "packs")),
    )
    assert "cold load" in output and "cached" in output and "RSS" in output, output
    assert "ratio x2" in output and "Trade" in output, output


def test_loadtest_prints_its_report() -> None:
    output = run_bench(
        "bench.loadtest",
        *("--readers", "2", "--browsers", "1", "--arrive", "0.5", "--duration", "2"),
        *("--lone-rounds", "1"),
        *("--data", str(FIXTURES / "packs")),
    )
    assert "room p95 s" in output and "MB per session" in output, output
    assert "floor room p95" in output, output
