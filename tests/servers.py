"""Real SPARQL servers for the tests: Virtuoso Open Source 7 from Debian, on loopback, stopped after.

(The oxigraph server comes from :func:`xjgraph.server.oxigraph_server`.)
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from xjgraph.sparql.server import free_port, wait_for

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def _set(ini: str, section: str, key: str, value: str) -> str:
    """Set ``key = value`` in ``[section]`` of an ini text, keeping everything else."""
    pattern = re.compile(rf"(^\[{re.escape(section)}\]\s*$)(.*?)(?=^\[|\Z)", re.M | re.S)
    m = pattern.search(ini)
    if not m:
        raise AssertionError(f"no [{section}] in virtuoso.ini")
    body = m.group(2)
    line_re = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=.*$", re.M)
    body = line_re.sub(f"{key} = {value}", body, count=1) if line_re.search(body) else f"\n{key} = {value}{body}"
    return ini[: m.start(2)] + body + ini[m.end(2) :]


def isql(port: int, command: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["isql-vt", f"127.0.0.1:{port}", "dba", "dba", f"exec={command}"],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class Virtuoso(NamedTuple):
    url: str  # the /sparql endpoint
    pid: int  # the virtuoso-t process


@contextlib.contextmanager
def virtuoso_server(
    settings: dict[tuple[str, str], str] | None = None, load: tuple[Path, str] | None = None
) -> Iterator[Virtuoso]:
    """Start Virtuoso with its own configuration in a temporary folder; yield its /sparql URL and process id.

    ``settings`` overrides virtuoso.ini entries by (section, key); ``load`` is (folder, graph IRI): every
    ``*.ttl`` in the folder is bulk-loaded into that graph before the server is yielded.
    """
    if not shutil.which("virtuoso-t") or not VIRTUOSO_INI.exists():
        raise RuntimeError(
            "Debian's virtuoso-opensource is not installed: scripts/test.sh installs it "
            "(apt-get install virtuoso-opensource)"
        )
    with tempfile.TemporaryDirectory(prefix="xjgraph-virtuoso-") as tmp:
        sql_port, http_port = free_port(), free_port()
        while http_port == sql_port:
            http_port = free_port()
        ini = VIRTUOSO_INI.read_text(encoding="utf-8", errors="replace")
        for section in ("Database", "TempDatabase"):
            stem = "virtuoso" if section == "Database" else "virtuoso-temp"
            ini = _set(ini, section, "DatabaseFile", f"{tmp}/{stem}.db")
            ini = _set(ini, section, "TransactionFile", f"{tmp}/{stem}.trx")
        ini = _set(ini, "Database", "ErrorLogFile", f"{tmp}/virtuoso.log")
        ini = _set(ini, "Database", "xa_persistent_file", f"{tmp}/virtuoso.pxa")
        ini = _set(ini, "Parameters", "ServerPort", f"127.0.0.1:{sql_port}")
        extra = f", {load[0]}" if load else ""
        ini = _set(ini, "Parameters", "DirsAllowed", f"., {tmp}, /usr/share/virtuoso-opensource-7/vad{extra}")
        ini = _set(ini, "HTTPServer", "ServerPort", f"127.0.0.1:{http_port}")
        # with several threads per query (Debian's default is 4), Virtuoso 7.2.5 returned edge-list at 300,000
        # records short by 350-750 of its 121,543 pairs, differently from one server start to the next and
        # with no error; with one thread, by one pair on some starts (benchmarks/results.md)
        ini = _set(ini, "Parameters", "ThreadsPerQuery", "1")
        for (section, key), value in (settings or {}).items():
            ini = _set(ini, section, key, value)
        config = Path(tmp) / "virtuoso.ini"
        config.write_text(ini, encoding="utf-8")
        proc = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(config)],
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                if proc.poll() is not None:
                    log = Path(tmp) / "virtuoso.log"
                    tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
                    raise RuntimeError(f"virtuoso exited with {proc.returncode}:\n{tail}")
                if isql(sql_port, "select 1;").returncode == 0:
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError("virtuoso did not answer within 120 s")
                time.sleep(0.5)
            grant = isql(sql_port, 'GRANT SPARQL_UPDATE TO "SPARQL";')
            assert grant.returncode == 0, grant.stdout + grant.stderr
            if load:
                folder, graph = load
                if "'" in f"{folder}{graph}":
                    raise ValueError(f"cannot bulk-load from a path or graph with a quote: {folder} {graph}")
                done = isql(sql_port, f"ld_dir('{folder}', '*.ttl', '{graph}'); rdf_loader_run(); checkpoint;", 7200)
                state = isql(
                    sql_port, "select count(*) from DB.DBA.load_list where ll_state <> 2 or ll_error is not null;"
                )
                if done.returncode != 0 or not re.search(r"^\s*0\s*$", state.stdout, re.M):
                    raise RuntimeError(f"virtuoso did not load {folder}:\n{done.stdout[-800:]}{state.stdout[-800:]}")
            url = f"http://127.0.0.1:{http_port}/sparql"
            wait_for(f"{url}?query=ASK%7B%7D", timeout=60, proc=proc)
            yield Virtuoso(url, proc.pid)
        finally:
            with contextlib.suppress(Exception):
                isql(sql_port, "shutdown;", timeout=20)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
