"""A TCP proxy that makes a loopback server look like a slow mobile network: every chunk arrives after half the
round trip, and each direction is one link of fixed bandwidth shared by all connections (as a phone's radio is).
It throttles what the service worker fetches too, which Chromium's own network emulation does not."""
import asyncio
import threading
from dataclasses import dataclass, field


@dataclass
class Link:
    bits_per_second: float
    delay: float  # seconds, one way
    free_at: float = 0.0
    bytes: int = 0

    def arrival(self, now: float, size: int) -> float:
        """When a chunk sent now arrives: after the ones already on the link, plus the one-way delay."""
        self.free_at = max(now, self.free_at) + size * 8 / self.bits_per_second
        self.bytes += size
        return self.free_at + self.delay


@dataclass
class Throttle:
    target_port: int
    kbps: int = 400
    rtt_ms: int = 400
    port: int = 0
    down: Link = field(init=False)
    up: Link = field(init=False)

    def __post_init__(self) -> None:
        self.down = Link(self.kbps * 1000, self.rtt_ms / 2000)
        self.up = Link(self.kbps * 1000, self.rtt_ms / 2000)
        self.loop = asyncio.new_event_loop()
        started = threading.Event()
        threading.Thread(target=self._run, args=(started,), daemon=True).start()
        started.wait(10)

    def _run(self, started: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._connection, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        started.set()
        self.loop.run_forever()

    async def _connection(self, client_reader, client_writer) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(self._pipe(client_reader, server_writer, self.up),
                             self._pipe(server_reader, client_writer, self.down), return_exceptions=True)

    async def _pipe(self, reader, writer, link: Link) -> None:
        loop = asyncio.get_running_loop()
        try:
            while chunk := await reader.read(16384):
                await asyncio.sleep(max(0.0, link.arrival(loop.time(), len(chunk)) - loop.time()))
                writer.write(chunk)
                await writer.drain()
        finally:
            writer.close()
