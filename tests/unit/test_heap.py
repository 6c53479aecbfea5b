"""What a pack load and a chart build make is left out of Python's full collections, and let go
again when it is dropped (``ui.settle_heap``).

A full collection walks every object it tracks and holds every session still meanwhile; a
pack's tables and charts live as long as the cache that holds them, so they are frozen out of
it. Frozen objects that are later dropped must still be freed: a pack edited all day, or a
catalogue rebuilt each day, would otherwise be kept for ever.
"""

from __future__ import annotations

import datetime as dt
import gc
import weakref
from collections.abc import Iterator

import pytest

from components import ui
from components.packs import pack_fingerprint
from tests.conftest import SHIPPED_DATA


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    """Each test starts and ends with nothing frozen, so none depends on another's heap."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def tracked(thing: object) -> bool:
    """Whether the collector's full passes walk ``thing`` (frozen objects are in none of its
    generations)."""
    return any(candidate is thing for candidate in gc.get_objects())


class Node:
    """An object in a reference cycle: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.me = self


def test_a_loaded_pack_and_its_charts_are_left_out_of_full_collections():
    directory = str(SHIPPED_DATA)
    result = ui._load_packs(directory, f"test-heap-{pack_fingerprint(SHIPPED_DATA)}")
    tables = result.packs["russia-china"]
    assert gc.get_freeze_count() > 0
    assert not tracked(tables), "the pack's tables are walked by every full collection"
    catalogue = ui._catalogue(directory, "test-heap", tables.id, dt.date(2025, 5, 8), tables)
    assert not tracked(catalogue), "the pack's charts are walked by every full collection"


def test_what_was_frozen_and_then_dropped_is_freed_at_the_next_settle():
    kept, dropped = Node(), Node()
    kept_ref, dropped_ref = weakref.ref(kept), weakref.ref(dropped)
    ui.settle_heap()
    assert not tracked(kept) and not tracked(dropped)
    del dropped
    ui.settle_heap()  # the next pack load or chart build
    assert dropped_ref() is None, "a dropped object stays frozen for ever"
    assert kept_ref() is kept and not tracked(kept)
