"""Screenshots of every map and of one page of each kind, at a laptop's size and a phone's, into out/screens/.

Run by ``make screenshots`` after ``xjgraph site --out out/site``; uses Debian's Chromium (never a browser
download). Prints, for each shot, the console errors and the requests that tried to leave the folder (there
should be none), and whether the page scrolls sideways.

    .venv/bin/python scripts/screenshots.py out/site out/screens
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

SIZES = {"laptop": (1440, 900), "phone": (390, 844)}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
READY = "window.xjReady !== undefined || !document.querySelector('#xj-data')"


def pages(site: Path) -> list[Path]:
    """Every map, the two indexes, the workbench, and the first page of each kind of entity."""
    maps = site / "maps" if (site / "maps").is_dir() else site
    chosen = sorted(
        p for p in maps.glob("*.html") if not p.name.startswith("ego-") or p.name == "ego-sheng-shicai.html"
    )
    for name in ("index.html", "sparql.html", "search.html", "ontology.html"):
        if (site / name).is_file() and site / name not in chosen:
            chosen.append(site / name)
    preferred = {
        "person": "sheng-shicai",
        "place": "urumqi",
        "organisation": "",
        "record": "",
        "event": "",
        "office": "",
        "kind": "",
        "side": "",
        "holding": "",
    }
    for kind, ident in preferred.items():
        folder = site / kind
        if folder.is_dir():
            page = (
                folder / f"{ident}.html"
                if ident and (folder / f"{ident}.html").is_file()
                else min(folder.glob("*.html"), default=None)
            )
            if page:
                chosen.append(page)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="a folder written by `xjgraph site` or `xjgraph maps`")
    parser.add_argument("out", type=Path, help="where the PNGs go")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium") or "/usr/bin/chromium"
    args.out.mkdir(parents=True, exist_ok=True)
    problems = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=ARGS)
        for path in pages(args.site):
            for size, (w, h) in SIZES.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                errors: list[str] = []
                outside: list[str] = []
                page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))

                def route(r, outside=outside):
                    url = r.request.url
                    if url.startswith(("file:", "data:", "blob:", "about:")):
                        r.continue_()
                    else:
                        outside.append(url)
                        r.abort()

                page.route("**/*", route)
                page.goto(path.resolve().as_uri())
                page.wait_for_function(READY, timeout=60000)
                page.wait_for_timeout(300)
                sideways = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                rel = path.relative_to(args.site).with_suffix("")
                name = "-".join(rel.parts) + f"-{size}.png"
                page.screenshot(path=str(args.out / name))
                note = []
                if errors:
                    note.append(f"{len(errors)} console errors: {errors[:2]}")
                if outside:
                    note.append(f"{len(outside)} requests leaving the folder")
                if sideways > 0:
                    note.append(f"scrolls sideways by {sideways} px")
                problems += bool(note)
                print(f"{name}: " + ("; ".join(note) if note else "ok"))
                page.close()
        browser.close()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
