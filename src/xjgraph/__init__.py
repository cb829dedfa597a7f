"""xjgraph: a linked-data knowledge graph of the Soviet records on Xinjiang, 1934-1949.

>>> from xjgraph import __version__
>>> isinstance(__version__, str)
True
"""

__version__ = "0.1.0"
__release_date__ = "2026-11-27"  # the date written into published metadata (CMIF), kept fixed per release
