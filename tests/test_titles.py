"""The title reader, tested on every title of the collection."""

from __future__ import annotations

import pytest

from xjgraph.errors import SourceError
from xjgraph.sources import dates, urls
from xjgraph.sources import drafting as curate
from xjgraph.sources.titles import TitleReader


@pytest.fixture(scope="module")
def reader(catalogue):
    return TitleReader(catalogue)


def test_every_title_that_names_sender_and_recipient_matches_the_curated_record(catalogue, reader):
    checked = 0
    for rec in catalogue["record"].values():
        if rec.get("title_supplied"):
            continue
        p = reader.read(rec.get("title"), rec.get("date"))
        assert not p.unresolved, (rec.id, p.unresolved)
        if p.senders and p.recipients:
            checked += 1
            assert p.senders == rec.list("senders"), rec.id
            assert p.recipients == rec.list("recipients"), rec.id
            assert p.via == rec.list("via"), rec.id
        if p.kind:
            assert p.kind == rec.get("kind") or rec.get("kind") in ("report", "brochure", "memorandum"), rec.id
        if p.number:
            assert p.number == rec.get("number"), rec.id
    assert checked >= 50


@pytest.mark.parametrize(
    "title,date,senders,recipients",
    [
        ("Letter to the Soviet Ambassador in Chongqing", "1942-07-07", [], ["panyushkin"]),
        ("Letter to the Soviet Ambassador in Chongqing", "1946-02-01", [], ["petrov"]),
        (
            "Report from the Head of the Delegation of the Chinese Communist Party CC to Stalin",
            "1949-07-06",
            ["liu-shaoqi"],
            ["stalin"],
        ),
        (
            "Cyper No. 105 the Canadian Ambassador to the U.S.S.R. to the Secretary of State for External Affairs, Ottawa",
            "1944-04-03",
            ["wilgress"],
            ["mackenzie-king"],
        ),
        (
            "Special Report from General-Major Yegnarov to USSR People's Commissar of Internal Affairs",
            "1937-05-01",
            ["yegnarov"],
            ["yezhov"],
        ),
        (
            "Special Report from General-Major Yegnarov to USSR People's Commissar of Internal Affairs",
            "1945-04-17",
            ["yegnarov"],
            ["beria"],
        ),
        ("Paraphrase of Telegram From Harriman to the President", "1945-06-01", ["harriman"], ["truman"]),
    ],
)
def test_offices_resolve_by_date(reader, title, date, senders, recipients):
    p = reader.read(title, date)
    assert (p.senders, p.recipients) == (senders, recipients)


@pytest.mark.parametrize(
    "alias", ["Filippov [Stalin]", "Filipov [Stalin]", "Flilippov [Stalin]", "Cde. I.V. Stalin", "I. V. Stalin"]
)
def test_aliases_of_stalin(reader, alias):
    p = reader.read(f"Cable from Kovalev to {alias}", "1949-10-12")
    assert p.recipients == ["stalin"]


def test_unknown_name_is_reported(reader):
    p = reader.read("Letter from Cde. Nobodyev to Cde. Stalin", "1940-01-01")
    assert p.unresolved == ["Cde. Nobodyev"]


def test_draft_from_title_and_archive_date(catalogue):
    rec = curate.draft(
        catalogue,
        "Ciphered Telegram No. 99 from Kovalev to Filippov [Stalin]",
        "October 30, 1949",
        url="https://wilson-center-digital-archive.dvincitest.com/document/xyz.pdf?v=1",
    )
    assert rec["kind"] == "ciphered-telegram" and rec["number"] == "99"
    assert rec["date"] == "1949-10-30" and rec["senders"] == ["kovalev"] and rec["recipients"] == ["stalin"]
    assert rec["url"] == "https://digitalarchive.wilsoncenter.org/document/xyz"
    assert "[[record]]" in curate.to_toml([rec])


def test_add_from_jsonl_skips_known_records(catalogue, tmp_path):
    known = next(iter(catalogue["record"].values()))
    path = tmp_path / "new.jsonl"
    path.write_text(
        '{{"catalogue_id": "{}", "date": "June 1934", "title": "x"}}\n'.format(known.get("catalogue_id"))
        + '{"catalogue_id": "new-1", "date": "July 1945", "title": "Telegram from Cde. Yegnarov for Cde. Beria",'
        ' "citation": "GARF, Fond 9401ss, Opis\' 2, Delo 100, ll. 354-357. Obtained by Jamil Hasanli and '
        'translated by Gary Goldberg."}\n',
        encoding="utf-8",
    )
    drafts = curate.drafts_from_jsonl(catalogue, path)
    assert len(drafts) == 1
    d = drafts[0]
    assert d["date"] == "1945-07" and d["recipients"] == ["beria"]
    assert d["holding"]["archive"] == "garf" and d["holding"]["delo"] == "100"
    assert d["obtained_by"] == ["jamil-hasanli"] and d["translated_by"] == ["gary-goldberg"]


@pytest.mark.parametrize(
    "lines,where,field,words",
    [
        (['{"catalogue_id": "c-1", "date": "Smarch 3, 1945", "title": "x"}'], "line 1 (c-1)", "date", "EDTF"),
        (['{"date": "June 1934", "title": "x"}', '{"title": "y"}'], "line 2", "date", "missing"),
        (['{"date": 1945, "title": "x"}'], "line 1", "date", "a string"),
        (['["date", "title"]'], "line 1", None, "one JSON object per line"),
        (["{not json"], "line 1", None, "one JSON object per line"),
    ],
)
def test_add_from_jsonl_names_file_line_and_field(catalogue, tmp_path, lines, where, field, words):
    path = tmp_path / "new.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        curate.drafts_from_jsonl(catalogue, path)
    err = caught.value
    assert (err.path, err.record, err.field) == (str(path), where, field)
    assert words in str(err)
    with pytest.raises(SourceError, match="a readable UTF-8 JSONL file"):
        curate.drafts_from_jsonl(catalogue, tmp_path / "absent.jsonl")


def test_archive_dates_and_urls():
    assert dates.from_archive("July, 1945") == "1945-07"
    with pytest.raises(ValueError):
        dates.from_archive("Smarch 3, 1945")
    with pytest.raises(ValueError):
        dates.parse("1945-02-30")
    assert (
        urls.canonical("https://wilson-center.drivingcreative.com/document/121823")
        == "https://digitalarchive.wilsoncenter.org/document/121823"
    )
