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
