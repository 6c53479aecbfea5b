"""The server's connections send each message at once: no Nagle delay (``components.transport``).

The listening socket is made as Streamlit makes it (its own ``_bind_socket``), so
these tests fail again if Dyad's fix stops reaching such a socket, and show the
fault itself while Streamlit still binds that way.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from streamlit.web.server.starlette.starlette_server import _bind_socket

from components.transport import no_delay


def delays(sock: socket.socket) -> bool:
    """Whether ``sock`` holds small writes back (Nagle's algorithm on)."""
    return not sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.fixture
def sockets() -> Iterator[ExitStack]:
    with ExitStack() as stack:
        yield stack


def streamlit_listener(sockets: ExitStack) -> socket.socket:
    listener = _bind_socket("127.0.0.1", 0, 8)
    sockets.callback(listener.close)
    listener.setblocking(True)
    return listener


def accept_a_reader(listener: socket.socket, sockets: ExitStack) -> socket.socket:
    """A reader connects; the server's side of the connection."""
    reader = socket.create_connection(listener.getsockname())
    sockets.callback(reader.close)
    served, _ = listener.accept()
    sockets.callback(served.close)
    return served


def test_streamlit_binds_a_socket_whose_connections_delay_small_messages(sockets):
    """The fault the fix is for: if this fails, Streamlit sets the option itself and
    ``components.transport`` may go."""
    listener = streamlit_listener(sockets)
    assert delays(accept_a_reader(listener, sockets))


def test_a_reader_who_connects_afterwards_gets_every_message_at_once(sockets):
    listener = streamlit_listener(sockets)
    assert no_delay() >= 1
    assert not delays(listener)
    assert not delays(accept_a_reader(listener, sockets))


def test_a_reader_already_connected_gets_every_message_at_once(sockets):
    listener = streamlit_listener(sockets)
    served = accept_a_reader(listener, sockets)
    no_delay()
    assert not delays(served)


def test_other_sockets_are_left_as_they_are(sockets):
    local = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sockets.callback(local.close)
    datagram = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sockets.callback(datagram.close)
    no_delay()  # raises nothing on sockets that take no TCP option
    assert local.fileno() != -1 and datagram.fileno() != -1, "a socket was closed"
