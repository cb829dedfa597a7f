"""Running an XSLT 2 Schematron (correspSearch's CMIF checks) the way its authors do: SchXslt's pipeline
(``../shared/schemas/schxslt/``) compiled by an XSLT 3 processor (saxonche), then the SVRL it writes read back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

SVRL = "{http://purl.oclc.org/dsdl/svrl}"


@dataclass(frozen=True)
class Finding:
    level: str  # error, warning or info: the assert's role, else the code its message starts with ([E0003], [W0000])
    message: str
    location: str


def run(schema: Path, pipeline: Path, document: Path, work: Path) -> list[Finding]:
    from saxonche import PySaxonProcessor

    with PySaxonProcessor(license=False) as proc:
        xslt = proc.new_xslt30_processor()
        validator = xslt.compile_stylesheet(stylesheet_file=str(pipeline)).transform_to_string(source_file=str(schema))
        compiled = work / (schema.stem + ".xsl")
        compiled.write_text(validator, encoding="utf-8")
        svrl = xslt.compile_stylesheet(stylesheet_file=str(compiled)).transform_to_string(source_file=str(document))
    out = []
    for f in etree.fromstring(svrl.encode("utf-8")).iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        text = " ".join("".join(f.itertext()).split())
        code = re.match(r"\[([EWI])\d+\]", text)
        if f.get("role"):
            level = f.get("role")
        elif code:
            level = {"E": "error", "W": "warning", "I": "info"}[code.group(1)]
        else:
            level = "error"  # an assert with neither role nor code counts as an error
        out.append(Finding(level, text, f.get("location", "")))
    return out
