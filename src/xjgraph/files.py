"""Writing outputs safely: every file xjgraph writes goes through here.

A file is written to a temporary file beside it, flushed to disk, and renamed over the old one, so a
reader sees the old content or the new, never a part. :func:`write_together` publishes several files
as one change (the dump and its description): all or none, even if the process is killed between the
renames (a journal left behind is rolled forward by the next write or read of that folder). Temporary
files of a writer that was killed are removed by the next write to the same folder.

>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> write_atomic(d / "a.txt", "one"), write_atomic(d / "a.txt", "one"), (d / "a.txt").read_text()
(True, False, 'one')
>>> list(write_together({d / "x.ttl": "x", d / "y.ttl": b"y"}).values())
[True, True]
>>> sorted(p.name for p in d.iterdir())
['a.txt', 'x.ttl', 'y.ttl']
"""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError

Content = str | bytes | Iterable[str | bytes]
_TMP_RE = re.compile(r"^\..+\.xj(\d+)\.[A-Za-z0-9_]+\.tmp$")
JOURNAL = ".xjgraph-publish.json"


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` is running (this process counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_CLEANED: set[str] = set()  # folders already cleaned by this process: a folder of 300,000 pages is scanned once


def clean_stale(folder: Path) -> None:
    """Remove the temporary files that writers which no longer run left in ``folder`` (once per process)."""
    key = os.path.realpath(folder)
    if key in _CLEANED:
        return
    _CLEANED.add(key)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        m = _TMP_RE.match(entry.name)
        if m and not pid_alive(int(m.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_temp(path: Path, content: Content) -> Path:
    """Write ``content`` to a new temporary file beside ``path``, flushed to disk; return its path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.xj{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(content, str):
                fh.write(content.encode("utf-8"))
            elif isinstance(content, bytes):
                fh.write(content)
            else:
                for chunk in content:
                    fh.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _same(tmp: Path, path: Path) -> bool:
    return path.is_file() and filecmp.cmp(tmp, path, shallow=False)


@contextlib.contextmanager
def atomic_file(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: it replaces ``path`` when the block ends without an error,
    and is removed otherwise (``path`` is left as it was).

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "out.nt"
    >>> with atomic_file(target) as fh:
    ...     _ = fh.write(b"<a> <b> <c> .\\n")
    >>> target.read_bytes()
    b'<a> <b> <c> .\\n'
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        recover(path.parent)
        clean_stale(path.parent)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.xj{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc}") from exc
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, content: Content = "", chunks: Iterable[str] | None = None) -> bool:
    """Write ``content`` (text, bytes, or an iterable of either, streamed) to ``path`` through a temporary
    file and a rename; return whether the content changed (an unchanged file is left as it was).

    ``chunks`` is the older spelling of an iterable ``content`` appended after it.
    """
    path = Path(path)
    if chunks is not None:
        content = _chain(content, chunks)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        recover(path.parent)
        clean_stale(path.parent)
        tmp = _write_temp(path, content)
        try:
            if _same(tmp, path):
                tmp.unlink()
                return False
            os.replace(tmp, path)
            _fsync_dir(path.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc}") from exc
    return True


def _chain(head: Content, chunks: Iterable[str]) -> Iterator[str | bytes]:
    if isinstance(head, (str, bytes)):
        if head:
            yield head
    else:
        yield from head
    yield from chunks


def write_together(items: dict[Path, Content]) -> dict[Path, bool]:
    """Publish several files in one folder as one change: each is replaced, or none is.

    Every file is written to a temporary file first; a failure there leaves every old file as it was.
    The renames are listed in a journal before they start, so a process killed between them leaves a
    state the next :func:`recover` completes; a rename that fails puts back the files already replaced.
    Returns, for each path, whether its content changed.
    """
    paths = [Path(p) for p in items]
    folders = {p.parent.resolve() for p in paths}
    if len(folders) != 1:
        raise ValueError("write_together publishes files of one folder")
    folder = paths[0].parent
    temps: dict[Path, Path] = {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        recover(folder)
        clean_stale(folder)
        for path, content in zip(paths, items.values()):
            temps[path] = _write_temp(path, content)
    except OSError as exc:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise OutputError(f"{folder}: cannot write {', '.join(p.name for p in paths)}: {exc}") from exc
    except BaseException:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
    changed = {p: not _same(t, p) for p, t in temps.items()}
    for path, tmp in temps.items():
        if not changed[path]:
            tmp.unlink()
    moves = [(temps[p], p) for p in paths if changed[p]]
    if not moves:
        return changed
    backups: list[tuple[Path, Path]] = []
    journal = folder / JOURNAL
    try:
        for _, path in moves:  # keep the old files until every new one is in place
            if path.exists():
                backup = path.with_name(f".{path.name}.xj{os.getpid()}.old.tmp")
                backup.unlink(missing_ok=True)
                os.link(path, backup)
                backups.append((backup, path))
        _write_journal(journal, moves, backups)
        done: list[Path] = []
        try:
            for tmp, path in moves:
                os.replace(tmp, path)
                done.append(path)
        except OSError:
            restore = dict((p, b) for b, p in backups)
            for path in done:
                if path in restore:
                    os.replace(restore.pop(path), path)
                else:
                    path.unlink(missing_ok=True)
            raise
        _fsync_dir(folder)
    except OSError as exc:
        for tmp, _ in moves:
            tmp.unlink(missing_ok=True)
        for backup, _ in backups:
            backup.unlink(missing_ok=True)
        journal.unlink(missing_ok=True)
        raise OutputError(f"{folder}: cannot replace {', '.join(p.name for _, p in moves)}: {exc}") from exc
    journal.unlink(missing_ok=True)
    for backup, _ in backups:
        backup.unlink(missing_ok=True)
    _fsync_dir(folder)
    return changed


def _write_journal(journal: Path, moves: list[tuple[Path, Path]], backups: list[tuple[Path, Path]]) -> None:
    text = json.dumps({"moves": [[t.name, p.name] for t, p in moves], "backups": [b.name for b, _ in backups]})
    tmp = journal.with_name(journal.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, journal)
    _fsync_dir(journal.parent)


def recover(folder: str | Path) -> bool:
    """Finish a :func:`write_together` that was interrupted in ``folder``; return whether there was one.

    Every temporary file of the journal was complete before the journal was written, so the renames
    that had not happened yet are made now.
    """
    journal = Path(folder) / JOURNAL
    if not journal.is_file():
        return False
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
        for tmp_name, name in plan.get("moves", []):
            tmp = journal.with_name(tmp_name)
            if tmp.exists():
                os.replace(tmp, journal.with_name(name))
        for backup in plan.get("backups", []):
            journal.with_name(backup).unlink(missing_ok=True)
        journal.unlink()
        _fsync_dir(journal.parent)
    except (OSError, ValueError) as exc:
        raise OutputError(f"{journal}: cannot finish an interrupted publication: {exc}") from exc
    return True
