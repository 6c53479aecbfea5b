"""A file made when its button is clicked (a chart's image, the Briefing's take-aways) is
still there when the browser fetches it, however busy the other readers are.

Streamlit prunes unreferenced media files at the end of every session's run (one run marks
a file, the next deletes it), and stores a clicked deferred download's file unreferenced.
These readers speak Streamlit's own protocol (``bench.protocol_reader``): one asks for the
file, two other sessions finish runs before it fetches, as happens in a room of readers.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.protocol_reader import ProtocolReader
from components.ui import CHART_DATA


async def _made_file_after_other_runs(url: str, page_name: str, label: str) -> bytes:
    reader, others = ProtocolReader(url), [ProtocolReader(url), ProtocolReader(url)]
    for session in (reader, *others):
        await session.connect()
    try:
        [page] = [p for p in reader.pages if p.name == page_name]
        await reader.rerun(page)
        await reader.open_expander(CHART_DATA)
        file_url = await reader.file_url(label)
        assert file_url is not None, f"no {label} download on {page_name}"
        for session in others:  # each finished run prunes the media files nobody refers to
            await session.rerun()
        return await reader.fetch(file_url)
    finally:
        for session in (reader, *others):
            await session.close()


@pytest.mark.parametrize(
    ("page_name", "label", "starts"),
    # One file of a chart card and one of the Briefing: every such button is made by
    # ui.made_on_click_download.
    [("Trade", "SVG", b"<svg"), ("Briefing", "All data (ZIP)", b"PK")],
)
def test_a_file_made_on_click_outlives_other_readers_runs(app_url, page_name, label, starts):
    # On a thread of its own: a browser test's Playwright may hold this thread's event loop.
    with ThreadPoolExecutor(1) as thread:
        body = thread.submit(
            asyncio.run, _made_file_after_other_runs(app_url, page_name, label)
        ).result()
    assert body.lstrip()[: len(starts)].lower() == starts.lower()
