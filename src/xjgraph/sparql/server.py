"""Serving the graph over SPARQL and pushing it into other stores.

``serve`` runs the ``oxigraph`` server from PyPI, read-only on 127.0.0.1, over a copy of the dump;
``load`` replaces a named graph on any SPARQL 1.1 Update endpoint with the dump's triples.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import DumpError, EndpointError, QueryError, UsageError, XjgraphError
from .binding import refuse_service
from .dump import require, triples

DEFAULT_GRAPH = "https://w3id.org/xjgraph/graph/records"


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed with the package (beside this Python, or on PATH)."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.exists():
        return str(here)
    found = shutil.which("oxigraph")
    if not found:
        raise XjgraphError("the oxigraph server is not installed: pip install oxigraph")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise EndpointError(f"the server exited with code {proc.returncode} before answering at {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if not with 200
        except OSError:
            time.sleep(0.1)
    raise EndpointError(f"{url}: no answer after {timeout} s")


@contextlib.contextmanager
def oxigraph_server(
    dump: str | Path | None,
    port: int | None = None,
    read_only: bool = True,
    union_default_graph: bool = False,
    cors: bool = False,
) -> Iterator[str]:
    """Start an oxigraph server on 127.0.0.1 over a fresh store (loaded with ``dump`` if given); yield its base URL."""
    with _oxigraph(dump, port, read_only, union_default_graph, cors) as (base, _, _log):
        yield base


@contextlib.contextmanager
def _oxigraph(
    dump: str | Path | None,
    port: int | None = None,
    read_only: bool = True,
    union_default_graph: bool = False,
    cors: bool = False,
) -> Iterator[tuple[str, subprocess.Popen, Path]]:
    """The oxigraph child: its base URL, its process and its log file; stopped and its store removed after."""
    binary = oxigraph_binary()
    if not port:
        port = free_port()
    else:
        _refuse_busy(port)
    if dump is not None:
        dump = require(dump)
    with tempfile.TemporaryDirectory(prefix="xjgraph-oxigraph-") as folder:
        location = str(Path(folder) / "store")
        if dump is not None:
            loaded = subprocess.run(
                [binary, "load", "--location", location, "--file", str(dump)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            if loaded.returncode != 0:
                raise DumpError(f"{dump}: the oxigraph server could not load it: {_oxigraph_error(loaded.stderr)}")
        cmd = [
            binary,
            "serve-read-only" if read_only else "serve",
            "--location",
            location,
            "--bind",
            f"127.0.0.1:{port}",
        ]
        if union_default_graph:
            cmd.append("--union-default-graph")
        if cors:
            cmd.append("--cors")
        # the server's messages go to a file, not an unread pipe, so they can be shown if it fails to start
        log_path = Path(folder) / "server.log"
        with open(log_path, "wb") as log, subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log) as proc:
            base = f"http://127.0.0.1:{port}"
            try:
                try:
                    wait_for(f"{base}/query?query=ASK%7B%7D", proc=proc)
                    time.sleep(0.1)
                    if proc.poll() is not None:  # something else answered on that port
                        raise EndpointError(f"the server exited with code {proc.returncode} after starting")
                except EndpointError as exc:
                    reason = _oxigraph_error(log_path.read_text(encoding="utf-8", errors="replace"))
                    raise EndpointError(f"{exc}: {reason}" if reason else str(exc)) from None
                yield base, proc, log_path
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def _refuse_busy(port: int) -> None:
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", port)) == 0:
            raise EndpointError(f"port {port} on 127.0.0.1 is in use; choose another with --port")


def _oxigraph_error(stderr: str) -> str:
    """The line of the oxigraph command's output that says what went wrong (it adds a backtrace after it).

    >>> _oxigraph_error("Listening\\nError: Address already in use (os error 98)\\n\\nStack backtrace:\\n  0: x")
    'Address already in use (os error 98)'
    """
    for line in stderr.splitlines():
        if line.startswith("Error while loading file"):
            return line.partition(": ")[2]
    for line in stderr.splitlines():
        if line.startswith("Error: "):
            return line[len("Error: ") :]
    return ""


class _Stop(BaseException):
    """Raised in the main thread by SIGTERM or SIGHUP, so that ``serve`` unwinds as on Ctrl-C."""


def serve(
    dump: str | Path | None,
    port: int = 7878,
    cors: bool = True,
    allow_service: bool = False,
    announce=print,
) -> int:
    """Serve the dump read-only on 127.0.0.1 until interrupted (Ctrl-C, SIGTERM or SIGHUP); return 0.

    The oxigraph server runs as a child on a port of its own, behind a small proxy on ``port`` that refuses
    queries with SERVICE (they would make the server call other hosts) unless ``allow_service``. On every
    signal the proxy stops, the child is stopped and its copy of the store removed; if the child dies,
    ``serve`` stops with an :class:`EndpointError` (exit 6).
    """
    dump = require(dump)
    if port:
        _refuse_busy(port)
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGHUP)}

    def stop(signum, _frame):
        raise _Stop(signum)

    for sig in previous:
        signal.signal(sig, stop)
    try:
        with _oxigraph(dump, cors=cors) as (inner, proc, log_path):
            proxy = _proxy(port, inner, allow_service)
            worker = threading.Thread(target=proxy.serve_forever, name="xjgraph-serve", daemon=True)
            worker.start()
            try:
                base = f"http://127.0.0.1:{proxy.server_address[1]}"
                announce(
                    f"SPARQL endpoint: {base}/query (read-only"
                    + ("; CORS: answers pages of any origin, on this machine only" if cors else "; no CORS")
                    + ("" if allow_service else "; SERVICE refused")
                    + ")",
                    flush=True,
                )
                announce(f"YASGUI query editor: {base}/  (Ctrl-C, SIGTERM or SIGHUP stops the server)", flush=True)
                while True:
                    if proc.poll() is not None:
                        reason = _oxigraph_error(log_path.read_text(encoding="utf-8", errors="replace"))
                        raise EndpointError(
                            f"the oxigraph server stopped with code {proc.returncode}"
                            + (f": {reason}" if reason else "")
                        )
                    time.sleep(0.2)
            finally:
                proxy.shutdown()
                proxy.server_close()
    except (KeyboardInterrupt, _Stop):
        announce("stopped", flush=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection", "host"}


def _proxy(port: int, inner: str, allow_service: bool):
    """A threading HTTP server on 127.0.0.1:port that passes requests to ``inner``, refusing SERVICE."""
    import http.client
    import http.server

    upstream = urllib.parse.urlsplit(inner)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one request per connection: the body ends when the connection does

        def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
            pass

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if not allow_service and _uses_service(self.path, self.headers.get("Content-Type", ""), body):
                message = (
                    b"xjgraph serve: the query uses SERVICE, which would make this server call other servers; "
                    b"start it with --allow-service to allow that\n"
                )
                self.send_response(400)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(message)))
                self.end_headers()
                self.wfile.write(message)
                return
            conn = http.client.HTTPConnection(upstream.hostname or "127.0.0.1", upstream.port, timeout=3600)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
                conn.request(self.command, self.path, body=body or None, headers=headers)
                answer = conn.getresponse()
                self.send_response(answer.status, answer.reason)
                for k, v in answer.getheaders():
                    if k.lower() not in _HOP and k.lower() != "content-length":
                        self.send_header(k, v)
                self.end_headers()
                if self.command != "HEAD":
                    while chunk := answer.read(1 << 16):
                        self.wfile.write(chunk)
            except OSError:
                self.close_connection = True
            finally:
                conn.close()

        do_GET = do_POST = do_OPTIONS = do_HEAD = _forward

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True
        allow_reuse_address = True

    try:
        return Server(("127.0.0.1", port), Handler)
    except OSError as exc:
        raise EndpointError(f"port {port} on 127.0.0.1: {exc}") from None


def _uses_service(path: str, content_type: str, body: bytes) -> bool:
    """Whether a SPARQL protocol request carries a query with SERVICE."""
    texts = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("query", [])
    media = content_type.split(";")[0].strip().lower()
    if media == "application/x-www-form-urlencoded":
        texts += urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [])
    elif media == "application/sparql-query":
        texts.append(body.decode("utf-8", "replace"))
    for text in texts:
        try:
            refuse_service(text, False)
        except QueryError:
            return True
    return False


def load(
    dump: str | Path | None, endpoint: str, graph: str = DEFAULT_GRAPH, batch: int = 250, timeout: float = 120
) -> int:
    """Replace ``graph`` on the SPARQL Update endpoint with the dump's triples; return how many were sent.

    The triples go into a graph of their own first (``INSERT DATA`` in batches: Virtuoso refuses an update
    whose generated SQL exceeds 10,000 lines), which then replaces ``graph`` in one ``MOVE``: a load that fails
    part way leaves the old graph as it was, and loading twice leaves one copy.
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+", graph or ""):
        raise UsageError(f"not a graph IRI: {graph!r}")
    found = require(dump)
    for _ in triples(found):  # a dump that does not parse is reported before the endpoint is touched
        pass
    staging = f"urn:xjgraph:loading:{uuid.uuid4()}"
    sent = 0
    _update(endpoint, f"DROP SILENT GRAPH <{staging}>", timeout)
    try:
        for lines in _ntriples_batches(found, batch):
            _update(endpoint, f"INSERT DATA {{ GRAPH <{staging}> {{\n{lines}\n}} }}", timeout)
            sent += lines.count("\n") + 1
        _update(endpoint, f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{graph}>", timeout)
    except BaseException:
        with contextlib.suppress(EndpointError):
            _update(endpoint, f"DROP SILENT GRAPH <{staging}>", timeout)
        raise
    return sent


def _ntriples_batches(path: Path, size: int) -> Iterator[str]:
    """The dump as N-Triples text, ``size`` triples a batch (pyoxigraph's serialiser: one triple a line)."""
    chunk: list = []
    for t in triples(path):
        chunk.append(t)
        if len(chunk) == size:
            yield _nt(chunk)
            chunk = []
    if chunk:
        yield _nt(chunk)


def _nt(chunk: list) -> str:
    return (ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8").rstrip("\n")


def _update(endpoint: str, update: str, timeout: float) -> None:
    data = urllib.parse.urlencode({"update": update}).encode("utf-8")
    req = urllib.request.Request(
        endpoint, data=data, method="POST", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        raise EndpointError(
            f"{endpoint}: update refused: HTTP {exc.code} {detail[0][:200] if detail else ''}"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        raise EndpointError(f"{endpoint}: cannot reach the endpoint: {getattr(exc, 'reason', exc)}") from None
