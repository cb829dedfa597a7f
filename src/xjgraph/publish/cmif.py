"""CMIF export: a TEI Correspondence Metadata Interchange Format file that correspSearch can aggregate.

One ``correspDesc`` per letter, telegram, cable or report sent from someone to someone, read from the
graph through SPARQL. Senders and recipients carry ``@ref``: the IRI of an authority file correspSearch links
letters through (VIAF, GND) where the graph has one, then their xjgraph IRI; the sending place a GeoNames IRI
where it has one, then its xjgraph IRI (``@ref`` holds several pointers, separated by spaces). Dates come from
the EDTF bounds (``@when`` for a day, ``@notBefore``/``@notAfter`` otherwise). ``bibl/@xml:id`` is a UUID
derived from the file's address (prefixed to be an XML name), so it is the same in every build.
"""

from __future__ import annotations

import uuid

from lxml import etree

from ..rdf.namespaces import sparql
from ..version import __release_date__
from .html import xml_text

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
CMIF_URL = "https://w3id.org/xjgraph/data/records-cmif.xml"
BIBL_ID = "xjgraph-" + str(uuid.uuid5(uuid.NAMESPACE_URL, CMIF_URL))

# the authority IRIs correspSearch links people and organisations through (its Schematron's list) and places
AGENT_AUTHORITIES = ("http://viaf.org/viaf/", "https://d-nb.info/gnd/")
PLACE_AUTHORITIES = ("https://sws.geonames.org/",)

LINKS = sparql(
    """
SELECT ?entity ?target WHERE {
  ?entity skos:exactMatch ?target .
  VALUES ?type { schema:Person schema:Organization schema:Place }
  ?entity a ?type .
}
ORDER BY ?entity ?target
"""
)

QUERY = sparql(
    """
SELECT ?record ?role ?agent ?type ?name ?date ?precision ?e ?l ?url ?place ?place_name WHERE {
  ?record a schema:Message ; schema:sender ?s ; schema:recipient ?r ;
          dcterms:date ?date ; xj:datePrecision ?precision ; xj:earliestDate ?e ; xj:latestDate ?l .
  { ?record schema:sender ?agent . BIND("sent" AS ?role) }
  UNION
  { ?record schema:recipient ?agent . BIND("received" AS ?role) }
  ?agent a ?type ; skos:prefLabel ?name . FILTER(LANG(?name) = "en")
  VALUES ?type { schema:Person schema:Organization }
  OPTIONAL { ?record schema:url ?url }
  OPTIONAL { ?record schema:locationCreated ?place . ?place skos:prefLabel ?place_name . FILTER(LANG(?place_name) = "en") }
}
ORDER BY ?e ?record ?role STR(?name)
"""
)


def _t(tag: str) -> str:
    return f"{{{TEI}}}{tag}"


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(
        parent, _t(tag), {k.replace("_", ":") if k == "xml_id" else k: xml_text(v) for k, v in attrs.items()}
    )
    if text is not None:
        el.text = xml_text(text)
    return el


def _refs(links: dict[str, list[str]], iri: str, authorities: tuple[str, ...]) -> str:
    """``@ref``: the entity's authority IRIs that correspSearch reads, then its own IRI."""
    return " ".join([t for t in links.get(iri, []) if t.startswith(authorities)] + [iri])


def build(target, published: str = __release_date__) -> bytes:
    """The CMIF document as UTF-8 XML bytes."""
    links: dict[str, list[str]] = {}
    for r in target.select(LINKS).dicts():
        links.setdefault(r["entity"], []).append(r["target"])
    rows = target.select(QUERY).dicts()
    records: dict[str, dict] = {}
    for r in rows:
        rec = records.setdefault(
            r["record"],
            {
                "url": r["url"],
                "date": r["date"],
                "precision": r["precision"],
                "e": r["e"],
                "l": r["l"],
                "place": r["place"],
                "place_name": r["place_name"],
                "sent": [],
                "received": [],
            },
        )
        agent = (r["agent"], r["name"], "persName" if r["type"].endswith("Person") else "orgName")
        if agent not in rec[r["role"]]:
            rec[r["role"]].append(agent)

    root = etree.Element(_t("TEI"), nsmap={None: TEI})  # type: ignore[dict-item]  # the default namespace
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", "xjgraph: correspondence of China and the Soviet Union in Xinjiang, 1934-1949")
    _sub(title_stmt, "editor", "xjgraph developers")
    pub = _sub(file_desc, "publicationStmt")
    _sub(pub, "publisher", "xjgraph developers")
    _sub(pub, "idno", CMIF_URL, type="url")
    _sub(pub, "date", when=published)
    avail = _sub(pub, "availability")
    _sub(
        avail,
        "licence",
        "This file is licensed under the terms of the Creative-Commons-License CC-BY 4.0",
        target="https://creativecommons.org/licenses/by/4.0/",
    )
    source = _sub(file_desc, "sourceDesc")
    bibl = _sub(source, "bibl", type="online")
    bibl.set(f"{{{XML}}}id", BIBL_ID)
    bibl.text = (
        "Wilson Center Digital Archive, collection 'China and the Soviet Union in Xinjiang, 1934-1949', "
        "as curated in the xjgraph knowledge graph. "
    )
    _sub(
        bibl,
        "ref",
        "https://digitalarchive.wilsoncenter.org/collection/234/china-and-the-soviet-union-in-xinjiang-1934-1949",
        target="https://digitalarchive.wilsoncenter.org/collection/234/china-and-the-soviet-union-in-xinjiang-1934-1949",
    )
    profile = _sub(header, "profileDesc")
    for iri, rec in records.items():
        if not rec["sent"] or not rec["received"]:
            continue
        desc = _sub(profile, "correspDesc", ref=rec["url"] or iri, source=f"#{BIBL_ID}")
        for role in ("sent", "received"):
            action = _sub(desc, "correspAction", type=role)
            for agent_iri, name, tag in rec[role]:
                _sub(action, tag, name, ref=_refs(links, agent_iri, AGENT_AUTHORITIES))
            if role == "sent":
                if rec["place"]:
                    _sub(action, "placeName", rec["place_name"], ref=_refs(links, rec["place"], PLACE_AUTHORITIES))
                if rec["precision"] == "day":
                    _sub(action, "date", when=rec["e"])
                else:
                    _sub(action, "date", notBefore=rec["e"], notAfter=rec["l"])
    text = _sub(root, "text")
    body = _sub(text, "body")
    _sub(body, "p")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def count_letters(xml: bytes) -> int:
    return len(etree.fromstring(xml).findall(f".//{_t('correspDesc')}"))
