"""A TCP forwarder on 127.0.0.1 that records what the client sends and may flip one byte on the way (to show
that a changed or replayed TLS stream is refused)."""

from __future__ import annotations

import socket
import threading


class TamperingLink:
    """Forward 127.0.0.1:<port> to ``target``; flip the byte at ``flip_up`` (client to server) or
    ``flip_down`` (server to client), counted from the start of each connection's stream."""

    def __init__(
        self, target: tuple[str, int], *, flip_up: int | None = None, flip_down: int | None = None
    ) -> None:
        self.target = target
        self.flip_up = flip_up
        self.flip_down = flip_down
        self.sent_up: list[bytes] = []
        """What each connection's client sent, as it was sent."""
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._stop = threading.Event()

    @property
    def address(self) -> tuple[str, int]:
        return "127.0.0.1", int(self._listener.getsockname()[1])

    def __enter__(self) -> TamperingLink:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            record = bytearray()
            self.sent_up.append(record)  # type: ignore[arg-type]
            threading.Thread(
                target=self._pipe, args=(client, server, self.flip_up, record), daemon=True
            ).start()
            threading.Thread(
                target=self._pipe, args=(server, client, self.flip_down, None), daemon=True
            ).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket, flip: int | None, record: bytearray | None) -> None:
        seen = 0
        try:
            while data := source.recv(65536):
                if record is not None:
                    record.extend(data)
                if flip is not None and seen <= flip < seen + len(data):
                    changed = bytearray(data)
                    changed[flip - seen] ^= 0x01
                    data = bytes(changed)
                seen += len(data)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (sink, source):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def replay(target: tuple[str, int], data: bytes, *, wait: float = 5.0) -> bytes:
    """Send ``data`` (a recorded client stream) to ``target`` in a new connection; return what came back."""
    answer = bytearray()
    with socket.create_connection(target, timeout=wait) as sock:
        try:
            sock.sendall(data)
            while chunk := sock.recv(65536):
                answer.extend(chunk)
        except OSError:
            pass
    return bytes(answer)
