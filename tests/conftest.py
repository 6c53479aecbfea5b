"""Shared paths for every test layer."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SHIPPED_DATA = REPO / "data"


@pytest.fixture(scope="session")
def fixture_packs_dir() -> Path:
    """A data directory holding the small fictional pack."""
    return FIXTURES / "packs"
