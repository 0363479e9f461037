"""`newsarc show`: every format, id prefixes, ids from stdin, unknown ids, hostile text, the pager.

Golden files: tests/golden/show_*.txt (see tests/viewing.py to regenerate them).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from rich.pager import Pager

from newsarc import output, render
from newsarc.articles import write
from newsarc.store import open_archive
from tests.conftest import SEED, SEEDS, Run
from tests.viewing import (
    HOSTILE,
    assert_golden,
    assert_inert,
    corpus_articles,
    inject_hostile,
    jsonl,
    rendered,
    section_dicts,
    seed_article,
)

SEED_ID = SEED.stem


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def seeded(run: Run) -> None:
    assert run("ingest", str(SEEDS), "--quiet").exit_code == 0


# ---------------------------------------------------------------------------------------------
# The seed, in every format


def test_seed_rich(run: Run, seeded: None) -> None:
    article = seed_article()
    result = run("show", SEED_ID[:6], "--format", "rich", "--no-pager")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    # the title is the lede's first sentence: said once, in bold where the lede says it
    assert lines[0] == f"2024-02-03 · {SEED_ID} · {article.words} words"
    assert lines[1] == str(SEED)
    assert lines[3].startswith(article.title.removesuffix("…"))
    for heading in ("A Deliberate Strike", "Impact and Implications", "Broader Context"):
        assert heading + "\n" in out
    flat = squash(out)
    for section in article.sections:
        assert squash(section.text) in flat  # every paragraph, wrapped but whole
    assert max(len(line) for line in lines) <= 120  # wrapped to the screen (COLUMNS=120)


def test_seed_text_is_the_seed_format(run: Run, seeded: None) -> None:
    result = run("show", SEED_ID)
    assert result.exit_code == 0
    assert result.stdout == SEED.read_text(encoding="utf-8").rstrip("\n") + "\n"


def test_seed_markdown(run: Run, seeded: None) -> None:
    article = seed_article()
    result = run("show", SEED_ID, "--format", "markdown")
    assert result.exit_code == 0
    blocks = result.stdout.rstrip("\n").split("\n\n")
    assert blocks[0] == f"# {article.title}"
    assert blocks[1].startswith(f"*2024-02-03 · {SEED_ID} · {article.words} words")
    assert [b for b in blocks if b.startswith("## ")] == [
        "## A Deliberate Strike", "## Impact and Implications", "## Broader Context"]
    assert blocks[2] == article.sections[0].text


def test_seed_json(run: Run, seeded: None) -> None:
    article = seed_article()
    result = run("show", SEED_ID, "--format", "json")
    assert result.exit_code == 0
    [obj] = jsonl(result.stdout)
    assert list(obj) == ["id", "date", "title", "source", "outlet", "url", "author", "language",
                         "meta", "dateline", "credit", "sha256", "words", "cluster", "copy_of",
                         "apart", "joined", "tags", "sections", "dates", "places"]
    assert obj["id"] == SEED_ID
    assert obj["date"] == "2024-02-03"
    assert obj["title"] == article.title
    assert obj["source"] == str(SEED)
    assert obj["sha256"] == article.sha256
    assert obj["words"] == article.words == 309
    assert obj["sections"] == section_dicts(article)
    assert obj["sections"][0]["heading"] is None


def test_default_in_a_pipe_is_text(run: Run, seeded: None) -> None:
    assert run("show", SEED_ID).stdout == run("show", SEED_ID, "--format", "text").stdout


# ---------------------------------------------------------------------------------------------
# The corpus: what is shown is what was ingested


def test_json_of_every_article_matches_what_was_ingested(run: Run, corpus: Path) -> None:
    expected = corpus_articles()
    result = run("show", *expected, "--format", "json")
    assert result.exit_code == 0, result.stderr
    objs = jsonl(result.stdout)
    assert [o["id"] for o in objs] == list(expected)  # in the order asked
    for obj in objs:
        a = expected[obj["id"]]
        assert (obj["date"], obj["title"], obj["sha256"], obj["words"]) == (
            a.date, a.title, a.sha256, a.words)
        assert obj["source"] == str(corpus / f"{a.id}.txt")
        assert obj["sections"] == section_dicts(a)


def test_text_piped_to_ingest_stores_the_same_article(
    run: Run, corpus: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    for id, a in corpus_articles().items():
        text = run("show", id, "--format", "text")
        assert text.exit_code == 0
        assert text.stdout == write(a) + "\n"
        stored = run("--db", str(other), "ingest", "-", "--id", id, input=text.stdout)
        assert stored.exit_code == 0, stored.stderr
    with open_archive(other) as store:
        for id, a in corpus_articles().items():
            again = store.article(id)
            assert (again.date, again.title, again.sections, again.sha256) == (
                a.date, a.title, a.sections, a.sha256)


def test_markdown_of_every_article(run: Run, corpus: Path) -> None:
    for id, a in corpus_articles().items():
        out = run("show", id, "--format", "markdown").stdout
        assert out.startswith(f"# {output.one_line(a.title)}\n\n*{a.date or 'undated'} · {id} · ")
        assert [line[3:] for line in out.splitlines() if line.startswith("## ")] == [
            s.heading for s in a.sections if s.heading is not None]


def test_several_articles_in_markdown_are_separated_by_a_rule(run: Run, corpus: Path) -> None:
    out = run("show", "a01", "a02", "--format", "markdown").stdout
    assert out.count("\n---\n") == 1
    assert out.index("# A U.S. airstrike") < out.index("---") < out.index("# Residents of Qa'im")


def test_several_articles_in_text_are_separated_by_a_blank_line(
    run: Run, corpus: Path
) -> None:
    a = corpus_articles()
    out = run("show", "a01", "a02", "--format", "text").stdout
    assert out == write(a["a01-qaim-strike"]) + "\n\n" + write(a["a02-qaim-apostrophe"]) + "\n"


def test_undated_article(run: Run, corpus: Path) -> None:
    rich = run("show", "a21", "--format", "rich", "--no-pager").stdout
    assert rich.splitlines()[0] == "undated · a21-undated · 14 words"  # (title in the lede)
    assert run("show", "a21", "--format", "text").stdout.startswith(" date unknown ")
    assert jsonl(run("show", "a21", "--format", "json").stdout)[0]["date"] is None


# ---------------------------------------------------------------------------------------------
# Ids: prefixes, stdin, unknown


def test_unknown_id_is_named_and_the_others_still_shown(run: Run, corpus: Path) -> None:
    result = run("show", "a01", "nope", "a02-qaim-apostrophe", "--format", "json")
    assert result.exit_code == 1
    assert [o["id"] for o in jsonl(result.stdout)] == ["a01-qaim-strike", "a02-qaim-apostrophe"]
    assert result.stderr == "newsarc: no article with id 'nope'\n"


def test_ambiguous_prefix_lists_the_candidates(run: Run, corpus: Path) -> None:
    result = run("show", "a0", "a10", "--format", "json")
    assert result.exit_code == 2
    assert [o["id"] for o in jsonl(result.stdout)] == ["a10-sao-paulo"]
    assert result.stderr.startswith("newsarc: id prefix 'a0' is ambiguous: a01-qaim-strike, ")
    assert "a09-sinn-fein-plain" in result.stderr
    assert result.stderr.count("\n") == 1


def test_ids_from_stdin_take_the_first_field(run: Run, corpus: Path) -> None:
    hits = run("search", "Qaim", "--format", "tsv")
    assert hits.exit_code == 0
    ids = [line.split("\t")[0] for line in hits.stdout.splitlines()]
    assert len(ids) >= 2
    result = run("show", "-", "--format", "json", input=hits.stdout + "\n\n")
    assert result.exit_code == 0
    assert [o["id"] for o in jsonl(result.stdout)] == ids


def test_stdin_and_arguments_together(run: Run, corpus: Path) -> None:
    result = run("show", "a05", "-", "a06", "--format", "json", input="a03\t2024\tx\nzzz\n")
    assert result.exit_code == 1
    assert [o["id"][:3] for o in jsonl(result.stdout)] == ["a05", "a03", "a06"]
    assert "'zzz'" in result.stderr


def test_stdin_twice_is_a_usage_error(run: Run, corpus: Path) -> None:
    result = run("show", "-", "-", input="a01\n")
    assert result.exit_code == 2
    assert result.stderr == "newsarc: `-` (stdin) can be given once\n"


def test_no_archive_is_an_error(run: Run) -> None:
    result = run("show", "a01")
    assert result.exit_code == 2
    assert result.stderr.startswith("newsarc: no archive at ")


# ---------------------------------------------------------------------------------------------
# Article text is data


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown", "json"])
def test_markup_and_escapes_are_never_interpreted(
    run: Run, corpus: Path, isolated_archive: Path, fmt: str
) -> None:
    inject_hostile(isolated_archive)
    result = run("show", "a26-markup", "--format", fmt, "--no-pager")
    assert result.exit_code == 0
    out = result.stdout
    assert_inert(out)
    if fmt == "json":
        obj = json.loads(out)
        assert obj["title"].startswith("A headline with [bold red]markup[/bold red] and an escape ")
        assert obj["sections"][1]["text"].endswith(HOSTILE)  # exact, and escaped in the output
        assert "\\u001b[2J\\u202egnp.exe" in out
    else:
        assert "[bold red]markup[/bold red]" in out
        assert "[link=https://example.com]a link[/link]" in out
        assert "[31mred[0m" in out  # ingest removed the ESC; the rest is plain text
        assert "stays literal. gnp.exe" in out  # the escape sequence stripped whole


# ---------------------------------------------------------------------------------------------
# The rich view: golden renders and the pager


def test_golden_article_view() -> None:
    articles = {id: replace(a, source=f"corpus/{id}.txt") for id, a in corpus_articles().items()}
    a01, a21, a26 = articles["a01-qaim-strike"], articles["a21-undated"], articles["a26-markup"]
    assert_golden("show_a01", rendered(render.article_view([a01])))
    assert_golden("show_three", rendered(render.article_view([a26, a21, a01]), width=60))


def test_golden_seed_view() -> None:
    article = seed_article()
    assert_golden("show_seed", rendered(render.article_view([article])))


class Capture(Pager):
    def __init__(self) -> None:
        self.shown: list[str] = []

    def show(self, content: str) -> None:
        self.shown.append(content)


def _terminal(height: int) -> Console:
    return Console(file=io.StringIO(), width=40, height=height, force_terminal=True,
                   color_system=None)


@pytest.mark.parametrize(
    ("height", "page", "paged"),
    [(5, True, True), (5, False, False), (500, True, False)],
)
def test_pager_only_when_taller_than_the_screen(height: int, page: bool, paged: bool) -> None:
    article = seed_article()
    console, pager = _terminal(height), Capture()
    render.print_paged(console, render.article_view([article]), page=page, pager=pager)
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    assert bool(pager.shown) is paged
    assert bool(printed) is not paged
    assert "Broader Context" in (pager.shown[0] if paged else printed)


def test_no_pager_off_a_terminal() -> None:
    console = Console(file=io.StringIO(), width=40, height=3, force_terminal=False)
    pager = Capture()
    render.print_paged(console, render.article_view([seed_article()]), page=True, pager=pager)
    assert not pager.shown


# --- found in review -------------------------------------------------------------------------


def _newsarc(*args: str | bytes, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "newsarc", *args], input=input,
                          capture_output=True)


def test_ids_that_are_not_utf8_are_looked_up_not_crashed_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(b" date 2024-01-01 A cafe story.\n")
    db = str(tmp_path / "a.db")
    assert _newsarc("--db", db, "ingest", str(folder)).returncode == 0
    shown = _newsarc("--db", db, "show", b"caf\xe9", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == "caf\\xe9"
    for args in (["show", b"\xff"], ["sections", b"\xff"], ["rm", b"\xff"]):
        result = _newsarc("--db", db, *args)
        assert result.returncode == 1, args
        assert b"Traceback" not in result.stderr
        assert result.stderr.startswith(b"newsarc: ")
    result = _newsarc("--db", db, "ingest", "-", "--id", b"a\xffb", input=b"Some text here.\n")
    assert result.returncode == 0, result.stderr


def test_ids_from_file_names_with_controls_survive_pipes_and_export(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, name in enumerate(("tab\tname", "nl\nname", "esc\x1b[31mname")):
        (folder / f"{name}.txt").write_text(f" date 2024-01-01 Some text number {n}.\n")
    db, copy = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    assert _newsarc("--db", db, "ingest", str(folder)).returncode == 0
    found = _newsarc("--db", db, "search", "text", "--format", "ids").stdout
    assert sorted(found.decode().splitlines()) == ["esc[31mname", "nl name", "tab name"]
    shown = _newsarc("--db", db, "show", "-", "--format", "json", input=found)
    assert shown.returncode == 0, shown.stderr
    markdown = _newsarc("--db", db, "show", "esc[31mname", "--format", "markdown").stdout
    assert b"\x1b" not in markdown
    exported = _newsarc("--db", db, "export").stdout
    assert _newsarc("--db", copy, "ingest", "-", input=exported).returncode == 0
    assert _newsarc("--db", copy, "export").stdout == exported


def test_prefix_is_case_sensitive_even_past_ten_case_variants(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(11):
        (folder / f"REP{i:02d}.txt").write_text(f" date 2024-01-01 Upper {i}.\n")
    (folder / "rep-lower.txt").write_text(" date 2024-01-01 The lower one.\n")
    db = str(tmp_path / "a.db")
    assert _newsarc("--db", db, "ingest", str(folder)).returncode == 0
    shown = _newsarc("--db", db, "show", "rep", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == "rep-lower"
