"""Place mentions through the CLI (issue 17): stored at ingest, shown with offsets into the
article's text, listed by `places` (every format, GeoJSON), queried with `place:`, counted by
`timeline --place`, and kept right by rm, re-ingest, check --repair, export -> ingest,
reindex --places and the upgrade of an old archive."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rich.console import Group
from rich.text import Text

from tests.archive import connect, delete_every_second, location
from tests.conftest import Run
from tests.viewing import ingest_texts, shown, write

FIXTURES = Path(__file__).parent / "fixtures"

QAIM = "Al Qā’im"  # GeoNames' name for the town, 92138

# Each article written for these tests, with the places it names in order:
# (surface, name, country, kind, place_kind).
Expected = list[tuple[str, str, str, str, str]]
ARTICLES: dict[str, tuple[str, Expected]] = {
    "border": (
        "# Troops reach the border town\n\n"
        " date 2024-02-03 Troops reached Al Qaim on Monday after a week of fighting near the"
        " Syrian border. Iraqi officials said the town was calm.\n",
        [("Al Qaim", QAIM, "IQ", "name", "city"),
         ("Syrian", "Syria", "SY", "adjectival", "country"),
         ("Iraqi", "Iraq", "IQ", "adjectival", "country")],
    ),
    "convoy": (
        "# Aid convoy leaves the capital\n\n"
        " date 2024-02-05 A convoy left Baghdad for al-Qa'im on Tuesday.\n\n"
        "Supplies\n\n"
        "Residents of al-Qa'im had waited for weeks.\n",
        [("Baghdad", "Baghdad", "IQ", "name", "city"), ("al-Qa'im", QAIM, "IQ", "name", "city"),
         ("al-Qa'im", QAIM, "IQ", "name", "city")],
    ),
    "market": (
        "# Old market reopens\n\n"
        " date 2024-02-07 MOSUL, Feb 7 (Reuters) - Traders in Mosul reopened the old market."
        " Goods now come from Al-Kaim in the west.\n",
        [("MOSUL", "Mosul", "IQ", "name", "city"), ("Mosul", "Mosul", "IQ", "name", "city"),
         ("Al-Kaim", QAIM, "IQ", "name", "city")],
    ),
    "embassy": (
        "# Embassy row\n\n"
        " date 2024-02-08 Moscow denied any role in the explosion on Thursday.\n",
        [("Moscow", "Moscow", "RU", "metonym", "city")],
    ),
    "floods": (
        "# Floods\n\n"
        " date 2024-03-01 Heavy rain flooded streets in Houston, and Texas officials opened"
        " shelters across the state.\n",
        [("Houston", "Houston", "US", "name", "city"), ("Texas", "Texas", "US", "name", "region")],
    ),
    "flights": (
        "# Flights delayed\n\n"
        " date 2024-03-04 Flights from Houston were delayed on Friday.\n",
        [("Houston", "Houston", "US", "name", "city")],
    ),
    "parade": (
        "# Parade\n\n"
        " date 2024-03-02 Thousands marched in New York on Sunday, the New York Times reported.\n",
        [("New York", "New York", "US", "name", "region")],  # the newspaper is no mention
    ),
    "prize": (
        "# Paper wins prize\n\n"
        " date 2024-03-02 The New York Times won an award for its reporting on schools, the jury"
        " said.\n",
        [],
    ),
    "results": (
        "# Results\n\n"
        " date 2024-03-03 The company reported higher sales and said it would hire more staff"
        " next year.\n",
        [],
    ),
}

# `newsarc places` on the articles above (tsv): most articles first, then most mentions, name.
PLACES_TSV = [
    [QAIM, "IQ", "city", "3", "4", "92138", "34.3925", "40.9894"],
    ["Houston", "US", "city", "2", "2", "4699066", "29.7633", "-95.3633"],
    ["Mosul", "IQ", "city", "1", "2", "99072", "36.3350", "43.1189"],
    ["Baghdad", "IQ", "city", "1", "1", "98182", "33.3406", "44.4009"],
    ["Iraq", "IQ", "country", "1", "1", "99237", "33.3406", "44.4009"],
    ["Moscow", "RU", "city", "1", "1", "524901", "55.7520", "37.6178"],
    ["New York", "US", "region", "1", "1", "5128638", "40.7143", "-74.0060"],
    ["Syria", "SY", "country", "1", "1", "163843", "33.5102", "36.2913"],
    ["Texas", "US", "region", "1", "1", "4736286", "29.7633", "-95.3633"],
]


@pytest.fixture
def placed(tmp_path: Path, run: Run) -> Path:
    return ingest_texts(run, tmp_path / "placed", {n: t for n, (t, _) in ARTICLES.items()})


def places_of(run: Run, id: str) -> list[dict[str, object]]:
    return shown(run, id, "places")


def summary(places: list[dict[str, object]]) -> Expected:
    return [(str(p["surface"]), str(p["name"]), str(p["country"]), str(p["kind"]),
             str(p["place_kind"])) for p in places]


def all_mentions(db: Path) -> list[tuple[object, ...]]:
    conn = connect(db)
    try:
        return conn.execute(
            'SELECT a.id, m.position, m.start, m."end", m.surface, m.kind, p.key, p.name,'
            " p.country, p.kind FROM place_mentions m JOIN articles a ON a.rowid = m.article"
            " JOIN places p ON p.id = m.place ORDER BY a.id, m.position, m.start").fetchall()
    finally:
        conn.close()


def ids(run: Run, query: str) -> tuple[list[str], int]:
    result = run("search", query, "--format", "ids", "--limit", "0")
    assert "Traceback" not in result.stderr
    return sorted(result.stdout.split()), result.exit_code


def tsv(stdout: str) -> list[list[str]]:
    return [line.split("\t") for line in stdout.splitlines()]


# --- show and export ------------------------------------------------------------------------


@pytest.mark.parametrize("id", list(ARTICLES))
def test_show_json_places_are_offsets_into_show_text(run: Run, placed: Path, id: str) -> None:
    text = run("show", id, "--format", "text").stdout
    places = places_of(run, id)
    for p in places:
        assert text[int(str(p["start"])):int(str(p["end"]))] == p["surface"]
        assert set(p) == {"start", "end", "surface", "name", "country", "geonameid", "kind",
                          "place_kind", "lat", "lon"}
    assert summary(places) == ARTICLES[id][1]


def test_the_seed_file_is_what_show_text_prints(run: Run, placed: Path) -> None:
    """For a seed file in canonical form, the offsets (past a heading, in a later section)
    are offsets into the file itself."""
    source = ARTICLES["convoy"][0]
    assert run("show", "convoy", "--format", "text").stdout == source
    places = places_of(run, "convoy")
    assert [(p["start"], p["end"]) for p in places] == [
        (source.index("Baghdad"), source.index("Baghdad") + 7),
        (source.index("al-Qa'im"), source.index("al-Qa'im") + 8),
        (source.rindex("al-Qa'im"), source.rindex("al-Qa'im") + 8)]


def test_every_spelling_is_one_place_with_its_geonames_id_and_point(run: Run, placed: Path
                                                                    ) -> None:
    qaims = [p for id in ("border", "convoy", "market") for p in places_of(run, id)
             if p["name"] == QAIM]
    assert sorted({str(p["surface"]) for p in qaims}) == ["Al Qaim", "Al-Kaim", "al-Qa'im"]
    assert {(p["geonameid"], p["country"], p["lat"], p["lon"]) for p in qaims} == {
        (92138, "IQ", 34.39251, 40.98945)}
    (iraqi,) = [p for p in places_of(run, "border") if p["surface"] == "Iraqi"]
    assert (iraqi["geonameid"], iraqi["place_kind"]) == (99237, "country")
    texas = places_of(run, "floods")[1]
    assert (texas["geonameid"], texas["place_kind"]) == (4736286, "region")
    assert (texas["lat"], texas["lon"]) == (29.76328, -95.36327)  # its largest city's point


def test_show_rich_underlines_the_places(run: Run, placed: Path, isolated_archive: Path
                                         ) -> None:
    """The rich view styles each place mention (across sections) `underline green`; the
    dates keep their own style."""
    from newsarc import render
    from newsarc.store import open_archive

    with open_archive(location()) as store:
        article = store.article("convoy")
        view = render.article_view([article], {"convoy": store.mentions_of("convoy")},
                                   places={"convoy": store.places_of("convoy")})
    assert isinstance(view, Group)
    styled = [(item.plain[s.start:s.end], str(s.style)) for item in view.renderables
              if isinstance(item, Text) for s in item.spans]
    assert [w for w, style in styled if style == render.PLACE_STYLE] == [
        "Baghdad", "al-Qa'im", "al-Qa'im"]
    assert ("Tuesday", render.DATE_STYLE) in styled


def test_export_carries_the_places(run: Run, placed: Path) -> None:
    exported = run("export")
    assert exported.exit_code == 0, exported.stderr
    records = {r["id"]: r for r in map(json.loads, exported.stdout.splitlines())}
    assert {id: summary(r["places"]) for id, r in records.items()} == {
        id: expected for id, (_, expected) in ARTICLES.items()}
    for id, record in records.items():
        assert record["places"] == places_of(run, id)


# --- newsarc places -------------------------------------------------------------------------


def test_places_lists_most_articles_first(run: Run, placed: Path) -> None:
    result = run("places")
    assert result.exit_code == 0, result.stderr
    assert tsv(result.stdout) == PLACES_TSV  # tsv by default, no header
    limited = run("places", "--limit", "2")
    assert tsv(limited.stdout) == PLACES_TSV[:2]


def test_places_csv_json_jsonl_and_rich(run: Run, placed: Path) -> None:
    csv = run("places", "--format", "csv", "--limit", "1")
    assert csv.exit_code == 0, csv.stderr
    assert csv.stdout.splitlines() == ["name,country,kind,articles,mentions,geonameid,lat,lon",
                                       f"{QAIM},IQ,city,3,4,92138,34.39251,40.98945"]
    rows = json.loads(run("places", "--format", "json").stdout)
    assert [r["name"] for r in rows] == [row[0] for row in PLACES_TSV]
    assert rows[1] == {"name": "Houston", "country": "US", "kind": "city", "articles": 2,
                       "mentions": 2, "geonameid": 4699066, "lat": 29.76328, "lon": -95.36327}
    lines = run("places", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    rich = run("places", "--format", "rich", "--limit", "3")
    assert rich.exit_code == 0
    assert "Houston" in rich.stdout and "Baghdad" not in rich.stdout


def test_places_geojson_is_a_map_of_points(run: Run, placed: Path) -> None:
    result = run("places", "--format", "geojson")
    assert result.exit_code == 0, result.stderr
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["properties"]["name"] for f in features] == [row[0] for row in PLACES_TSV]
    assert features[0] == {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [40.98945, 34.39251]},  # [lon, lat]
        "properties": {"name": QAIM, "country": "IQ", "kind": "city", "geonameid": 92138,
                       "articles": 3, "mentions": 4}}


def test_places_of_a_query_a_country_and_a_kind(run: Run, placed: Path) -> None:
    cities = run("places", "--country", "IQ", "--kind", "city")
    assert [row[0] for row in tsv(cities.stdout)] == [QAIM, "Mosul", "Baghdad"]
    lower = run("places", "--country", "us", "--kind", "region")
    assert [row[0] for row in tsv(lower.stdout)] == ["New York", "Texas"]
    convoy = run("places", "convoy")
    assert [row[:5] for row in tsv(convoy.stdout)] == [
        [QAIM, "IQ", "city", "1", "2"], ["Baghdad", "IQ", "city", "1", "1"]]
    one_query = run("places", "place:=Texas")
    assert [row[0] for row in tsv(one_query.stdout)] == ["Houston", "Texas"]


def test_places_exit_codes(run: Run, placed: Path) -> None:
    none = run("places", "--country", "FR")
    assert none.exit_code == 1 and none.stdout == ""
    assert none.stderr == "newsarc: no places named\n"
    unplaced = run("places", "company")  # the only match names no place
    assert unplaced.exit_code == 1
    assert unplaced.stderr == "newsarc: no places named in the matching articles\n"
    assert run("places", "nothingmatchesthis").exit_code == 1
    bad = run("places", "--country", "XYZ")
    assert bad.exit_code == 2 and "--country" in bad.stderr and "Traceback" not in bad.stderr
    assert run("places", "--kind", "town").exit_code == 2


def test_places_on_an_empty_archive_exits_1(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    folder.mkdir()
    write(folder, "results", ARTICLES["results"][0])
    assert run("ingest", str(folder), "--quiet").exit_code == 0
    result = run("places")
    assert result.exit_code == 1 and result.stdout == ""


# --- place: in the query language -----------------------------------------------------------


@pytest.mark.parametrize(("query", "expected"), [
    ("place:Mosul", ["market"]),
    ('place:"Al Qaim"', ["border", "convoy", "market"]),
    ("place:al-Qa'im", ["border", "convoy", "market"]),
    ("place:Kaim", ["border", "convoy", "market"]),
    (f'place:"{QAIM}"', ["border", "convoy", "market"]),
    ("place:92138", ["border", "convoy", "market"]),  # a GeoNames id
    ("place:Iraqi", ["border", "convoy", "market"]),  # a demonym: Iraq and within it
    ("place:Iraq", ["border", "convoy", "market"]),  # its cities count
    ("place:=Iraq", ["border"]),  # the country itself (`Iraqi`) only
    ("place:Syria", ["border"]),
    ("place:Moscow", ["embassy"]),  # a metonym is a mention
    ("place:Texas", ["flights", "floods"]),  # a US state's cities count
    ("place:=Texas", ["floods"]),
    ("place:Houston", ["flights", "floods"]),
    ('place:"New York"', ["parade"]),  # the New York Times is no mention of it
    ('place:="New York"', ["parade"]),
    ("place:Nowhereville", []),
    ("place:Paris", []),  # a place no article names
    ("convoy place:Kaim", ["convoy"]),
    ("place:Qaim -place:Mosul", ["border", "convoy"]),
    ("place:Houston OR place:Moscow", ["embassy", "flights", "floods"]),
    ("-place:Iraq", ["embassy", "flights", "floods", "parade", "prize", "results"]),
    ("Times -place:Iraq", ["parade", "prize"]),
])
def test_place_in_the_query_language(run: Run, placed: Path, query: str,
                                     expected: list[str]) -> None:
    assert ids(run, query) == (expected, 0 if expected else 1)


def test_a_country_matches_its_cities_when_no_article_names_it(run: Run, placed: Path) -> None:
    assert ids(run, "place:Russia") == (["embassy"], 0)  # Moscow denied ...
    assert run("rm", "border", "floods").exit_code == 0  # the only `Iraqi`, the only `Texas`
    assert ids(run, "place:Iraq") == (["convoy", "market"], 0)
    assert ids(run, "place:Texas") == (["flights"], 0)


def test_explain_names_the_place(run: Run, placed: Path) -> None:
    result = run("search", "place:Qaim", "--explain")
    assert result.exit_code == 0, result.stderr
    assert f"place Qaim: {QAIM} (IQ, city, GeoNames 92138)" in result.stdout.splitlines()
    strict = run("search", "place:=Iraq", "--explain").stdout
    assert "place Iraq: Iraq (IQ, country, GeoNames 99237)" in strict.splitlines()
    assert "the text names this place itself" in strict
    broad = run("search", "place:Iraq", "--explain").stdout
    assert "place Iraq: Iraq (IQ, country, GeoNames 99237); and 3 places within" in broad
    unknown = run("search", "place:Nowhereville", "--explain").stdout
    assert "place Nowhereville: no place this archive's articles name" in unknown


# --- timeline --place -----------------------------------------------------------------------


def timeline_rows(run: Run, *args: str) -> tuple[list[tuple[str, int, list[str]]], int]:
    result = run("timeline", *args, "--by", "month", "--format", "json")
    assert "Traceback" not in result.stderr
    rows = json.loads(result.stdout) if result.stdout.strip() else []
    return [(r["period"], r["count"], sorted(r["ids"])) for r in rows], result.exit_code


def test_timeline_counts_only_the_articles_naming_the_place(run: Run, placed: Path) -> None:
    everything, _ = timeline_rows(run)
    assert [(period, count) for period, count, _ in everything] == [("2024-02", 4),
                                                                     ("2024-03", 5)]
    assert timeline_rows(run, "--place", "Iraq") == (
        [("2024-02", 3, ["border", "convoy", "market"])], 0)
    assert timeline_rows(run, "--place", "Iraq", "--strict") == ([("2024-02", 1, ["border"])], 0)
    assert timeline_rows(run, "--place", "Texas") == ([("2024-03", 2, ["flights", "floods"])], 0)
    assert timeline_rows(run, "--place", "Texas", "--strict") == (
        [("2024-03", 1, ["floods"])], 0)
    assert timeline_rows(run, "--place", "al-Qa'im") == (
        [("2024-02", 3, ["border", "convoy", "market"])], 0)
    # the place narrows the whole query, an OR included
    assert timeline_rows(run, "Troops OR Traders", "--place", "Mosul") == (
        [("2024-02", 1, ["market"])], 0)


def test_timeline_place_exit_codes(run: Run, placed: Path) -> None:
    strict = run("timeline", "--by", "month", "--strict")
    assert strict.exit_code == 2 and "--strict" in strict.stderr
    nowhere = run("timeline", "--by", "month", "--place", "Nowhereville")
    assert nowhere.exit_code == 1 and nowhere.stdout == ""
    assert run("timeline", "company", "--by", "month", "--place", "Iraq").exit_code == 1


# --- keeping them right ---------------------------------------------------------------------


def test_reindex_places_restores_exactly(run: Run, placed: Path, isolated_archive: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = all_mentions(isolated_archive)
    assert len(before) == sum(len(expected) for _, expected in ARTICLES.values())
    conn = connect(isolated_archive)
    conn.execute("DELETE FROM place_mentions")
    conn.execute("UPDATE newsarc_meta SET value = '0' WHERE key = 'places_version'")
    conn.commit()
    conn.close()
    from newsarc.extract import places

    monkeypatch.setattr(places, "VERSION", 99)
    stale = run("places")  # an upgraded newsarc says what to run
    assert stale.exit_code == 1
    assert "found by extractor version 0 (this newsarc has 99): run `newsarc reindex --places`" \
        in stale.stderr
    result = run("reindex", "--places")
    assert result.exit_code == 0, result.stderr
    assert ("newsarc: found the place mentions of 9 articles again with extractor version 99"
            " (they were found by version 0)\n") in result.stderr
    assert "date mentions" not in result.stderr
    assert all_mentions(isolated_archive) == before
    conn = connect(isolated_archive)
    assert conn.execute("SELECT value FROM newsarc_meta WHERE key = 'places_version'"
                        ).fetchone() == ("99",)
    conn.close()
    fresh = run("places")
    assert fresh.exit_code == 0 and "reindex" not in fresh.stderr
    assert tsv(fresh.stdout) == PLACES_TSV


def test_check_names_damaged_place_mentions_and_repair_rebuilds_them(
        run: Run, placed: Path, isolated_archive: Path) -> None:
    before = all_mentions(isolated_archive)
    assert run("check").exit_code == 0
    conn = connect(isolated_archive)
    conn.execute("INSERT INTO place_mentions (article, position, start, \"end\", surface, place,"
                 " kind) VALUES (9999, 0, 0, 5, 'Mosul', (SELECT min(id) FROM places), 'name')")
    conn.execute("INSERT INTO place_mentions (article, position, start, \"end\", surface, place,"
                 " kind) SELECT rowid, 0, 0, 3, 'The', 7777, 'name' FROM articles"
                 " WHERE id = 'results'")
    conn.execute(delete_every_second("place_mentions", "article <> 9999 AND place <> 7777"))
    conn.commit()
    conn.close()
    damaged = run("check")
    assert damaged.exit_code == 1
    assert "place mentions of a missing article 9999" in damaged.stdout.splitlines()
    assert "place mentions name a missing place 7777" in damaged.stdout.splitlines()
    repaired = run("check", "--repair")
    assert repaired.exit_code == 0, repaired.stdout + repaired.stderr
    assert "newsarc: found the place mentions of 9 articles again\n" in repaired.stderr
    assert "still:" not in repaired.stdout
    assert all_mentions(isolated_archive) == before
    assert run("check").exit_code == 0
    assert tsv(run("places").stdout) == PLACES_TSV


def test_rm_deletes_an_articles_mentions(run: Run, placed: Path, isolated_archive: Path
                                         ) -> None:
    assert run("rm", "embassy", "market").exit_code == 0
    assert {row[0] for row in all_mentions(isolated_archive)} == {
        "border", "convoy", "floods", "flights", "parade"}
    conn = connect(isolated_archive)
    orphans = conn.execute("SELECT count(*) FROM place_mentions m WHERE NOT EXISTS"
                           " (SELECT 1 FROM articles a WHERE a.rowid = m.article)").fetchone()
    conn.close()
    assert orphans == (0,)
    listed = [row[0] for row in tsv(run("places").stdout)]
    assert "Moscow" not in listed and "Mosul" not in listed
    assert tsv(run("places").stdout)[0][:5] == [QAIM, "IQ", "city", "2", "3"]
    assert ids(run, "place:Moscow") == ([], 1)
    assert run("check").exit_code == 0


def test_reingesting_a_changed_file_replaces_its_mentions(
        run: Run, placed: Path, isolated_archive: Path) -> None:
    before = all_mentions(isolated_archive)
    text = ARTICLES["market"][0]
    write(placed, "market", text.replace("Al-Kaim in the west", "Basra in the south"))
    assert run("ingest", str(placed), "--quiet").exit_code == 0
    assert [p["surface"] for p in places_of(run, "market")] == ["MOSUL", "Mosul", "Basra"]
    assert ids(run, "place:Kaim") == (["border", "convoy"], 0)
    assert ids(run, "place:Basra") == (["market"], 0)
    write(placed, "market", text)
    assert run("ingest", str(placed), "--quiet").exit_code == 0
    assert sorted(all_mentions(isolated_archive)) == sorted(before)
    assert ids(run, "place:Basra") == ([], 1)


def test_a_fresh_archive_ingesting_the_export_finds_the_same_places(
        run: Run, placed: Path, tmp_path: Path) -> None:
    exported = run("export")
    backup = tmp_path / "backup.jsonl"
    backup.write_text(exported.stdout, encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "ingest", str(backup), "--quiet").exit_code == 0
    assert run("--db", str(fresh), "export").stdout == exported.stdout
    assert tsv(run("--db", str(fresh), "places").stdout) == PLACES_TSV


@pytest.mark.parametrize("fixture", ["archive-m001.db", "archive-m003.db"])
def test_an_old_archive_gains_its_places_on_upgrade(run: Run, tmp_path: Path, fixture: str
                                                    ) -> None:
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / fixture, old)
    assert run("--db", str(old), "stats").exit_code == 0  # upgraded
    stored = all_mentions(old)
    from newsarc.extract.places import VERSION, article_places
    from newsarc.store import open_archive

    with open_archive(old) as store:
        expected = sorted(
            (a.id, m.position, m.start, m.end, m.surface, m.kind, m.place.key, m.place.name,
             m.place.country, m.place.kind)
            for a in store.iter_articles() for m in article_places(a.sections))
        assert store.places_version() == VERSION
    assert expected  # the fixture's articles name places
    assert sorted(stored) == expected
    listed = run("--db", str(old), "places")
    assert listed.exit_code == 0 and "reindex" not in listed.stderr
    assert run("--db", str(old), "check").exit_code == 0
