"""The prefetch of element code (``components.element_code``) is sent once a session."""

from __future__ import annotations

from tests.app.reader import open_page


def prefetches(app) -> int:
    return sum("dyadPrefetch" in block.proto.body for block in app.sidebar.get("html"))


def test_the_prefetch_script_is_sent_on_a_sessions_first_run_only(monkeypatch):
    app = open_page("Overview", monkeypatch=monkeypatch)
    assert prefetches(app) == 1, "a session's first run sends the prefetch"
    app.switch_page("pages/trade.py").run()
    assert not app.exception
    assert prefetches(app) == 0, "a later run sends the script again"
