"""A hung PostgreSQL must not hang a worker: cut a connection the server stopped answering.

The statement timeout is enforced by the server, so it cannot help when the server
process itself hangs (stopped, stuck in I/O) while its kernel still acknowledges
every packet: TCP keepalives and the user timeout see a healthy peer, and libpq has
no read timeout. So each gunicorn worker watches its own PostgreSQL sockets from a
small thread: when data was sent to the server and nothing has come back for
`DATABASE_ANSWER_TIMEOUT` seconds (longer than the statement timeout, after which
a live server always answers), the socket is shut down. The waiting query then
fails at once with OperationalError, and the page answers 503
(DatabaseUnavailableMiddleware) instead of timing out.

Only the kernel's TCP counters are read (Linux TCP_INFO), never libpq's state, so
the thread does not touch the driver while the request thread uses it.
"""

import logging
import os
import socket
import struct
import threading
import time

from django.conf import settings
from django.db.backends.signals import connection_created

logger = logging.getLogger(__name__)

INTERVAL = 0.5
_lock = threading.Lock()
_sockets = {}  # file descriptor -> (local address, server address)
_watcher_pid = None


def install():
    """Called by the WSGI application (kassel_integration/wsgi.py): web workers only."""
    if hasattr(socket, "TCP_INFO"):
        connection_created.connect(_watch, dispatch_uid="db-watchdog")


def _watch(sender, connection, **kwargs):
    if connection.vendor != "postgresql" or not settings.DATABASE_ANSWER_TIMEOUT:
        return
    fd = connection.connection.fileno()
    with socket.socket(fileno=os.dup(fd)) as sock:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return  # a Unix socket: no TCP counters (and no network to hang)
        identity = (sock.getsockname(), sock.getpeername())
    with _lock:
        _sockets[fd] = identity
    _start_watcher()


def _start_watcher():
    global _watcher_pid
    with _lock:
        if _watcher_pid == os.getpid():
            return
        _watcher_pid = os.getpid()  # a forked worker starts its own
    threading.Thread(target=_run, name="db-watchdog", daemon=True).start()


def unanswered_ms(sock):
    """Milliseconds since data was last sent to the server, if nothing came back since."""
    info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
    # struct tcp_info: 8 one-byte fields, 9 u32, then last_data_sent, last_ack_sent,
    # last_data_recv (milliseconds ago).
    last_sent, _last_ack_sent, last_received = struct.unpack_from("=III", info, 44)
    return last_sent if last_sent < last_received else 0


def check_once(limit_ms):
    with _lock:
        watched = list(_sockets.items())
    for fd, identity in watched:
        try:
            sock = socket.socket(fileno=os.dup(fd))
        except OSError:
            _forget(fd, identity)
            continue
        with sock:
            try:
                if (sock.getsockname(), sock.getpeername()) != identity:
                    _forget(fd, identity)  # closed, and the number reused
                    continue
                waited = unanswered_ms(sock)
                if waited > limit_ms:
                    logger.error(
                        "PostgreSQL has not answered for %.1f s: closing the connection",
                        waited / 1000,
                    )
                    sock.shutdown(socket.SHUT_RDWR)
                    _forget(fd, identity)
            except OSError:
                _forget(fd, identity)


def _forget(fd, identity):
    with _lock:
        if _sockets.get(fd) == identity:
            del _sockets[fd]


def _run():
    while True:
        time.sleep(INTERVAL)
        try:
            check_once(settings.DATABASE_ANSWER_TIMEOUT * 1000)
        except Exception:  # the watchdog itself must never stop
            logger.exception("Database watchdog failed")
