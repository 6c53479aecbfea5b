"""Shared paths for every test layer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SHIPPED_DATA = REPO / "data"

# The app's "today" in every layer (AppTest and the browser tests' server inherit it), so
# the suite means the same thing whatever day it runs: shortly after the seed's talks.
TEST_TODAY = "2025-06-01"
os.environ["DYAD_TODAY"] = TEST_TODAY


@pytest.fixture(scope="session")
def fixture_packs_dir() -> Path:
    """A data directory holding the small fictional pack."""
    return FIXTURES / "packs"


# Generated packs (tests/packgen.py): a fixed, derandomized example budget by default, so the
# suite runs the same examples in the same time on every run; DYAD_HYPOTHESIS_PROFILE=long by hand.
from hypothesis import HealthCheck, Phase, settings  # noqa: E402

settings.register_profile(
    "dyad",
    max_examples=3,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    # No shrinking in the suite: a failure prints the pack as drawn, in seconds, not minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long", settings.get_profile("dyad"), max_examples=300, derandomize=False, phases=list(Phase)
)
settings.load_profile(os.environ.get("DYAD_HYPOTHESIS_PROFILE", "dyad"))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than cores. Browser and bench tests spend part of their
    time waiting on a server or a browser, and the spare worker fills that time (on this
    2-core machine 3 workers finish the suite about 6 % sooner than 2)."""
    return (os.cpu_count() or 1) + 1


# Files whose tests draw images with kaleido: each test process that draws starts its own
# Chromium (about 5 CPU-seconds), so under xdist they go to one worker together.
KALEIDO_FILES = (
    "tests/app/test_briefing.py",
    "tests/unit/test_generated_exports.py",
    "tests/unit/test_images.py",
    "tests/unit/test_takeaways.py",
)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadfile``, with the files that draw images as one unit of work."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class LoadFileKaleidoTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = super()._split_scope(nodeid)
            return "kaleido" if path in KALEIDO_FILES else path

    return LoadFileKaleidoTogether(config, log)


# Files that take longest, started first so the workers finish together (longest first).
SLOW_FIRST = (
    "tests/e2e/test_bench_smoke.py",
    "tests/e2e/test_dashboard.py",
    "tests/e2e/test_briefing_in_browser.py",
    "tests/e2e/test_packs_in_browser.py",
    "tests/e2e/",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Order the run longest first (every worker collects the same order)."""

    def rank(item: pytest.Item) -> int:
        path = item.path.relative_to(REPO).as_posix()
        return next(
            (i for i, slow in enumerate(SLOW_FIRST) if path.startswith(slow)), len(SLOW_FIRST)
        )

    items.sort(key=rank)
