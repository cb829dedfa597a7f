"""Static plots of the graph, made without Jupyter (matplotlib, Agg backend), read through SPARQL.

``timeline``: records per month, stacked by the sender's side, with the main events marked.
``correspondents``: the agents with most records, sent and received.
``brokers``: the agents that most connect correspondents of different sides.

Figures are built with matplotlib's object API (no pyplot state), so they work the same in scripts,
tests and notebooks: ``png(fig)`` gives the bytes, ``save(fig, path)`` writes them.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from pathlib import Path

from matplotlib.figure import Figure

from ..files import write_atomic
from ..network import graphs, metrics
from ..rdf.namespaces import sparql
from .palette import color

RECORD_MONTHS = sparql(
    """
SELECT ?record ?e ?precision (MIN(?side_id) AS ?side) WHERE {
  ?record a rico:Record ; xj:earliestDate ?e ; xj:datePrecision ?precision .
  OPTIONAL { ?record schema:sender/xj:side ?side_id }
}
GROUP BY ?record ?e ?precision
ORDER BY ?e ?record
"""
)

MAIN_EVENTS = sparql(
    """
SELECT ?event ?name ?e ?l (COUNT(DISTINCT ?record) AS ?records) WHERE {
  ?event a schema:Event ; skos:prefLabel ?name ; xj:earliestDate ?e ; xj:latestDate ?l .
  FILTER(LANG(?name) = "en")
  ?record schema:about ?event .
}
GROUP BY ?event ?name ?e ?l
ORDER BY ?e
"""
)


def monthly_counts(target) -> tuple[dict[str, Counter], int]:
    """Records per month (``YYYY-MM``) by sender side id; and how many records are dated only to a year."""
    counts: dict[str, Counter] = defaultdict(Counter)
    year_only = 0
    for r in target.select(RECORD_MONTHS).dicts():
        if r["precision"] == "year":
            year_only += 1
            continue
        side = r["side"].rsplit("/", 1)[-1] if r["side"] else "unknown"
        counts[side][r["e"][:7]] += 1
    return counts, year_only


def main_events(target, minimum_records: int = 3, longest_months: int = 30) -> list[dict]:
    """Events that at least ``minimum_records`` records concern and that last at most ``longest_months``."""
    out = []
    for r in target.select(MAIN_EVENTS).dicts():
        months = (_month_index(r["l"][:7]) - _month_index(r["e"][:7])) * 12
        if int(r["records"]) >= minimum_records and months <= longest_months:
            out.append(r)
    return out


def _month_index(month: str) -> float:
    return int(month[:4]) + (int(month[5:7]) - 1) / 12


def timeline(target):
    counts, year_only = monthly_counts(target)
    fig = Figure(figsize=(13, 6.5), dpi=110)
    ax = fig.subplots()
    months = sorted({m for c in counts.values() for m in c})
    bottom = Counter()
    for side in sorted(counts, key=lambda s: -sum(counts[s].values())):
        xs = [_month_index(m) for m in months]
        ys = [counts[side][m] for m in months]
        label = "no sender" if side == "unknown" else side.replace("-", " ")
        ax.bar(
            xs,
            ys,
            width=1 / 12,
            bottom=[bottom[m] for m in months],
            color=color(side),
            label=label,
            align="edge",
        )
        for m in months:
            bottom[m] += counts[side][m]
    top = max(bottom.values(), default=1)
    last_label = -1.0
    for ev in main_events(target):
        start, end = _month_index(ev["e"][:7]), _month_index(ev["l"][:7]) + 1 / 12
        ax.axvspan(start, end, color="#000", alpha=0.07, lw=0)
        ax.axvline(start, color="#555", lw=0.6, ls=":")
        x = max(start + 0.02, last_label + 0.17)  # keep rotated labels of close events apart
        last_label = x
        ax.text(x, top * 1.04, ev["name"], fontsize=7, rotation=90, va="bottom", ha="left")
    ax.set_xlim(1934, 1950.6)
    ax.set_ylim(0, top * 2.3)
    ax.set_xlabel("month (records dated to a day or a month)")
    ax.set_ylabel("records")
    ax.set_title(f"Records per month by the sender's side ({year_only} records dated only to a year are not shown)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=8, ncols=7, frameon=False)
    fig.tight_layout()
    return fig


def _ranked(target, key: str, n: int = 15) -> list[dict]:
    g = graphs.correspondence(target)
    rows = sorted(metrics.compute(g).values(), key=lambda r: (-r[key], r["label"]))
    return rows[:n]


def correspondents(target):
    rows = _ranked(target, "records")[::-1]
    fig = Figure(figsize=(9, 6), dpi=110)
    ax = fig.subplots()
    labels = [r["label"] for r in rows]
    ax.barh(labels, [r["out_weight"] for r in rows], color="#4477aa", label="sent (links weighted by records)")
    ax.barh(
        labels, [r["in_weight"] for r in rows], left=[r["out_weight"] for r in rows], color="#ee6677", label="received"
    )
    ax.set_title("Top correspondents")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def brokers(target):
    rows = [r for r in _ranked(target, "brokerage") if r["brokerage"] > 0][::-1]
    fig = Figure(figsize=(9, 5), dpi=110)
    ax = fig.subplots()
    ax.barh(
        [r["label"] for r in rows],
        [r["brokerage"] for r in rows],
        color=[color(r["side"]) for r in rows],
    )
    ax.set_xlabel("pairs of correspondents of different sides that the agent links (a -> agent -> b)")
    ax.set_title("Brokers between sides")
    fig.tight_layout()
    return fig


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def save(fig: Figure, out: str | Path) -> Path:
    """Write the figure as PNG, through a temporary file and a rename."""
    write_atomic(Path(out), png(fig))
    return Path(out)


def plot(name: str, target, out: str | Path) -> Path:
    return save({"timeline": timeline, "correspondents": correspondents, "brokers": brokers}[name](target), out)
