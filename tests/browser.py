"""Headless Debian Chromium driven by playwright (never a browser download)."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@contextlib.contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium")
    if not exe:
        raise RuntimeError("Debian's chromium is not installed: scripts/test.sh installs it (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Page:
    """A page that records console errors, page errors, dialogs and every request leaving file://."""

    def __init__(self, browser, width: int = 1400, height: int = 900):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.external: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def open(self, path, ready: str = "window.xjReady !== undefined", timeout: float = 30000) -> None:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function(ready, timeout=timeout)

    def close(self) -> None:
        self.page.close()


def glyph_widths(page, selector: str) -> tuple[float, float, float]:
    """The width of the text of the first element matching ``selector``, its font size, and the width the same
    text takes in a font that does not exist (the boxes a machine without the embedded font would draw)."""
    page.evaluate("document.fonts.ready")
    return tuple(
        page.evaluate(
            """(selector) => { const s = document.querySelector(selector);
            const t = document.createElement('span'); t.textContent = s.textContent;
            t.style.fontFamily = 'xj-no-such-font, sans-serif'; t.style.fontSize = getComputedStyle(s).fontSize;
            document.body.appendChild(t); const w = t.getBoundingClientRect().width; t.remove();
            return [s.getBoundingClientRect().width, parseFloat(getComputedStyle(s).fontSize), w]; }""",
            selector,
        )
    )
