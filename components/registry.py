"""The one page registry: adding a page is one line here (and its script in pages/).

``app.py`` builds ``st.navigation`` from it; the app tests run every page in it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page of the app: its script, title, icon, URL path, and the metric topics it shows.

    A page with ``topics`` draws every figure of those topics that its own
    charts leave out, one chart per metric, so no figure of a pack goes unshown.
    """

    script: str
    title: str
    icon: str
    url_path: str
    topics: tuple[str, ...] = ()


PAGES = (
    PageSpec("pages/overview.py", "Overview", ":material/dashboard:", "overview"),
    PageSpec(
        "pages/trade.py",
        "Trade",
        ":material/swap_horiz:",
        "trade",
        topics=("trade", "finance", "investment"),
    ),
    PageSpec(
        "pages/energy.py",
        "Energy",
        ":material/local_fire_department:",
        "energy",
        topics=("energy",),
    ),
    PageSpec("pages/agreements.py", "Agreements", ":material/handshake:", "agreements"),
    PageSpec(
        "pages/timeline.py",
        "Timeline",
        ":material/timeline:",
        "timeline",
        topics=("diplomacy", "other"),
    ),
    PageSpec("pages/statements.py", "Statements", ":material/record_voice_over:", "statements"),
    PageSpec("pages/claims.py", "Claims", ":material/fact_check:", "claims"),
    PageSpec("pages/sources.py", "Sources", ":material/menu_book:", "sources"),
    PageSpec("pages/briefing.py", "Briefing", ":material/co_present:", "briefing"),
)


def page_spec(title: str) -> PageSpec:
    """The page called ``title``."""
    return next(spec for spec in PAGES if spec.title == title)
