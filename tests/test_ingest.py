"""The ingest core without the CLI: finding files, path lists, names, and when results are
reported."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from newsarc.ingest import discover, ingest, printable, read_path_list
from newsarc.store import open_archive


def test_a_tree_deeper_than_the_recursion_limit_is_walked(tmp_path: Path) -> None:
    """The walk must not recurse. (The limit is lowered rather than the tree made deeper than
    the default 1000: pytest's own clean-up of tmp_path recurses.)"""
    deep = tmp_path.joinpath(*(["d"] * 400))
    deep.mkdir(parents=True)
    (deep / "bottom.txt").write_text("date 2024 Deep.")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(250)
    try:
        found = [s.path for s in discover([str(tmp_path)])]
    finally:
        sys.setrecursionlimit(limit)
    assert found == [str(deep / "bottom.txt")]


def test_walk_order_is_sorted_and_folders_named_twice_are_walked_once(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a.txt", "c.md", "Z.TXT"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("date 2024 Text.")
    root = str(tmp_path)
    found = [os.path.relpath(str(s.path), root) for s in discover([root, root])]
    assert found == ["Z.TXT", "a/z.txt", "a.txt", "b.txt", "c.md"]


def test_an_unreadable_folder_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated: tests may run as root, who can read any folder."""
    (tmp_path / "locked").mkdir()
    (tmp_path / "ok.txt").write_text("date 2024 Fine.")
    real_scandir = os.scandir

    def scandir(path: str) -> Any:
        if path.endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = [(s.display, s.error) for s in discover([str(tmp_path)])]
    assert found == [
        (str(tmp_path / "locked"), "cannot read folder: Permission denied"),
        (str(tmp_path / "ok.txt"), None),
    ]


def test_path_lists_by_line_or_nul() -> None:
    assert read_path_list(b"a.txt\r\n\n  \nwith space.txt\nlast") == [
        "a.txt", "with space.txt", "last"
    ]
    assert read_path_list(b"x\ny.txt\0z.txt\0") == ["x\ny.txt", "z.txt"]
    # A name that is not UTF-8 comes back as the very same bytes.
    [name] = read_path_list(b"caf\xe9.txt\n")
    assert os.fsencode(name) == b"caf\xe9.txt"


def test_printable_names() -> None:
    assert printable("plain.txt") == "plain.txt"
    assert printable("Zürich.txt") == "Zürich.txt"
    assert printable(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert printable("\ud800") == "\\ud800"


def test_a_result_is_reported_only_once_its_batch_is_committed(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"date 2024 Story number {i}.")
    db = tmp_path / "a.db"
    store = open_archive(db, create=True)
    reader = sqlite3.connect(db)
    seen = []
    for result in ingest(store, discover([str(folder)]), batch_files=2):
        stored = reader.execute("SELECT count(*) FROM articles WHERE id = ?", (result.id,))
        seen.append((result.id, result.status, stored.fetchone()[0]))
    store.close()
    reader.close()
    assert seen == [(str(i), "added", 1) for i in range(5)]
