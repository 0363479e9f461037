"""Shared fixtures. Every test gets its own archive: none ever touches the user's real one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsarc.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_f055cd5f58f7f2b2.txt"


@pytest.fixture(autouse=True)
def isolated_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point $NEWSARC_DB and $XDG_DATA_HOME into tmp_path for every test."""
    db = tmp_path / "archive.db"
    monkeypatch.setenv("NEWSARC_DB", str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NEWSARC_DAYFIRST", raising=False)  # the user's own choice
    monkeypatch.delenv("NEWSARC_COLLAPSE", raising=False)
    return db


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke the real CLI in-process: run("search", "x", input=...)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def corpus(tmp_path: Path, run: Run) -> Path:
    """The test corpus (tests/corpus.py) ingested into this test's archive; returns its folder."""
    from tests.corpus import write_corpus

    folder = write_corpus(tmp_path / "corpus")
    result = run("ingest", str(folder), "--quiet")
    assert result.exit_code == 0, result.stderr
    return folder


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to build inputs in, and the current directory, so paths print short."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder
