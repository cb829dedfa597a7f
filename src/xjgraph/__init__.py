"""xjgraph: a linked-data knowledge graph of the Soviet records on Xinjiang, 1934-1949.

>>> from xjgraph import __version__
>>> isinstance(__version__, str)
True
"""

__version__ = "0.1.0"
