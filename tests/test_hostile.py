"""Hostile input: ids, headings and queries full of SQL and LIKE syntax stay plain text; text
with markup, escape sequences, bells and bidi overrides is never interpreted in any format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.archive import connect
from tests.conftest import Run

NASTY_ID = "o'brien; DROP TABLE articles;--%_x"


@pytest.fixture
def nasty(run: Run, tmp_path: Path) -> Path:
    (tmp_path / f"{NASTY_ID}.txt").write_text(
        ' date 2024-05-01 He said "100% sure"; then; DROP TABLE sections; -- and left.\n\n'
        '50% "Quoted"; Heading\n\nText under a heading with % and _ and \' and ".\n',
        encoding="utf-8",
    )
    (tmp_path / "plain.txt").write_text(" date 2024-05-02 A plain article.\n\nPlain\n\nBody.\n")
    assert run("ingest", str(tmp_path)).exit_code == 0
    return tmp_path


def test_quotes_semicolons_and_percent_in_ids(run: Run, nasty: Path, isolated_archive: Path
                                              ) -> None:
    shown = run("show", NASTY_ID, "--format", "json")
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["id"] == NASTY_ID
    assert run("show", "o'brien", "--format", "json").exit_code == 0  # a unique prefix
    for prefix in ("%", "_", "o_brien", "%brien"):  # LIKE wildcards are not wildcards
        result = run("show", prefix)
        assert result.exit_code == 1, prefix
        assert result.stderr == f"newsarc: no article with id {prefix!r}\n"
    assert run("rm", "%").exit_code == 1
    assert run("search", "plain OR sure", "--count").stdout == "2\n"
    db = connect(isolated_archive)
    assert db.execute("SELECT count(*) FROM articles").fetchone() == (2,)


@pytest.mark.parametrize(
    "query",
    ["'; DROP TABLE articles; --", '" OR 1=1 --', "%", "_", "100%", "x' OR 'a'='a", "\\", ";"],
)
def test_sql_in_queries_is_plain_text(run: Run, nasty: Path, isolated_archive: Path,
                                      query: str) -> None:
    result = run("search", query)
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stderr
    db = connect(isolated_archive)
    assert db.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    assert db.execute("SELECT count(*) FROM sections").fetchone() == (4,)


def test_percent_in_a_heading_filter_is_literal(run: Run, nasty: Path) -> None:
    rows = run("sections", "--heading", "%", "--format", "json").stdout
    assert [r["heading"] for r in json.loads(rows)] == ['50% "Quoted"; Heading']
    assert run("sections", "--heading", "_", "--format", "json").stdout.strip() in ("[]", "")
    assert run("search", "heading", "--section", "%", "--format", "ids").stdout == f"{NASTY_ID}\n"
    assert run("search", "plain", "--section", "%").exit_code == 1


HOSTILE = (
    "Red [bold red]alert[/bold red] \x1b[31mESC\x1b[0m bell\x07 \u202eevil\u202c [link=x]y[/link]"
)


@pytest.fixture
def hostile(run: Run, tmp_path: Path, isolated_archive: Path) -> Path:
    """An article whose stored text holds what ingest would have cleaned, as a hand-edited or
    foreign archive might: every output must still refuse to interpret it."""
    (tmp_path / "h.txt").write_text(" date 2024-05-03 Placeholder lede about alert.\n")
    assert run("ingest", str(tmp_path / "h.txt")).exit_code == 0
    db = connect(isolated_archive)
    db.execute("UPDATE sections SET text = ?", (HOSTILE,))
    db.execute("UPDATE articles SET title = ?", (HOSTILE,))
    db.commit()
    return isolated_archive


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json", "jsonl"])
def test_search_output_never_interprets_article_text(
    run: Run, hostile: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fmt == "table":
        monkeypatch.setattr("newsarc.output.is_terminal", lambda stream=None: True)
        monkeypatch.setenv("COLUMNS", "400")
    out = run("search", "alert", "--format", fmt).stdout
    for bad in ("\x1b", "\x07", "\u202e", "\u202c"):
        assert bad not in out, (fmt, repr(bad))
    assert "[bold red]alert[/bold red]" in (json.loads(out)[0]["title"] if fmt == "json" else out)
