"""The RDF stage: checked model -> triples -> ``data/records.ttl`` and ``data/void.ttl``.

Modules: ``namespaces`` (every IRI and prefix), ``turtle`` (deterministic writer), ``convert`` (model to
triples), ``ontology`` (reading the ontology folder), ``shacl`` (validation), ``void`` (dataset
description), ``build`` (the whole stage: :func:`xjgraph.rdf.build.build`).
"""
