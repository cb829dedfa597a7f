"""The SPARQL stage: the dump in a store, or any endpoint, answering the same results.

Modules: ``results`` (:class:`Result`, :class:`Cell`), ``binding`` (parameters as VALUES blocks),
``dump`` (finding and reading the dump), ``store`` (embedded pyoxigraph), ``columnar`` (the optional maplib
engine, same results), ``endpoint`` (SPARQL 1.1 over HTTP), ``saved`` (the documented queries of ``queries/``), ``server`` (``serve`` and ``load``).
"""
