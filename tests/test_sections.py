"""`newsarc sections`: an article's sections, the archive's headings, one heading across articles.

Golden files: tests/golden/sections_*.txt (see tests/viewing.py to regenerate them).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from newsarc import browse, output, render
from newsarc.models import HeadingCount, SectionOf
from tests.conftest import SEED, SEEDS, Run
from tests.viewing import (
    assert_golden,
    assert_inert,
    corpus_articles,
    inject_hostile,
    jsonl,
    rendered,
    seed_article,
    tsv,
)

SEED_HEADINGS = ["A Deliberate Strike", "Impact and Implications", "Broader Context"]


def first_words(text: str, n: int = 8) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


@pytest.fixture
def seeded(run: Run) -> None:
    assert run("ingest", str(SEEDS), "--quiet").exit_code == 0


def test_seed_four_rows_with_their_headings(run: Run, seeded: None) -> None:
    article = seed_article()
    result = run("sections", SEED.stem)
    assert result.exit_code == 0
    rows = tsv(result.stdout)
    assert [r[1] for r in rows] == ["", *SEED_HEADINGS]  # the lede has no heading
    assert rows == [
        [str(s.position), s.heading or "", str(s.paragraphs), str(s.words), first_words(s.text)]
        for s in article.sections
    ]
    assert [int(r[3]) for r in rows] == [53, 77, 59, 120]


def test_seed_rich_shows_lede(run: Run, seeded: None) -> None:
    out = run("sections", SEED.stem[:5], "--format", "rich").stdout
    lines = [line for line in out.splitlines() if line.startswith("│")]
    assert len(lines) == 4
    assert "│ 0 │ lede " in lines[0]
    for line, heading in zip(lines[1:], SEED_HEADINGS, strict=True):
        assert f"│ {heading} " in line


def test_seed_json_lede_heading_is_null(run: Run, seeded: None) -> None:
    rows = json.loads(run("sections", SEED.stem, "--format", "json").stdout)
    assert list(rows[0]) == ["position", "heading", "paragraphs", "words", "first_words"]
    assert [r["heading"] for r in rows] == [None, *SEED_HEADINGS]
    assert [r["position"] for r in rows] == [0, 1, 2, 3]


def test_every_corpus_article(run: Run, corpus: Path) -> None:
    for id, a in corpus_articles().items():
        result = run("sections", id, "--format", "jsonl")
        assert result.exit_code == 0
        assert jsonl(result.stdout) == [
            {"position": s.position, "heading": s.heading, "paragraphs": s.paragraphs,
             "words": s.words, "first_words": first_words(s.text)}
            for s in a.sections
        ]


def test_csv_has_a_header(run: Run, corpus: Path) -> None:
    rows = list(csv.reader(io.StringIO(run("sections", "a01", "--format", "csv").stdout)))
    assert rows[0] == ["position", "heading", "paragraphs", "words", "first_words"]
    assert [r[1] for r in rows[1:]] == ["", "A Deliberate Strike", "Broader Context"]


# ---------------------------------------------------------------------------------------------
# Without an id: the archive's headings


def test_headings_most_common_first(run: Run, corpus: Path, seeded: None) -> None:
    expected: Counter[str] = Counter()
    for a in [*corpus_articles().values(), seed_article()]:
        expected.update({s.heading for s in a.sections if s.heading})
    result = run("sections")
    assert result.exit_code == 0
    rows = [(h, int(n)) for h, n in tsv(result.stdout)]
    assert dict(rows) == dict(expected)
    assert len(rows) == len(expected)
    # the seed and a01 share two headings; ties go in alphabetical order
    assert rows[:3] == [("A Deliberate Strike", 2), ("Broader Context", 2), ("Banking", 1)]
    counts = [n for _, n in rows]
    assert counts == sorted(counts, reverse=True)


def test_headings_json(run: Run, seeded: None) -> None:
    rows = json.loads(run("sections", "--format", "json").stdout)
    assert rows == [{"heading": h, "articles": 1} for h in sorted(SEED_HEADINGS)]


# ---------------------------------------------------------------------------------------------
# --heading: one kind of section across articles


def test_heading_across_articles(run: Run, corpus: Path, seeded: None) -> None:
    result = run("sections", "--heading", "CONTEXT")
    assert result.exit_code == 0
    rows = tsv(result.stdout)
    assert [r[:3] for r in rows] == [
        [SEED.stem, "2024-02-03", "Broader Context"],
        ["a01-qaim-strike", "2024-02-03", "Broader Context"],
    ]
    seed_text = seed_article().sections[3].text
    assert rows[0][3] == output.one_line(seed_text)


def test_heading_in_date_order_undated_last(run: Run, corpus: Path) -> None:
    rows = json.loads(run("sections", "--heading", "i", "--format", "json").stdout)
    expected = sorted(
        ((a.date, a.id, s.heading) for a in corpus_articles().values() for s in a.sections
         if s.heading and "i" in s.heading.casefold()),
        key=lambda t: (t[0] is None, t[0] or "", t[1]),
    )
    assert [(r["date"], r["id"], r["heading"]) for r in rows] == expected
    assert rows[-1]["date"] is None  # a21's "Inventory"
    assert list(rows[0]) == ["id", "date", "heading", "text"]


def test_heading_within_one_article(run: Run, corpus: Path, seeded: None) -> None:
    rows = tsv(run("sections", "a01", "--heading", "context").stdout)
    assert [r[0] for r in rows] == ["a01-qaim-strike"]


def test_heading_matches_beyond_ascii(run: Run, corpus: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra" / "b01-reactions.txt"
    extra.parent.mkdir()
    extra.write_text(" date 2024-04-01 Le gouvernement a réagi.\n\nRéactions Étrangères\n\n"
                     "Plusieurs pays ont protesté.\n", encoding="utf-8")
    assert run("ingest", str(extra), "-q").exit_code == 0
    rows = tsv(run("sections", "--heading", "RÉACTIONS ÉTRANGÈRES").stdout)
    assert rows == [["b01-reactions", "2024-04-01", "Réactions Étrangères",
                     "Plusieurs pays ont protesté."]]


def test_heading_nothing_found(run: Run, corpus: Path) -> None:
    result = run("sections", "--heading", "no such heading")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "newsarc: no section heading contains 'no such heading'\n"


def test_unknown_and_ambiguous_ids(run: Run, corpus: Path) -> None:
    unknown = run("sections", "zz")
    assert (unknown.exit_code, unknown.stderr) == (1, "newsarc: no article with id 'zz'\n")
    ambiguous = run("sections", "a1")
    assert ambiguous.exit_code == 2
    assert "ambiguous" in ambiguous.stderr and "a10-sao-paulo" in ambiguous.stderr


def test_empty_archive_has_no_headings(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("date 2024-01-01 Only a lede.\n", encoding="utf-8")
    assert run("ingest", str(empty), "-q").exit_code == 0
    result = run("sections")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "newsarc: no headings in the archive\n"


@pytest.mark.parametrize("fmt", ["rich", "tsv", "csv", "json", "jsonl"])
def test_markup_is_never_interpreted(run: Run, corpus: Path, fmt: str) -> None:
    rows = run("sections", "a26", "--format", fmt).stdout
    assert "[bold red]markup[/bold red]" in rows
    across = " ".join(run("sections", "--heading", "markup", "--format", fmt).stdout.split())
    assert "Text with [link=https://example.com]a link[/link] stays literal." in across


@pytest.mark.parametrize("fmt", ["rich", "tsv", "csv", "json", "jsonl"])
def test_escapes_are_never_passed_on(
    run: Run, corpus: Path, isolated_archive: Path, fmt: str
) -> None:
    inject_hostile(isolated_archive)
    for args in (["a26"], ["--heading", "gnp.exe"], []):
        result = run("sections", *args, "--format", fmt)
        assert result.exit_code == 0
        assert_inert(result.stdout)
        assert "gnp.exe" in result.stdout


# ---------------------------------------------------------------------------------------------
# Golden renders


def test_golden_views() -> None:
    article = seed_article()
    assert_golden("sections_seed",
                  rendered(render.section_summaries_view(article,
                                                         browse.summarise(article.sections))))
    corpus = corpus_articles()
    counts = Counter(s.heading for a in [*corpus.values(), article] for s in a.sections
                     if s.heading)
    top = [HeadingCount(h, n) for h, n in counts.most_common(5)]
    assert_golden("sections_headings", rendered(render.heading_counts_view(top)))
    a26, a21 = corpus["a26-markup"], corpus["a21-undated"]
    across = [SectionOf(a.id, a.date, a.title, s.position, s.heading, s.text)
              for a in (a26, replace(a21, title="Notes")) for s in a.sections if s.heading]
    assert_golden("sections_across", rendered(render.sections_of_view(across), width=60))


def test_heading_filter_folds_accents_as_search_does(run: Run, tmp_path: Path) -> None:
    text = " date 2024-01-01 A strike lede.\n\nRéactions\n\nMore strike.\n"
    (tmp_path / "a.txt").write_text(text)
    assert run("ingest", str(tmp_path / "a.txt")).exit_code == 0
    rows = json.loads(run("sections", "--heading", "reactions", "--format", "json").stdout)
    assert [r["heading"] for r in rows] == ["Réactions"]
    assert run("search", "strike", "--section", "reactions", "--format", "ids").stdout == "a\n"
