"""app.py turns the TCP delay off on a session's first run (``components.transport``)."""

from __future__ import annotations

from contextlib import ExitStack

from tests.app.reader import open_page
from tests.unit.test_transport import accept_a_reader, delays, streamlit_listener


def test_the_apps_first_run_turns_the_delay_off(monkeypatch):
    """AppTest runs app.py in this process: a socket bound as Streamlit binds its own is
    set by the first run, and a reader who connects afterwards gets every message at once."""
    with ExitStack() as sockets:
        listener = streamlit_listener(sockets)
        open_page("Overview", monkeypatch=monkeypatch)
        assert not delays(accept_a_reader(listener, sockets))
