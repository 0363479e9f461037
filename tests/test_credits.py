"""newsarc.extract.credits: wire datelines and credit lines, on the annotated cases and alone."""

from __future__ import annotations

import pytest

from newsarc.articles import opening_paragraph, parse
from newsarc.extract.credits import Dateline, find_dateline, is_credit_line
from tests.news_parse_cases import CASES, Case


def dateline_of(case: Case) -> Dateline | None:
    return find_dateline(opening_paragraph(parse(case.text, id=case.name).article.sections) or "")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_annotated_datelines(case: Case) -> None:
    if "place" in case.known_miss:
        pytest.xfail(case.known_miss)
    found = dateline_of(case)
    assert (found and found.place, found and found.credit) == (case.place, case.credit)


@pytest.mark.parametrize(
    ("text", "place", "credit", "rest"),
    [
        ("MOSCOW, March 17. /TASS/. Russia's minister said.", "MOSCOW", "TASS", "Russia's"),
        ("MOSCOW, March 17 /ITAR-TASS/ - Talks", "MOSCOW", "ITAR-TASS", "Talks"),
        ("WASHINGTON (AP) — The Senate", "WASHINGTON", "AP", "The Senate"),
        ("WASHINGTON (Associated Press) — The", "WASHINGTON", "AP", "The"),
        ("LONDON, Feb. 3, 2024 (Reuters) - Sterling", "LONDON", "Reuters", "Sterling"),
        ("LONDON, 3 February (REUTERS) - Sterling", "LONDON", "Reuters", "Sterling"),
        ("(Reuters) - Oil rose", None, "Reuters", "Oil rose"),
        ("(CNN)A ferry", None, "CNN", "A ferry"),
        ("BERLIN (DPA) - The", "BERLIN", "DPA", "The"),
        ("KUWAIT CITY (KUNA) -- The", "KUWAIT CITY", "KUNA", "The"),
        ("KYIV, Ukraine (Kyiv Independent) — Sirens", "KYIV", "Kyiv Independent", "Sirens"),
        ("WASHINGTON, D.C. (CNN) - A", "WASHINGTON", "CNN", "A"),
        ("Rio de Janeiro (AFP) - A", "Rio de Janeiro", "AFP", "A"),
        ("Moscow, February 7. Russia", "Moscow", None, "Russia"),
        ("GAZA —Aid", "GAZA", None, "Aid"),
        ("NEW YORK, March 2 -", "NEW YORK", None, ""),
        ("  GENEVA (Reuters) - Talks", "GENEVA", "Reuters", "Talks"),
    ],
)
def test_dateline_forms(text: str, place: str | None, credit: str | None, rest: str) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.credit) == (place, credit)
    assert text[found.end:].startswith(rest) and text[found.start:].startswith(place or "(")


@pytest.mark.parametrize(
    "text",
    [
        "US officials said on Friday.",
        "NATO leaders - and their allies - met in Washington.",
        "The IRGC (Iran's guard) said it seized a ship.",
        "Washington - a city of monuments - braced for heat.",
        "Washington - The city braced for heat.",  # title case and a dash alone: too weak
        "EU - The bloc agreed.",  # too short for a place on its own
        "IRGC — The guard said.",  # no vowel after the first letter: an acronym
        "BREAKING — The bank raised rates.",
        "EXCLUSIVE - Talks collapse",
        "(Groupe Videotron Ltd) said it agreed to buy a stake.",
        "(Updated) The bank raised rates.",
        "Apple Inc (AAPL.O) - The company said.",
        "LONDON, March 3 said the mayor.",
        "In PARIS (AFP) - x",
        "U.S. (left) and allies.",
        "The airstrike (AP) - A",
        "GAZA — and then",
        "",
        "   ",
        "2024 - a year of elections.",
    ],
)
def test_not_a_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_only_the_head_is_read() -> None:
    assert find_dateline("x" * 300 + " GENEVA (Reuters) - Talks") is None
    assert find_dateline("GENEVA (Reuters) - " + "Word " * 10_000) == Dateline(
        "GENEVA", "Reuters", 0, 19)


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Reporting by Ada Obi; Editing by Tom Reed", True),
        ("Additional reporting by Sam Lee in Lagos", True),
        ("(Reporting by Jo Park)", True),
        ("-- Reuters", True),
        ("— AP", True),
        ("mp/jh (DPA/SID)", True),
        ("Photo: Alpine Research Institute", True),
        ("Image copyright Getty Images", True),
        ("© 2024 Festival Press", True),
        ("By Maria Lopez", True),
        ("By JOHN SMITH, Associated Press", True),
        ("By Jane Doe and John Roe", True),
        ("Protesters in Cairo (AP/Reuters)", True),
        ("By The Numbers", False),
        ("Broader Context", False),
        ("The Islamic Revolutionary Guard Corps (IRGC)", False),
        ("Credit Where Due", False),
        ("Editing the Genome", False),
    ],
)
def test_credit_lines(line: str, credit: bool) -> None:
    assert is_credit_line(line) is credit
