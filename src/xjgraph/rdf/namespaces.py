"""Every namespace, prefix and IRI of xjgraph, defined once.

Each vocabulary is a :class:`Vocabulary` whose terms are declared: ``XJ.side`` is the IRI string of
``xj:side``, and a misspelt term is an error, in the manner of rdflib's ``DefinedNamespace``. The
Turtle dump, the saved queries' PREFIX block, the JSON-LD context and every query in the code take
their IRIs from here (``tests/test_ontology.py`` checks the term lists against the ontology).

>>> XJ.side
'https://w3id.org/xjgraph/ontology#side'
>>> XJ.sidee
Traceback (most recent call last):
...
AttributeError: xj:sidee is not a declared term of https://w3id.org/xjgraph/ontology#
>>> iri("person", "sheng-shicai")
'https://w3id.org/xjgraph/person/sheng-shicai'
>>> curie("https://w3id.org/xjgraph/person/sheng-shicai"), expand("person:sheng-shicai")
('person:sheng-shicai', 'https://w3id.org/xjgraph/person/sheng-shicai')
"""

from __future__ import annotations

import re


class Vocabulary:
    """A namespace IRI with its declared terms; attribute or item access gives a term's IRI string."""

    def __init__(self, prefix: str, namespace: str, terms: str = "", open_: bool = False):
        self._prefix = prefix
        self._ns = namespace
        self._terms = frozenset(terms.split())
        self._open = open_  # namespaces of identifiers (person/, place/ ...) rather than of terms

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> str:
        if not self._open and name not in self._terms:
            raise AttributeError(f"{self._prefix}:{name} is not a declared term of {self._ns}")
        return self._ns + name

    def __str__(self) -> str:
        return self._ns

    def __repr__(self) -> str:
        return f"Vocabulary({self._prefix!r}, {self._ns!r})"

    def __contains__(self, name: str) -> bool:
        return name in self._terms

    @property
    def terms(self) -> frozenset[str]:
        return self._terms

    @property
    def prefix(self) -> str:
        return self._prefix


BASE = "https://w3id.org/xjgraph/"

RDF = Vocabulary("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type langString first rest nil")
RDFS = Vocabulary(
    "rdfs",
    "http://www.w3.org/2000/01/rdf-schema#",
    "label comment seeAlso isDefinedBy subClassOf subPropertyOf domain range Class Literal Datatype",
)
XSD = Vocabulary(
    "xsd", "http://www.w3.org/2001/XMLSchema#", "string boolean date decimal integer anyURI gYear gYearMonth double"
)
OWL = Vocabulary(
    "owl",
    "http://www.w3.org/2002/07/owl#",
    "Ontology Class ObjectProperty DatatypeProperty AnnotationProperty imports versionIRI versionInfo "
    "sameAs Thing NamedIndividual",
)
DCTERMS = Vocabulary(
    "dcterms",
    "http://purl.org/dc/terms/",
    "title date description abstract bibliographicCitation conformsTo contributor creator format identifier "
    "license modified publisher relation source spatial temporal PeriodOfTime",
)
SKOS = Vocabulary(
    "skos",
    "http://www.w3.org/2004/02/skos/core#",
    "Concept ConceptScheme prefLabel altLabel hiddenLabel editorialNote note definition inScheme exactMatch closeMatch",
)
SCHEMA = Vocabulary(
    "schema",
    "https://schema.org/",
    "Person Organization ArchiveOrganization Place Event Message Role about mentions ccRecipient containedInPlace "
    "description endDate location locationCreated memberOf recipient sameAs sender startDate url version",
)
RICO = Vocabulary(
    "rico",
    "https://www.ica.org/standards/RiC/ontology#",
    "Record Person CorporateBody DocumentaryFormType Instantiation hasDocumentaryFormType hasOrHadHolder "
    "hasOrHadInstantiation identifier",
)
ORG = Vocabulary("org", "http://www.w3.org/ns/org#", "Post holds postIn subOrganizationOf")
GEO = Vocabulary("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#", "SpatialThing lat long")
XJ = Vocabulary(
    "xj",
    BASE + "ontology#",
    # classes
    "Correspondence Letter Telegram CipheredTelegram Cable Report RecordOfConversation Memorandum "
    "PolitburoDecision MinutesExcerpt Proposal Log Brochure PolicyDocument ArchivalHolding Office Tenure Side "
    # properties
    "side birthDate deathDate nameKey earliestDate latestDate datePrecision dateNote correctedDate titleSupplied "
    "number intermediary participant repliesTo forwards inCollectionListing obtainedBy translatedBy office holder "
    "fond opis delo folios concurrentHolders AuthorityMatch matchOf matchTarget matchKind Evidence evidenceFor "
    "evidenceProperty evidenceValue used unverified",
)
VOID = Vocabulary(
    "void",
    "http://rdfs.org/ns/void#",
    "Dataset class classPartition classes dataDump distinctSubjects entities exampleResource properties "
    "property propertyPartition rootResource sparqlEndpoint triples uriSpace vocabulary Linkset linkPredicate "
    "subjectsTarget objectsTarget target subset",
)
DCAT = Vocabulary(
    "dcat",
    "http://www.w3.org/ns/dcat#",
    "Dataset Distribution distribution downloadURL endDate keyword mediaType startDate",
)
FOAF = Vocabulary("foaf", "http://xmlns.com/foaf/0.1/", "Agent name homepage")
VANN = Vocabulary("vann", "http://purl.org/vocab/vann/", "preferredNamespacePrefix preferredNamespaceUri")
SH = Vocabulary("sh", "http://www.w3.org/ns/shacl#", open_=True)

# Kinds of resource with IRIs https://w3id.org/xjgraph/<kind>/<id>
SEGMENTS = ("record", "person", "organisation", "place", "event", "office", "tenure", "side", "kind", "holding")
ENTITIES = {seg: Vocabulary(seg, f"{BASE}{seg}/", open_=True) for seg in SEGMENTS}

# Prefixes written into data/records.ttl and predeclared in every query, in this order.
PREFIXES: dict[str, str] = {
    **{v.prefix: str(v) for v in (RDF, RDFS, XSD, OWL, DCTERMS, SKOS, SCHEMA, RICO, ORG, GEO, XJ)},
    **{seg: str(ns) for seg, ns in ENTITIES.items()},
}
# and those of the dataset description (data/void.ttl)
VOID_PREFIXES: dict[str, str] = {**PREFIXES, "void": str(VOID), "dcat": str(DCAT), "foaf": str(FOAF)}


def iri(kind: str, ident: str) -> str:
    """The IRI of an entity of ``kind`` with id ``ident``."""
    if kind not in ENTITIES:
        raise KeyError(kind)
    return f"{BASE}{kind}/{ident}"


def kind_and_id(value: str) -> tuple[str, str] | None:
    """``("person", "stalin")`` for the IRI of an entity page, None for any other IRI.

    >>> kind_and_id("https://w3id.org/xjgraph/person/stalin"), kind_and_id("https://schema.org/Person")
    (('person', 'stalin'), None)
    """
    if not value.startswith(BASE):
        return None
    kind, _, ident = value[len(BASE) :].partition("/")
    if kind not in ENTITIES or not ident:
        return None
    return kind, ident


def sparql_prefixes(prefixes: dict[str, str] | None = None) -> str:
    """The PREFIX lines every query gets (the saved queries', the code's and a researcher's own)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or PREFIXES).items())


def sparql(body: str) -> str:
    """A query text with the project's prefixes declared before ``body``."""
    return sparql_prefixes() + body


_BY_LENGTH = sorted(VOID_PREFIXES.items(), key=lambda kv: -len(kv[1]))
# local parts shown after a prefix: those Turtle and SPARQL accept unescaped, and "/" inside (tenures)
_LOCAL_RE = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_./-]*[A-Za-z0-9_-])?$")


def curie(value: str, prefixes: dict[str, str] | None = None) -> str:
    """The shortest ``prefix:local`` form of an IRI (the IRI itself when no prefix fits)."""
    items = sorted(prefixes.items(), key=lambda kv: -len(kv[1])) if prefixes else _BY_LENGTH
    for prefix, ns in items:
        if value.startswith(ns) and _LOCAL_RE.match(value[len(ns) :]):
            return f"{prefix}:{value[len(ns) :]}"
    return value


def expand(text: str, prefixes: dict[str, str] | None = None) -> str:
    """The IRI a CURIE such as ``person:stalin`` stands for; ``<iri>`` and full IRIs are returned as they are."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, colon, local = text.partition(":")
    table = prefixes or VOID_PREFIXES
    if colon and prefix in table and not local.startswith("//"):
        return table[prefix] + local
    return text
