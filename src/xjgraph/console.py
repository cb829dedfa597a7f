"""What xjgraph prints to a terminal: one table renderer for every command that prints rows, text from
the data made safe for a terminal, logging and progress bars.

>>> safe("Report\\x1b]0;owned\\x07")
'Report\\\\x1b]0;owned\\\\x07'
>>> print(render(["name", "n"], [["Sheng Shicai", 3], ["盛世才", None]], width=40))
name          n
------------  -
Sheng Shicai  3
盛世才
(2 rows)
>>> print(render(["a"], [["x,y"]], "csv"), end="")
a
"x,y"
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

FORMATS = ("table", "csv", "tsv", "json", "md")
T = TypeVar("T")
log = logging.getLogger("xjgraph")

# Characters that move the cursor, ring the bell, retitle or clear a terminal, or reorder what follows
# them: C0 and C1 controls (except tab and newline, which layouts below handle), DEL, line and paragraph
# separators, and the bidirectional embeddings, overrides and isolates.
_UNSAFE = {c for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F} | set(range(0x80, 0xA0))
_UNSAFE |= {0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
_TRANSLATE = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _UNSAFE}
_TRANSLATE_ALL = {**_TRANSLATE, 0x09: "\\t", 0x0A: "\\n"}


def safe(text: str, keep_layout: bool = False) -> str:
    """``text`` with every character that could act on a terminal shown as an escape (``\\x1b``).

    Tab and newline are escaped too unless ``keep_layout``.
    """
    return text.translate(_TRANSLATE if keep_layout else _TRANSLATE_ALL)


def width_of(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide East Asian characters count two, combining marks none."""
    n = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - width_of(text))


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns; long words (IRIs, URLs) are broken, never cut off."""
    if width_of(text) <= width:
        return [text]
    lines: list[str] = []
    for line in textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]:
        while width_of(line) > width:  # wide characters: textwrap counts code points
            cut = width
            while cut > 1 and width_of(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def terminal_width() -> int:
    return max(20, shutil.get_terminal_size((100, 24)).columns)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    fmt: str = "table",
    width: int | None = None,
    wrap: bool = True,
    footer: bool = True,
) -> str:
    """Rows as an aligned table (wrapped to ``width``, default the terminal's), CSV, TSV, JSON or Markdown.

    Every value is shown in full: a table too wide for the terminal wraps its widest cells onto more
    lines (``wrap=False`` keeps one line per row). Text is made terminal-safe in every format but JSON,
    whose string escapes already are.
    """
    header = list(header)
    if fmt == "json":
        objs = [dict(zip(header, row)) for row in rows]
        return json.dumps(objs, ensure_ascii=False, indent=2) + "\n"
    text_rows = [[safe(_cell(v)) for v in row] for row in rows]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        if fmt == "csv":
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(header)
            w.writerows(text_rows)
        else:  # tab-separated, one line per row (tabs and newlines in values are escaped by safe())
            buf.write("\t".join(header) + "\n")
            for row in text_rows:
                buf.write("\t".join(row) + "\n")
        return buf.getvalue()
    if fmt == "md":

        def esc(s: str) -> str:
            return s.replace("\\", "\\\\").replace("|", "\\|")

        lines = ["| " + " | ".join(esc(h) for h in header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in text_rows]
        return "\n".join(lines) + "\n"
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return _table(header, text_rows, width or terminal_width(), wrap, footer)


def _table(header: list[str], rows: list[list[str]], width: int, wrap: bool, footer: bool) -> str:
    natural = [max([width_of(h)] + [width_of(r[i]) for r in rows]) for i, h in enumerate(header)]
    widths = list(natural)
    gap = 2
    if wrap:
        # prose (values with spaces) wraps between words, down to 16 columns; single tokens (IRIs, CURIEs,
        # URLs, dates) are never broken, so they can be copied whole. A table that cannot fit that way is
        # shown as one block per row instead (column: value), which fits any width.
        prose = [any(" " in r[i] for r in rows) for i in range(len(header))]
        floor = [max(min(natural[i], 16), width_of(header[i])) if prose[i] else natural[i] for i in range(len(header))]
        while sum(widths) + gap * (len(widths) - 1) > width:
            candidates = [i for i, w in enumerate(widths) if w > floor[i]]
            if not candidates:
                return _blocks(header, rows, width, footer)
            i = max(candidates, key=lambda j: (widths[j], -j))
            widths[i] -= 1

    def lines_of(cells: list[str]) -> list[str]:
        parts = [_wrap(c, w) if wrap else [c] for c, w in zip(cells, widths)]
        height = max((len(p) for p in parts), default=1)
        out = []
        for k in range(height):
            out.append((" " * gap).join(_pad(p[k] if k < len(p) else "", w) for p, w in zip(parts, widths)).rstrip())
        return out

    out = lines_of(header) + [(" " * gap).join("-" * w for w in widths)]
    for row in rows:
        out += lines_of(row)
    if footer:
        out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _blocks(header: list[str], rows: list[list[str]], width: int, footer: bool) -> str:
    """Rows too wide for a table: each row a block of ``column: value`` lines, prose wrapped, tokens whole."""
    label = max(width_of(h) for h in header) + 2
    out: list[str] = []
    for n, row in enumerate(rows, 1):
        out.append(f"-- row {n} " + "-" * max(0, min(width, 60) - len(f"-- row {n} ")))
        for h, value in zip(header, row):
            room = max(20, width - label)
            parts = _wrap(value, room) if " " in value else [value]
            out.append(_pad(h + ":", label) + (parts[0] if parts else ""))
            out += [" " * label + part for part in parts[1:]]
    if footer:
        out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


# ------------------------------------------------------------------ logging and progress


def setup_logging(verbosity: int = 0) -> None:
    """Log to standard error: warnings by default, info with ``-v``, debug with ``-vv``."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("xjgraph: %(message)s" if verbosity < 2 else "%(name)s: %(message)s"))
    root = logging.getLogger("xjgraph")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def progress(items: Iterable[T], total: int | None = None, desc: str = "", unit: str = "it") -> Iterator[T]:
    """``items``, with a progress bar on standard error when it is a terminal (tqdm), silently otherwise.

    ``XJGRAPH_PROGRESS=0`` turns the bars off, ``=1`` forces them on.
    """
    setting = os.environ.get("XJGRAPH_PROGRESS", "")
    disable: bool | None = None if setting == "" else setting == "0"
    if disable is None and not sys.stderr.isatty():
        disable = True
    if disable:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True)
