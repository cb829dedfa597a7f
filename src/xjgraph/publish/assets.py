"""The front-end files a tree of pages needs (scripts, stylesheet, basemap, fonts), copied into its ``static/``.

The scripts are bundled from the npm packages pinned in ``package-lock.json`` by ``npm run build`` (README) into
the package's ``publish/static/``. The Chinese font is Noto Sans SC (from ``@fontsource/noto-sans-sc``),
subset with fontTools to the characters the tree's pages use and embedded in ``static/fonts.css`` as data: a
page opened from disk cannot load a font file (browsers refuse font requests from ``file://``).

>>> css = font_css("盛世才")
>>> css.count("@font-face") >= 1 and "Noto Sans SC" in css and "url(data:font/woff;base64," in css
True
"""

from __future__ import annotations

import base64
import functools
import io
import re
import unicodedata
from pathlib import Path

from ..errors import XjgraphError
from ..files import write_atomic
from ..resources import package_dir

FILES = ("style.css", "map.js", "geo.js", "timeline.js", "site.js", "sparql.js", "world.js", "yasgui.css")
_RANGE_RE = re.compile(r"src: url\(\./files/(noto-sans-sc-[\w-]+-400-normal)\.woff2\).*?unicode-range: ([^;]+);", re.S)


def static_dir() -> Path:
    """The bundled front-end files; a clear error when the bundle was never built."""
    folder = package_dir() / "publish" / "static"
    if not (folder / "map.js").is_file():
        raise XjgraphError(
            f"{folder}: the front-end bundle is missing; build it with `npm ci && npm run build` in the project "
            "folder (the README's install command does), then install xjgraph again"
        )
    return folder


def needs_font(ch: str) -> bool:
    """Characters the default fonts lack: wide East Asian ones (Han, kana, fullwidth forms)."""
    return unicodedata.east_asian_width(ch) in ("W", "F") and not unicodedata.category(ch).startswith(("Z", "C"))


@functools.lru_cache(maxsize=1)
def _pieces() -> list[tuple[str, list[tuple[int, int]]]]:
    """Noto Sans SC's files and the code point ranges each covers (from @fontsource's CSS)."""
    css = (static_dir() / "fonts" / "noto-sans-sc" / "400.css").read_text(encoding="utf-8")
    out = []
    for name, ranges in _RANGE_RE.findall(css):
        spans = []
        for part in ranges.split(","):
            part = part.strip().removeprefix("U+").removeprefix("u+")
            lo, _, hi = part.partition("-")
            spans.append((int(lo, 16), int(hi or lo, 16)))
        out.append((name, spans))
    return out


def font_css(text: str) -> str:
    """@font-face rules embedding Noto Sans SC for the wide characters of ``text`` (empty when there are none)."""
    wanted = sorted({ch for ch in text if needs_font(ch)})
    if not wanted:
        return ""
    from fontTools import subset  # type: ignore[import-untyped]  # fontTools ships no type information
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    by_file: dict[str, list[str]] = {}
    for ch in wanted:
        cp = ord(ch)
        for name, spans in _pieces():
            if any(lo <= cp <= hi for lo, hi in spans):
                by_file.setdefault(name, []).append(ch)
                break
    rules = []
    for name, chars in sorted(by_file.items()):
        # the font's own timestamp, not the time of the subset: same characters, same bytes
        font = TTFont(str(static_dir() / "fonts" / "noto-sans-sc" / f"{name}.woff"), recalcTimestamp=False)
        options = subset.Options()
        options.flavor = "woff"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        sub = subset.Subsetter(options)
        sub.populate(text="".join(chars))
        sub.subset(font)
        buf = io.BytesIO()
        font.flavor = "woff"
        font.save(buf)
        ranges = ",".join(f"U+{ord(c):X}" for c in chars)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        rules.append(
            "@font-face { font-family: 'Noto Sans SC'; font-style: normal; font-weight: 400; font-display: block;\n"
            f"  src: url(data:font/woff;base64,{data}) format('woff');\n  unicode-range: {ranges}; }}\n"
        )
    return "/* Noto Sans SC (SIL Open Font License 1.1), subset to the characters these pages use */\n" + "".join(rules)


def install(folder: str | Path, text: str, files: tuple[str, ...] = FILES) -> Path:
    """Copy the front-end ``files`` into ``folder`` (its ``static/``), with ``fonts.css`` for the characters of
    ``text``, and the licences of what is bundled; return the folder. Unchanged files are left as they are."""
    source = static_dir()
    folder = Path(folder)
    for name in files:
        write_atomic(folder / name, (source / name).read_bytes())
    for licence in sorted((source / "LICENSES").iterdir()):
        write_atomic(folder / "LICENSES" / licence.name, licence.read_bytes())
    write_atomic(folder / "fonts.css", font_css(text))
    return folder


def inline_css() -> str:
    """The stylesheet's text, for a page written alone (the ontology documentation)."""
    return (static_dir() / "style.css").read_text(encoding="utf-8")
