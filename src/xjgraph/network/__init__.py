"""The network stage: the graph read through SPARQL into networkx networks, and their metrics.

Modules: ``graphs`` (correspondence, people and places, records and events), ``metrics`` (networkx
measures), ``views`` (the networks the maps draw, one at a time).
"""
