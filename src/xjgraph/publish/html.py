"""The one Jinja environment of every page xjgraph writes (maps, site, ontology documentation).

Templates live in ``publish/templates/`` and extend ``base.html``. Text is escaped by autoescaping;
data for scripts goes through ``|tojson``, whose output cannot close the ``<script>`` element it sits
in (``<``, ``>``, ``&`` and ``'`` are written as ``\\u`` escapes) and whose keys are sorted, so pages are
deterministic.

>>> print(ENV.from_string("<script>{{ x|tojson }}</script>").render(x={"t": "</script><b>"}))
<script>{"t":"\\u003c/script\\u003e\\u003cb\\u003e"}</script>
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

ENV = Environment(
    loader=PackageLoader("xjgraph.publish", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)
ENV.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}


def render(template: str, **context) -> str:
    """The page ``template`` rendered with ``context``."""
    return ENV.get_template(template).render(**context)
