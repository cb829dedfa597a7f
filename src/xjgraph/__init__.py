"""xjgraph: a linked-data knowledge graph of the Soviet records on Xinjiang, 1934-1949.

The pipeline runs one way, each stage a subpackage that imports only the stages before it:
``sources`` (curated TOML -> checked model) -> ``rdf`` (model -> ``records.ttl``) -> ``sparql`` (the dump
in a store, or any endpoint) -> ``network`` (networkx networks and metrics) -> ``publish`` (maps, site,
exports). The functions below are the public API; each loads only the stages it needs.

>>> import xjgraph
>>> store = xjgraph.open_store(xjgraph.resources.packaged_dump())
>>> rows = xjgraph.run_query("correspondents", store, person="person:sheng-shicai").dicts()
>>> "Joseph Stalin" in {r["name"] for r in rows}
True
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import errors, resources
from .version import __release_date__, __version__

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .rdf.build import Summary
    from .sparql.results import Result

__all__ = [
    "__release_date__",
    "__version__",
    "build",
    "correspondence_network",
    "errors",
    "export",
    "open_store",
    "resources",
    "run_query",
    "write_maps",
    "write_site",
]


def build(
    sources: str | Path | None = None,
    out: str | Path | None = None,
    ontology: str | Path | None = None,
    shacl: str = "auto",
) -> Summary:
    """Check the sources, convert them to RDF, validate, and write the dump with its VoID description.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "records.ttl"
    >>> summary = build(resources.package_dir() / "data" / "sources", out, shacl="off")
    >>> summary.counts["record"] >= 111 and out.read_bytes() == resources.packaged_dump().read_bytes()
    True
    """
    from .rdf.build import build as run_build

    return run_build(
        resources.sources_path(sources),
        out if out is not None else resources.DEFAULT_DUMP,
        ontology if ontology is not None else resources.ontology_dir(),
        shacl=shacl,
    )


def open_store(
    data: str | Path | None = None,
    store_dir: str | Path | None = None,
    endpoint: str | None = None,
    graph: str | None = None,
    engine: str = "oxigraph",
):
    """Where queries run: the dump in memory (default ``./data/records.ttl``), on disk (``store_dir``), or a
    SPARQL endpoint (``endpoint``, optionally its ``graph``); ``engine="maplib"`` holds the dump in the
    columnar engine (the ``scale`` extra). All answer the same results.

    >>> len(open_store(resources.packaged_dump())) > 5000
    True
    """
    if engine not in ("oxigraph", "maplib"):
        raise errors.UsageError(f"unknown engine {engine!r}: oxigraph or maplib")
    if engine == "maplib":
        if endpoint or store_dir:
            raise errors.UsageError("the maplib engine holds the dump in memory: not with an endpoint or store_dir")
        from .sparql.columnar import MaplibStore

        return MaplibStore.from_file(data)
    if endpoint:
        from .sparql.endpoint import RemoteEndpoint

        return RemoteEndpoint(endpoint, graph)
    from .sparql.store import EmbeddedStore

    if store_dir:
        return EmbeddedStore.on_disk(data, store_dir)
    return EmbeddedStore.from_file(data)


def run_query(name: str, target=None, /, **params: Any) -> Result:
    """Run a saved query (by name, or a ``.rq`` file) with its parameters; ``target`` defaults to :func:`open_store`.

    >>> run_query("names", open_store(resources.packaged_dump()), text="Filippov").dicts()[0]["preferred"]
    'Joseph Stalin'
    """
    from .sparql import saved

    q = saved.find(name)
    return saved.run(q, target if target is not None else open_store(), {k: str(v) for k, v in params.items()})


def correspondence_network(target=None, period: str | None = None) -> nx.DiGraph:
    """Senders and recipients as a weighted networkx DiGraph, optionally for an EDTF ``period``.

    >>> g = correspondence_network(open_store(resources.packaged_dump()), "1949")
    >>> g.nodes["https://w3id.org/xjgraph/person/stalin"]["label"]
    'Joseph Stalin'
    """
    from .network.graphs import correspondence

    return correspondence(target if target is not None else open_store(), period)


def write_maps(target=None, out: str | Path = "out/maps") -> list:
    """Write every interactive map and its index into ``out``; return what was written.

    >>> import tempfile
    >>> files = write_maps(open_store(resources.packaged_dump()), tempfile.mkdtemp())
    >>> files[0].file, files[-1].file
    ('network.html', 'index.html')
    """
    from .publish.maps import write_maps as run

    return run(target if target is not None else open_store(), out)


def write_site(target=None, out: str | Path = "out/site", with_maps: bool = True) -> dict[str, int]:
    """Write the static site (entity pages, search, maps, ontology page) into ``out``; return pages per kind.

    >>> import tempfile
    >>> write_site(open_store(resources.packaged_dump()), tempfile.mkdtemp(), with_maps=False)["record"] >= 111
    True
    """
    from .publish.site import write_site as run

    return run(target if target is not None else open_store(), out, with_maps=with_maps)


def export(fmt: str, out: str | Path, target=None, data: str | Path | None = None, period: str | None = None) -> Path:
    """Write an export: ``jsonld``, ``nt`` or ``ttl`` (copies of the dump ``data``), ``cmif`` (correspSearch),
    ``gexf`` or ``graphml`` (Gephi) or ``csv`` (Palladio, a folder) of the network in ``period``.

    >>> import tempfile
    >>> out = export("cmif", Path(tempfile.mkdtemp()) / "letters.xml", open_store(resources.packaged_dump()))
    >>> out.read_bytes().startswith(b"<?xml")
    True
    """
    from .files import write_atomic
    from .publish import cmif, dataset, netfiles

    out = Path(out)
    if fmt in dataset.FORMATS:
        return dataset.export(data, fmt, out)
    target = target if target is not None else open_store(data)
    if fmt == "cmif":
        write_atomic(out, cmif.build(target))
        return out
    from .network.graphs import correspondence, place_flows

    g = correspondence(target, period)
    if fmt in ("gexf", "graphml"):
        netfiles.network_file(g, out, fmt)
    elif fmt == "csv":
        netfiles.csv_tables(g, out, place_flows(target, period))
    else:
        raise errors.UsageError(f"unknown export format {fmt!r}")
    return out
