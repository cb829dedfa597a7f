"""The colours of the sides and kinds of node, shared by the maps, the site and the plots.

>>> SIDE_COLORS["soviet"]
'#d62728'
"""

from __future__ import annotations

SIDE_COLORS = {
    "soviet": "#d62728",
    "xinjiang-provincial": "#ff7f0e",
    "guomindang": "#1f77b4",
    "ccp": "#8c1aff",
    "etr": "#2ca02c",
    "other-powers": "#7f7f7f",
    "scholarship": "#bcbd22",
    "place": "#17becf",
    "event": "#e377c2",
    "record": "#8c564b",
    "unknown": "#c7c7c7",
}


def color(side: str) -> str:
    return SIDE_COLORS.get(side, SIDE_COLORS["unknown"])
