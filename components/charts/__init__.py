"""Tables -> plotly figures, as pure functions (no streamlit): one module a topic.

Every builder takes a pack's ``PackTables`` and returns a ``Chart`` (or None
when the pack has nothing to draw), so pages, exports and tests share them.
"""

from components.charts.base import Chart, source_line

__all__ = ["Chart", "source_line"]
