"""Serving the graph over SPARQL and pushing it into other stores.

``serve`` runs the ``oxigraph`` server from PyPI, read-only on 127.0.0.1, over a copy of the dump;
``load`` replaces a named graph on any SPARQL 1.1 Update endpoint with the dump's triples.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import DumpError, EndpointError, UsageError, XjgraphError
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
    dump: str | Path | None, port: int | None = None, read_only: bool = True, union_default_graph: bool = False
) -> Iterator[str]:
    """Start an oxigraph server on 127.0.0.1 over a fresh store (loaded with ``dump`` if given); yield its base URL."""
    binary = oxigraph_binary()
    if not port:
        port = free_port()
    else:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                raise EndpointError(f"port {port} on 127.0.0.1 is in use; choose another with --port")
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
                yield base
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


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


def serve(dump: str | Path, port: int = 7878) -> None:
    """Serve the dump read-only until interrupted (Ctrl-C)."""
    with oxigraph_server(dump, port=port) as base:
        print(f"SPARQL endpoint: {base}/query  (read-only; Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            print("stopped", flush=True)


def load(dump: str | Path | None, endpoint: str, graph: str = DEFAULT_GRAPH, batch: int = 250, timeout: float = 120) -> int:
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
