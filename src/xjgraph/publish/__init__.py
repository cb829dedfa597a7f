"""The publishing stage: what people and other tools read, made from the graph through SPARQL.

Modules: ``maps`` (interactive maps), ``site`` (entity pages), ``dataset`` (JSON-LD, N-Triples, Turtle),
``jsonld`` (compaction with the project's context), ``netfiles`` (GEXF, GraphML, Palladio CSV),
``cmif`` (correspSearch), ``ontodoc`` (ontology documentation), ``plots`` (PNG figures), ``html`` (the
one Jinja environment), ``palette`` (colours).
"""
