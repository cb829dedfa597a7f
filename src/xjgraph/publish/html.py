"""The one Jinja environment of every page xjgraph writes (maps, site, ontology documentation), and the
helpers that make text from the data safe in markup (links, XML).

Templates live in ``publish/templates/`` and extend ``base.html``. Text is escaped by autoescaping;
data for scripts goes through ``|tojson``, whose output cannot close the ``<script>`` element it sits
in (``<``, ``>``, ``&`` and ``'`` are written as ``\\u`` escapes) and whose keys are sorted, so pages are
deterministic.

>>> print(ENV.from_string("<script>{{ x|tojson }}</script>").render(x={"t": "</script><b>"}))
<script>{"t":"\\u003c/script\\u003e\\u003cb\\u003e"}</script>
"""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, select_autoescape

ENV = Environment(
    loader=PackageLoader("xjgraph.publish", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)
ENV.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}


_WEB_RE = re.compile(r"^https?://[^\s/?#<>\"'`\\]+[^\s<>\"'`\\]*$", re.IGNORECASE)


def web_link(url: str) -> str | None:
    """``url`` when it may become a link (an http or https address and nothing else), else None.

    >>> web_link("https://digitalarchive.wilsoncenter.org/document/1"), web_link("javascript:alert(71)")
    ('https://digitalarchive.wilsoncenter.org/document/1', None)
    >>> web_link(" JAVASCRIPT:alert(1)"), web_link("data:text/html,x"), web_link("vbscript:x")
    (None, None, None)
    """
    return url if isinstance(url, str) and _WEB_RE.match(url) else None


# characters XML 1.0 cannot carry at all (C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF)
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` made fit for XML 1.0: a character XML cannot carry is written as its escape (``\\x1b``).

    The sources refuse such characters, so only a dump from elsewhere has them; CMIF, GEXF and GraphML then stay
    well-formed and show where they were.

    >>> xml_text("Report\\x1b]0;x\\x07"), xml_text("Line\\nbreak")
    ('Report\\\\x1b]0;x\\\\x07', 'Line\\nbreak')
    """
    return _NOT_XML_RE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def render(template: str, **context) -> str:
    """The page ``template`` rendered with ``context``."""
    return ENV.get_template(template).render(**context)
