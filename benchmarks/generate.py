"""Generate a synthetic collection shaped like a real one, in xjgraph's own TOML source format.

The real authority files (people, organisations, places, events, offices) are copied in, so the saved
queries' default parameters (Stalin, Sheng Shicai, Urumqi, ...) name real entities, and synthetic ones
are added beside them. Power-law correspondents (a few agents send and receive most records), offices changing hands over time,
people with variant names, EDTF dates at day, month and year precision, places with coordinates and
containment, events, holdings, replies. Deterministic for a given size and seed.

    python benchmarks/generate.py --records 10000 --out /tmp/syn-10k
    xjgraph build --sources /tmp/syn-10k --out /tmp/syn-10k.ttl
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = [
    ("letter", 30),
    ("ciphered-telegram", 15),
    ("telegram", 10),
    ("cable", 10),
    ("report", 12),
    ("record-of-conversation", 6),
    ("memorandum", 4),
    ("politburo-decision", 8),
    ("minutes-excerpt", 3),
    ("proposal", 1),
    ("log", 1),
]
ARCHIVES = {"rgaspi", "avprf", "aprf", "garf", "library-of-congress", "prc-fma"}
SIDES = ["soviet", "xinjiang-provincial", "guomindang", "ccp", "etr", "other-powers"]
FIRST_YEAR, LAST_YEAR = 1920, 1959


def q(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (i + 1) ** s for i in range(n)]


def generate(records: int, out: Path, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "records").mkdir(exist_ok=True)
    for name in ("sides", "people", "organisations", "places", "events", "offices"):
        shutil.copy(ROOT / "data" / "sources" / f"{name}.toml", out / f"real-{name}.toml")
    real = {}
    for name in ("people", "organisations", "places", "events"):
        text = (ROOT / "data" / "sources" / f"{name}.toml").read_text(encoding="utf-8")
        real[name] = [line.split('"')[1] for line in text.splitlines() if line.startswith("id = ")]
    n_people = max(50, int(records**0.8 / 2))
    n_orgs = max(20, n_people // 20)
    n_places = max(30, min(2000, records // 100))
    n_events = max(20, min(1000, records // 300))
    n_offices = max(10, min(500, n_people // 40))

    # ------------------------------------------------------------ places: regions containing cities
    lines = []
    regions = max(3, n_places // 20)
    for i in range(n_places):
        lines += [
            "[[place]]",
            f'id = "place-{i}"',
            f"name = {q(f'Place {i}')}",
            f"variants = {q([f'Plaçe {i}', f'Town {i}'][: rng.randint(0, 2)])}",
            f"lat = {rng.uniform(20, 60):.4f}",
            f"long = {rng.uniform(30, 130):.4f}",
        ]
        if i >= regions:
            lines.append(f'within = "place-{rng.randrange(regions)}"')
        lines.append("")
    (out / "syn-places.toml").write_text("\n".join(lines), encoding="utf-8")

    # ------------------------------------------------------------ people and organisations
    lines = []
    for i in range(n_people):
        born = rng.randint(1860, 1930)
        lines += [
            "[[person]]",
            f'id = "person-{i}"',
            f"name = {q(f'Person {i} Surname{i % 997}')}",
            f"labels = {{ ru = {q(f'Персона {i}')} }}",
            f"variants = {q([f'P. Surname{i % 997}', f'Cover{i}', f'Persоn {i}'][: rng.randint(0, 3)])}",
            f'born = "{born}"',
            f'died = "{born + rng.randint(30, 90)}"',
            f"side = [{q(SIDES[rng.randrange(len(SIDES))])}]",
            "",
        ]
    (out / "syn-people.toml").write_text("\n".join(lines), encoding="utf-8")
    lines = []
    for i in range(n_orgs):
        lines += [
            "[[organisation]]",
            f'id = "org-{i}"',
            f"name = {q(f'Organisation {i}')}",
            f"side = [{q(SIDES[i % len(SIDES)])}]",
            f'located_in = "place-{rng.randrange(n_places)}"',
        ]
        if i >= 5:
            lines.append(f'part_of = "org-{rng.randrange(5)}"')
        lines.append("")
    lines += [
        "[[organisation]]",
        'id = "archive-a"',
        'name = "Archive A"',
        'labels = { "en-x-abbrev" = "AA" }',
        'side = ["scholarship"]',
        "archive = true",
        "",
    ]
    (out / "syn-organisations.toml").write_text("\n".join(lines), encoding="utf-8")

    # ------------------------------------------------------------ offices changing hands
    lines = []
    for i in range(n_offices):
        lines += [
            "[[office]]",
            f'id = "office-{i}"',
            f"name = {q(f'Office {i}')}",
            f"variants = {q([f'the Holder of Office {i}'])}",
            f'organisation = "org-{i % n_orgs}"',
            "",
        ]
    tenure_lines = []
    for i in range(n_offices):
        year = FIRST_YEAR - rng.randint(0, 5)
        while year <= LAST_YEAR:
            span = rng.randint(1, 8)
            start = f"{year}-{rng.randint(1, 12):02d}"
            end_year = min(year + span, LAST_YEAR + 5)
            end = f"{end_year}-{rng.randint(1, 12):02d}"
            if end <= start:
                end = f"{end_year + 1}-01"
            tenure_lines += [
                "[[tenure]]",
                f'office = "office-{i}"',
                f'holder = "person-{rng.randrange(n_people)}"',
                f'start = "{start}"',
                f'end = "{end}"',
                "",
            ]
            year = int(end[:4]) + 1
    (out / "syn-offices.toml").write_text("\n".join(lines + tenure_lines), encoding="utf-8")

    # ------------------------------------------------------------ events
    lines = []
    for i in range(n_events):
        y = rng.randint(FIRST_YEAR, LAST_YEAR)
        date = f"{y}-{rng.randint(1, 12):02d}" if rng.random() < 0.5 else f"{y}/{y + rng.randint(0, 4)}"
        lines += [
            "[[event]]",
            f'id = "event-{i}"',
            f"name = {q(f'Event {i}')}",
            f'date = "{date}"',
            f'places = ["place-{rng.randrange(n_places)}"]',
            "",
        ]
    (out / "syn-events.toml").write_text("\n".join(lines), encoding="utf-8")

    # ------------------------------------------------------------ records, one file per year
    agents = [f"person-{i}" for i in range(n_people)] + [f"org-{i}" for i in range(n_orgs)]
    rng.shuffle(agents)
    real_agents = real["people"] + [o for o in real["organisations"] if o not in ARCHIVES]
    rng.shuffle(real_agents)
    agents = real_agents[:40] + agents[: len(agents) // 2] + real_agents[40:] + agents[len(agents) // 2 :]
    all_places = real["places"] + [f"place-{i}" for i in range(n_places)]
    all_events = real["events"] + [f"event-{i}" for i in range(n_events)]
    cum = list(itertools.accumulate(zipf_weights(len(agents))))
    kinds, kind_w = zip(*KINDS)
    by_year: dict[int, list[str]] = {}
    first_day = datetime.date(FIRST_YEAR, 1, 1)
    date_range = datetime.date(LAST_YEAR, 12, 31) - first_day
    last_between: dict[tuple[str, str], str] = {}
    ids_by_year = {}
    for n in range(records):
        # dates advance with n, so that a reply is never dated before what it answers
        day_of_span = (date_range.days + 1) * n // records
        when = first_day + datetime.timedelta(days=day_of_span)
        year, month = when.year, when.month
        r = rng.random()
        if r < 0.7:
            date = when.isoformat()
        elif r < 0.9:
            date = f"{year}-{month:02d}"
        else:
            date = f"{year}"
        kind = rng.choices(kinds, kind_w)[0]
        senders = list(dict.fromkeys(rng.choices(agents, cum_weights=cum, k=rng.choice([1, 1, 1, 2]))))
        recipients = [
            a
            for a in dict.fromkeys(rng.choices(agents, cum_weights=cum, k=rng.choice([1, 1, 2, 3])))
            if a not in senders
        ] or [next(a for a in agents if a not in senders)]
        rid = f"{date}-syn-{n}"
        ids_by_year.setdefault(year, []).append(rid)
        kind_title = kind.replace("-", " ").title()
        title = f"{kind_title} No. {n} from {senders[0]} to {recipients[0]}"
        rec = [
            "[[record]]",
            f'id = "{rid}"',
            f'kind = "{kind}"',
            f"title = {q(title)}",
            f'date = "{date}"',
            f"senders = {q(senders)}",
            f"recipients = {q(recipients)}",
        ]
        if rng.random() < 0.05:
            via = rng.choice(agents)
            if via not in senders + recipients:
                rec.append(f"via = {q([via])}")
        about = {rng.choice(all_places) for _ in range(rng.randint(0, 2))}
        about |= {rng.choice(all_events) for _ in range(rng.randint(0, 1))}
        about |= {rng.choice(agents) for _ in range(rng.randint(0, 2))} - set(senders) - set(recipients)
        if about:
            rec.append(f"about = {q(sorted(about))}")
        rec.append(f"from_place = {q(rng.choice(all_places))}")
        pair = (recipients[0], senders[0])
        if pair in last_between and rng.random() < 0.3:
            rec.append(f'replies_to = ["{last_between[pair]}"]')
        last_between[(senders[0], recipients[0])] = rid
        rec.append(f'url = "https://digitalarchive.wilsoncenter.org/document/syn-{n}"')
        rec.append(f"listed = {'true' if rng.random() < 0.4 else 'false'}")
        if rng.random() < 0.25:
            f, o, d = rng.randint(1, 600), rng.randint(1, 200), rng.randint(1, 900)
            rec += [
                "[record.holding]",
                'archive = "archive-a"',
                f'reference = "f. {f}, op. {o}, d. {d}, l. 1-2"',
                f'fond = "{f}"',
                f'opis = "{o}"',
                f'delo = "{d}"',
                'folios = "1-2"',
            ]
        by_year.setdefault(year, []).append("\n".join(rec) + "\n")
    for year, items in by_year.items():
        (out / "records" / f"{year}.toml").write_text("\n".join(items), encoding="utf-8")
    return {
        "records": records,
        "people": n_people,
        "organisations": n_orgs + 1,
        "places": n_places,
        "events": n_events,
        "offices": n_offices,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(generate(args.records, Path(args.out), args.seed))


if __name__ == "__main__":
    main()
