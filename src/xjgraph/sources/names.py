"""Search keys for names: the form in which a name is looked up exactly, whatever its case or spacing.

The build writes one ``xj:nameKey`` per distinct key of an entity's preferred and variant labels, and
a saved-query parameter of type ``name`` is bound in the same form, so a lookup by name is an index
lookup on the store rather than a scan of every label.

>>> key("  Shicai   SHENG ")
'shicai sheng'
>>> key("Straße") == key("STRASSE")
True
"""

from __future__ import annotations

import unicodedata


def key(text: str) -> str:
    """``text`` in Unicode compatibility form, case-folded, with runs of white space made one space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
