"""Issue 13's smaller items, through the real CLI: file names in messages, unreadable folders,
recursive globs, pipes closed early, SIGTERM, reading commands that never write, formats and
the views at their edges."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to build inputs in, and the current directory, so paths print short."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def put(path: str | Path, text: str | bytes) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return p


def article(word: str, date: str = "2024-02-03") -> str:
    return f" date {date} A report about {word}.\n\nDetails\n\nMore about {word} here."


def jsonl(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


# ---------------------------------------------------------------------------------------------
# A file name is one line in every message


FORGED = ("x\nnewsarc: ingest: 99 added, 0 updated, 0 unchanged, 0 duplicates, 0 with warnings, "
          "0 errors")


def test_a_newline_in_a_file_name_cannot_break_or_forge_a_line(work: Path, run: Run) -> None:
    put(f"news/{FORGED}.txt", "")  # empty: an error, always reported
    put("news/tab\there\x1b[2J.txt", " date 2024-02-03 A lede.\n\nA lede.")  # a duplicate
    put("news/ok.txt", " date 2024-02-03 A lede.\n\nA lede.")
    result = run("ingest", "news")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "newsarc: news/tab\\there\\x1b[2J.txt: duplicate of ok",
        "newsarc: news/x\\nnewsarc: ingest: 99 added, 0 updated, 0 unchanged, 0 duplicates, "
        "0 with warnings, 0 errors.txt: empty file; skipped",
        "newsarc: ingest: 1 added, 0 updated, 0 unchanged, 1 duplicate, 0 with warnings, 1 error",
    ]
    # in jsonl the path is data: exact, as JSON escapes it
    again = run("ingest", "news", "--format", "jsonl")
    assert f"news/{FORGED}.txt" in [r["path"] for r in jsonl(again.stdout)]


def test_a_missing_path_with_a_newline_is_one_line(work: Path, run: Run) -> None:
    result = run("ingest", "nope\nnewsarc: fake.txt")
    assert result.exit_code == 2
    assert result.stderr == "newsarc: nope\\nnewsarc: fake.txt: no such file or directory\n"
