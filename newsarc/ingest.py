"""Ingest: find the input files, parse them, and store each one whole or not at all.

Files are parsed outside any transaction, then written in short batches (`BEGIN IMMEDIATE` ...
`COMMIT`), so a crash loses at most the batch in flight, the next run completes it, and a
second ingest or a search waits milliseconds, not minutes, for the lock. A file's result is
yielded only once its batch is committed, so what the user is told is what is stored.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsarc.articles import parse_bytes, read_file
from newsarc.errors import InputError, UsageError
from newsarc.models import Article, FileResult, Parsed
from newsarc.store import Existing, Store

DEFAULT_GLOBS = ("*.txt", "*.md")
BATCH_FILES = 500
BATCH_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One input: a file on disk, or text read from standard input."""

    display: str  # how messages name it
    path: Path | None = None
    data: bytes | None = None
    id: str | None = None
    error: str | None = None  # found but unreadable (a folder we may not list)
    jsonl: bool = False  # `data` is one line of a `newsarc export` (export.parse_record)


# ---------------------------------------------------------------------------------------------
# Finding inputs


def check_paths(paths: Iterable[str]) -> None:
    """A path on the command line that does not exist is a usage error: nothing is ingested."""
    for p in paths:
        if p != "-" and not os.path.lexists(p):
            raise UsageError(f"{p}: no such file or directory")


def discover(paths: Iterable[str], globs: Iterable[str] = DEFAULT_GLOBS) -> Iterator[Source]:
    """Expand files and folders into Sources, in a stable order.

    Folders are walked recursively for files matching `globs`; hidden folders and files are
    skipped and a folder reached twice through symlinks is walked once. A file named
    explicitly is taken whatever its name. A `.jsonl` file is a `newsarc export`: one Source
    per line.
    """
    patterns = tuple(globs)
    seen_dirs: set[tuple[int, int]] = set()
    for p in paths:
        path = Path(p)
        found = _walk(path, patterns, seen_dirs) if path.is_dir() else [Source(p, path)]
        for source in found:
            if source.path is not None and source.path.suffix.lower() == ".jsonl":
                yield from _export_lines(source)
            else:
                yield source


def _export_lines(source: Source) -> Iterator[Source]:
    from newsarc.export import jsonl_lines

    assert source.path is not None
    try:
        for number, line in jsonl_lines(source.path):
            yield Source(display=f"{source.display}:{number}", data=line, jsonl=True)
    except InputError as exc:
        yield Source(display=source.display, error=exc.message)


def _walk(root: Path, patterns: tuple[str, ...], seen: set[tuple[int, int]]) -> Iterator[Source]:
    try:
        st = root.stat()
    except OSError:
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return  # a symlink loop, or the same folder named twice
    seen.add(key)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield Source(display=str(root), error=f"cannot read folder: {exc.strerror}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError:
            continue
        if is_dir:
            yield from _walk(Path(entry.path), patterns, seen)
        elif any(fnmatch.fnmatch(entry.name, pat) for pat in patterns):
            yield Source(display=entry.path, path=Path(entry.path))


def read_path_list(lines: Iterable[str]) -> list[str]:
    """`--files-from`: one path a line; blank lines are ignored."""
    return [line.rstrip("\r\n") for line in lines if line.strip()]


# ---------------------------------------------------------------------------------------------
# Storing


@dataclass
class _Pending:
    source: Source
    result: FileResult
    parsed: Parsed | None = None
    old: Existing | None = None  # the stored article from the same source
    size: int | None = None
    mtime_ns: int | None = None


def ingest(
    store: Store,
    sources: Iterable[Source],
    *,
    stop: Callable[[], bool] = lambda: False,
    batch_files: int = BATCH_FILES,
) -> Iterator[FileResult]:
    """Store every source; yield one FileResult per source once its batch is committed.

    `stop()` is asked between files (the CLI sets it on Ctrl-C): the batch in flight is still
    committed and reported, then ingest returns.
    """
    batch: list[_Pending] = []
    size = 0
    for source in sources:
        item = _prepare(store, source)
        batch.append(item)
        size += item.size or 0
        if len(batch) >= batch_files or size >= BATCH_BYTES or stop():
            yield from _write(store, batch)
            batch, size = [], 0
        if stop():
            break
    if batch:
        yield from _write(store, batch)


def _prepare(store: Store, source: Source) -> _Pending:
    """Read and parse, outside the transaction. An unchanged file is not even read."""
    item = _Pending(source, FileResult(path=source.display, status="error"))
    if source.error is not None:
        item.result.message = source.error
        return item
    try:
        if source.jsonl:
            from newsarc.export import parse_record

            parsed = parse_record(source.data or b"")
            item.size = len(source.data or b"")
        elif source.path is None:
            data = source.data or b""
            parsed = parse_bytes(data, id=source.id or "", source=None)
            id = source.id or f"stdin-{parsed.article.sha256[:12]}"
            article = dataclasses.replace(parsed.article, id=id, source=f"stdin:{id}")
            parsed = Parsed(article, parsed.warnings)
            item.size = len(data)
        else:
            abspath = os.path.abspath(source.path)
            try:
                st = os.stat(abspath)
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror}") from None
            if not os.path.isfile(abspath):
                raise InputError("not a regular file; skipped")
            item.size, item.mtime_ns = st.st_size, st.st_mtime_ns
            item.old = store.by_source(abspath)
            if item.old and (item.old.source_size, item.old.source_mtime_ns) == (
                st.st_size, st.st_mtime_ns
            ):
                item.result = FileResult(source.display, "unchanged", item.old.id)
                return item
            parsed = read_file(Path(abspath), id=source.id or source.path.stem)
            parsed = Parsed(dataclasses.replace(parsed.article, source=abspath), parsed.warnings)
    except InputError as exc:
        item.result.message = exc.message
        return item
    item.parsed = parsed
    item.result.warnings = list(parsed.warnings)
    return item


def _write(store: Store, batch: list[_Pending]) -> Iterator[FileResult]:
    todo = [item for item in batch if item.parsed is not None]
    if todo:
        store.begin()
        try:
            for item in todo:
                _store_one(store, item)
            store.commit()
        except BaseException:
            store.rollback()
            raise
    for item in batch:
        yield item.result


def _store_one(store: Store, item: _Pending) -> None:
    assert item.parsed is not None
    article = item.parsed.article
    result = item.result
    store.conn.execute("SAVEPOINT one_file")
    try:
        # Look again inside the transaction: another ingest may have stored it meanwhile.
        item.old = store.by_source(article.source) if article.source else None
        same = store.by_sha256(article.sha256)
        if same is not None and item.old is not None and same.rowid == item.old.rowid:
            store.touch(same, item.size, item.mtime_ns)
            result.status, result.id = "unchanged", same.id
        elif same is not None:
            result.status, result.id = "duplicate", same.id
            result.message = f"duplicate of {same.id}"
        elif item.old is not None:
            store.replace(item.old, article, item.size, item.mtime_ns)
            result.status, result.id = "updated", item.old.id
        else:
            article = _with_free_id(store, article)
            store.add(article, item.size, item.mtime_ns)
            result.status, result.id = "added", article.id
        store.conn.execute("RELEASE one_file")
    except sqlite3.Error as exc:
        if "full" in str(exc) or "locked" in str(exc) or "busy" in str(exc):
            raise
        store.conn.execute("ROLLBACK TO one_file")
        store.conn.execute("RELEASE one_file")
        result.status, result.id, result.message = "error", None, f"cannot store: {exc}"


def _with_free_id(store: Store, article: Article) -> Article:
    """The file's stem, or stem-<hash> when another article already has the stem."""
    base = article.id
    for candidate in (base, f"{base}-{article.sha256[:6]}", f"{base}-{article.sha256[:12]}",
                      f"{base}-{article.sha256}"):
        if store.by_id(candidate) is None:
            return dataclasses.replace(article, id=candidate)
    raise InputError(f"no free id for {base}")  # unreachable: equal hashes are duplicates


def stdin_source(data: bytes, id: str | None) -> Source:
    return Source(display="-", data=data, id=id)
