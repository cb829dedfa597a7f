"""Digital Archive page addresses in canonical form.

>>> canonical("https://wilson-center-digital-archive.dvincitest.com/node/100566")
'https://digitalarchive.wilsoncenter.org/node/100566'
>>> canonical("http://digitalarchive.wilsoncenter.org/document/121858.pdf?v=a3db")
'https://digitalarchive.wilsoncenter.org/document/121858'
>>> is_canonical("https://digitalarchive.wilsoncenter.org/document/121852")
True
>>> is_canonical("https://digitalarchive.wilsoncenter.org/document/..")
False
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

CANONICAL_HOST = "digitalarchive.wilsoncenter.org"
MIRRORS = {CANONICAL_HOST, "wilson-center.drivingcreative.com", "wilson-center-digital-archive.dvincitest.com"}
# a slug or number; "." and ".." are path steps, not pages
# an http(s) address: what a web field, a link's evidence or a fact's source must be
WEB_RE = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
CANONICAL_RE = re.compile(r"^https://digitalarchive\.wilsoncenter\.org/(?:document|node)/(?!\.{1,2}$)[A-Za-z0-9._~-]+$")


def canonical(url: str) -> str:
    """Map a Digital Archive page, a staging mirror's page or a PDF link to the canonical page.

    The path is kept (``/node/N`` pages have no known ``/document/`` slug and stay as they are);
    a ``.pdf`` suffix and any query string are dropped. Raise ValueError for other hosts.
    """
    parts = urlsplit(url.strip())
    if parts.hostname not in MIRRORS:
        raise ValueError(f"{url!r} is not a Digital Archive address")
    path = parts.path.rstrip("/")
    if path.endswith(".pdf"):
        path = path[: -len(".pdf")]
    return f"https://{CANONICAL_HOST}{path}"


def is_canonical(url: str) -> bool:
    """True for ``https://digitalarchive.wilsoncenter.org/document/<slug-or-number>``.

    ``/node/<number>`` is accepted too: the staging mirrors list some records only under their
    Drupal node path, and the canonical host serves the same path.
    """
    return bool(CANONICAL_RE.match(url))


def is_archive(url: str) -> bool:
    """True for a page of the Digital Archive or of one of its mirrors.

    >>> is_archive("https://wilson-center.drivingcreative.com/document/121852"), is_archive("https://example.org/")
    (True, False)
    """
    try:
        canonical(url)
    except ValueError:
        return False
    return True
