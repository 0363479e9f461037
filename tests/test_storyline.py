"""A story's key dates through the CLI (issue 16): `newsarc timeline QUERY --story`.

The story is written for these tests: a dam that cracked on Monday 1 March 2021 (two papers
print the same wire sentence), a town evacuated on 9 March, the reservoir drained on 19 March,
repairs begun on 12 April; later articles look back to those days."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsarc.storyline import split_sentences
from tests.archive import location
from tests.conftest import Run
from tests.viewing import modules_loaded_by

WIRE = "Engineers found cracks in the Lakeview dam on Monday, the water authority said."

ARTICLES = {
    "cracks-herald": "# Cracks in the Lakeview dam\n\n date 2021-03-02 " + WIRE
    + " Inspectors closed the road across the crest. The authority's chief, Ann Ruiz, said the"
    " structure was safe for now.\n",
    "cracks-courier": "# Dam inspected after cracks found\n\n date 2021-03-02 " + WIRE
    + " Farmers downstream asked for sandbags. The council met in the evening to plan for the"
    " worst.\n",
    "evacuation": "# Lakeview evacuated\n\n date 2021-03-10 The town of Lakeview was evacuated"
    " on March 9 after the cracks in the Lakeview dam widened. About 4,000 people left their"
    " homes in buses sent by the state.\n",
    "shelters": "# Life in the shelters\n\n date 2021-03-12 Families have slept in school halls"
    " since the evacuation of Lakeview on March 9, 2021. U.S. engineers who inspected the"
    " Lakeview dam on March 1, 2021 were called back.\n",
    "drained": "# Reservoir drained\n\n date 2021-03-20 The Lakeview dam reservoir was drained"
    " on March 19, a day ahead of plan, engineers said. Residents of Lakeview returned on"
    " March 19 to collect belongings.\n",
    "look-back": "# How the Lakeview dam crisis unfolded\n\n date 2021-03-25 Cracks were"
    " found in the Lakeview dam on March 1, 2021. Lakeview was evacuated on March 9, 2021. The"
    " reservoir was emptied on March 19, 2021. Repairs to the Lakeview dam will begin on"
    " April 12, 2021.\n",
    "repairs": "# Repairs begin\n\n date 2021-04-13 Repairs to the Lakeview dam began on April"
    " 12, with cranes lifting the first concrete blocks into place.\n",
    "other": "# Lakeview fair cancelled\n\n date 2021-04-20 Organisers cancelled the Lakeview"
    " summer fair, citing the cost of the dam repairs.\n",
    "undated": "# A note on dams\n\n date unknown Dams like the one at Kestrel hold back"
    " water.\n",
}


@pytest.fixture
def story(tmp_path: Path, run: Run) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text)
    result = run("ingest", str(folder), "--quiet")
    assert result.exit_code == 0, result.stderr
    return folder


def rows(run: Run, *args: str) -> list[dict[str, object]]:
    result = run("timeline", "Lakeview", "--story", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def test_the_key_dates_oldest_first(story: Path, run: Run) -> None:
    found = rows(run, "--dates", "3")
    assert [r["date"] for r in found] == ["2021-03-01", "2021-03-09", "2021-03-19"]
    assert set(found[0]) == {"date", "sentences", "ids", "score"}
    assert all(isinstance(r["score"], float) and r["score"] > 0 for r in found)


def test_n_dates_respected(story: Path, run: Run) -> None:
    assert len(rows(run, "--dates", "1")) == 1
    four = [r["date"] for r in rows(run, "--dates", "4")]
    assert four == sorted(four) and len(four) == 4 and "2021-04-12" in four
    assert len(rows(run)) <= 10  # the default, and the story has fewer days with evidence


def test_sentences_mention_the_date(story: Path, run: Run) -> None:
    found = {str(r["date"]): r for r in rows(run, "--dates", "4", "--sentences", "3")}
    evacuated = found["2021-03-09"]["sentences"]
    assert isinstance(evacuated, list) and evacuated
    assert all("March 9" in s for s in evacuated)
    assert all("April 12" in s for s in found["2021-04-12"]["sentences"])  # type: ignore[union-attr]
    assert set(found["2021-03-09"]["ids"]) <= {"evacuation", "shelters", "look-back"}  # type: ignore[arg-type]
    # what happened comes before what was planned: "began on April 12" before "will begin"
    assert found["2021-04-12"]["sentences"][0].startswith("Repairs to the Lakeview dam began")  # type: ignore[index]


def test_sentences_per_date_respected(story: Path, run: Run) -> None:
    assert all(len(r["sentences"]) == 1 for r in rows(run, "--sentences", "1"))  # type: ignore[arg-type]
    assert all(r["sentences"] == [] for r in rows(run, "--sentences", "0"))


def test_a_wire_sentence_is_given_once_with_both_ids(story: Path, run: Run) -> None:
    first = rows(run, "--dates", "3", "--sentences", "5")[0]
    sentences = first["sentences"]
    assert isinstance(sentences, list)
    assert sentences.count(WIRE) == 1
    assert {"cracks-herald", "cracks-courier"} <= set(first["ids"])  # type: ignore[arg-type]


def test_a_sentence_is_not_cut_at_an_acronym(story: Path, run: Run) -> None:
    first = rows(run, "--dates", "3", "--sentences", "5")[0]
    assert ("U.S. engineers who inspected the Lakeview dam on March 1, 2021 were called back."
            in first["sentences"])  # type: ignore[operator]


def test_since_until_bound_the_articles_and_the_days(story: Path, run: Run) -> None:
    found = rows(run, "--since", "2021-03-05", "--until", "2021-03-31")
    assert found and all("2021-03-05" <= str(r["date"]) <= "2021-03-31" for r in found)
    ids = {id for r in found for id in r["ids"]}  # type: ignore[attr-defined]
    assert not ids & {"cracks-herald", "cracks-courier", "repairs"}


def test_markdown_is_a_timeline_to_paste(story: Path, run: Run) -> None:
    result = run("timeline", "Lakeview", "--story", "--dates", "2", "--sentences", "1",
                 "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "## Timeline: Lakeview"
    assert lines[2] == "- **2021-03-01**"
    assert lines[3].startswith("  - ") and lines[3].endswith(")")
    assert lines[4] == "- **2021-03-09**"


@pytest.mark.parametrize("fmt, first",
                         [("csv", "date,sentences,ids,score"), ("tsv", "2021-03-01\t")])
def test_plain_formats(story: Path, run: Run, fmt: str, first: str) -> None:
    result = run("timeline", "Lakeview", "--story", "--dates", "2", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(first)
    assert len(result.stdout.splitlines()) == 2 + (fmt == "csv")


def test_jsonl_and_rich(story: Path, run: Run) -> None:
    result = run("timeline", "Lakeview", "--story", "--dates", "2", "--format", "jsonl")
    assert [json.loads(line)["date"] for line in result.stdout.splitlines()] == [
        "2021-03-01", "2021-03-09"]
    shown = run("timeline", "Lakeview", "--story", "--dates", "2", "--format", "rich").stdout
    assert "2021-03-01" in shown and "cracks-courier" in shown and "Engineers found" in shown


@pytest.mark.parametrize("args, code, message", [
    (("Kestrelwood", "--story"), 1, "no articles match"),
    (("Kestrel", "--story"), 1, "no dated evidence"),
    (("Lakeview", "--story", "--since", "2030-01-01"), 1, "no articles match"),
    (("Lakeview", "--story", "--by", "day"), 2, "cannot be combined"),
    (("Lakeview", "--story", "--split", "source"), 2, "cannot be combined"),
    (("Lakeview", "--story", "--events"), 2, "cannot be combined"),
    (("--story",), 2, "needs a query"),
    (("Lakeview", "--dates", "3"), 2, "--dates goes with --story"),
    (("Lakeview", "--sentences", "3"), 2, "--sentences goes with --story"),
    (("Lakeview", "--format", "markdown"), 2, "markdown goes with --story"),
    (("Lakeview", "--story", "--dates", "0"), 2, "0"),
])
def test_exit_codes(story: Path, run: Run, args: tuple[str, ...], code: int,
                    message: str) -> None:
    result = run("timeline", *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2  # a line, and perhaps a hint


def test_split_sentences_keeps_abbreviations() -> None:
    text = "Mr. Smith met U.S. officials on Jan. 5 in Washington. They agreed. Talks end."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Mr. Smith met U.S. officials on Jan. 5 in Washington.", "They agreed.", "Talks end."]


def test_search_does_not_import_the_storyline(story: Path, isolated_archive: Path) -> None:
    loaded = modules_loaded_by("--db", location(), "search", "dam")
    assert "newsarc.storyline" not in loaded
