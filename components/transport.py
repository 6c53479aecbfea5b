"""Messages to the browser leave at once: no TCP delay on the server's sockets.

Streamlit 1.67 serves on uvicorn over a socket it binds itself
(``streamlit.web.server.starlette.starlette_server._bind_socket``), created
without naming the protocol, so asyncio's ``_set_nodelay`` (which checks
``sock.proto == IPPROTO_TCP``) leaves Nagle's algorithm on for every
connection. A run's messages are many small writes: after the first, each
waits for the reader's acknowledgement, which a reader's system may hold back
for 40 ms (delayed ACK). Measured here: a page run read over Streamlit's own
protocol took 48 ms on a bare Streamlit page with Nagle on and 6 ms with it
off; a new reader's first load of Dyad in Chromium went from 1.75 s to 1.47 s
(``bench/page_times.py``, medians of 7).

``no_delay`` sets ``TCP_NODELAY`` on every TCP socket the process holds: the
listening socket (Linux hands it down to each connection it accepts from then
on) and the connections already open. It reads the process's file
descriptors from ``/proc/self/fd``; where there is none (not Linux), it does
nothing.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

_FDS = Path("/proc/self/fd")


def _sockets() -> list[int]:
    """The process's file descriptors that are sockets (any family)."""
    try:
        names = os.listdir(_FDS)
    except OSError:
        return []
    found = []
    for name in names:
        try:
            if os.readlink(_FDS / name).startswith("socket:"):
                found.append(int(name))
        except OSError:  # closed meanwhile, or the directory's own descriptor
            continue
    return found


def no_delay() -> int:
    """Turn Nagle's algorithm off on every TCP socket of this process; how many TCP sockets
    it holds (each sends at once now, whether this call set it or an earlier one)."""
    done = 0
    for fd in _sockets():
        try:
            # A socket object of its own on a duplicate: the option is the socket's, and
            # closing the duplicate leaves the server's descriptor open.
            with socket.socket(fileno=os.dup(fd)) as sock:
                if sock.family not in (socket.AF_INET, socket.AF_INET6):
                    continue
                if sock.type != socket.SOCK_STREAM:
                    continue
                if not sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                done += 1
        except (OSError, ValueError):  # closed meanwhile, or a socket without the option
            continue
    return done
