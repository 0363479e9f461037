"""Where a query's words occur: snippets centred on the match, every kind of word marked."""

from __future__ import annotations

import pytest

from newsarc.matches import Matcher, make_snippet
from newsarc.query import compile_query


def marked(query: str, text: str, skip: int = 0) -> list[str]:
    matcher = Matcher(compile_query(query).terms)
    matcher.learn([text])
    return [text[a:b] for a, b in matcher.spans(text, skip)]


def test_snippet_centres_on_matches_and_marks_them() -> None:
    text = " ".join(f"w{i}" for i in range(100)) + " target " + " ".join(f"v{i}" for i in range(50))
    start = text.index("target")
    snippet, marks = make_snippet(text, [(start, start + 6)])
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet.split()) <= 32
    assert [snippet[a:b] for a, b in marks] == ["target"]


def test_snippet_of_short_text_is_whole_with_spaces_folded() -> None:
    text = "U.S.   forces, in Qa'im.\n\nNext para."
    snippet, marks = make_snippet(text, [(0, 4), (18, 23)])
    assert snippet == "U.S. forces, in Qa'im. Next para."
    assert [snippet[a:b] for a, b in marks] == ["U.S.", "Qa'im"]


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("Al-Qaim", "A strike in Al-Qaim, and al Qaim's mayor; Qaim alone.",
         ["Al-Qaim", "al Qaim's"]),
        ("9/11", "Since 9/11 and the 9 11 report, 11 years.", ["9/11", "9 11"]),
        ("Mar-a-Lago", "Talks at Mar-a-Lago ended.", ["Mar-a-Lago"]),
        ("strike", "Strikes and striking workers, an airstrike.", ["Strikes", "striking"]),
        ("Quds*", "The Quds Force of Qudsiya.", ["Quds", "Qudsiya"]),
        ("US", "US officials told us the U.S. would use it.", ["US", "U.S."]),
        ("us", "US officials told us it.", ["US", "us"]),
        ("WHO", "The WHO said who pays.\nWHO IS TO BLAME", ["WHO"]),
        ("=Sessions", "Jeff Sessions held two sessions; one session.", ["Sessions", "sessions"]),
        ('="Jeff Sessions"', "Jeff Sessions and Jeff's sessions.", ["Jeff Sessions"]),
        ("Connor", "Sinead O'Connor met Connor.", ["O'Connor", "Connor"]),
        ("O'Connor", "Sinead O'Connor met Connor.", ["O'Connor"]),
        ('"U.S. military"', "The U.S. military and the US military.",
         ["U.S. military", "US military"]),
    ],
)
def test_every_kind_of_word_is_marked(query: str, text: str, expected: list[str]) -> None:
    assert marked(query, text) == expected


def test_acronyms_in_a_dateline_are_not_marked() -> None:
    text = "WASHINGTON (AP) — US officials met in WASHINGTON."
    assert marked("WASHINGTON", text, skip=text.index("US")) == ["WASHINGTON"]
    assert marked("WASHINGTON", text)[0] == "WASHINGTON"
