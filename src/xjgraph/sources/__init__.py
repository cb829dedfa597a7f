"""The sources stage: curated TOML files -> checked model (:class:`~xjgraph.sources.model.Catalogue`).

Modules: ``model`` (field specifications, entities), ``loader`` (reading and checking), ``dates`` (EDTF),
``names`` (search keys), ``urls`` (archive page addresses), ``titles`` (reading archive titles),
``drafting`` (draft records for curators), ``coverage`` (what ``xjgraph stats`` reports).

>>> from xjgraph.sources import load
>>> from xjgraph.resources import package_dir
>>> len(load(package_dir() / "data" / "sources")["record"]) > 100
True
"""

from .loader import load, load_converting
from .model import Catalogue, Entity

__all__ = ["Catalogue", "Entity", "load", "load_converting"]
