"""Ingest: find the input files, parse them, and store each one whole or not at all.

Files are parsed outside any transaction, then written in short batches (`BEGIN IMMEDIATE` ...
`COMMIT`), so a crash loses at most the batch in flight, the next run completes it, and a
second ingest or a search waits milliseconds, not minutes, for the lock. Inside a batch each
file has its own savepoint: a file that cannot be stored leaves no row behind and the others
are kept. A file's result is yielded only once its batch is committed, so what the user is
told is what is stored.

Every user-visible name (the path in messages, the stored source, the id) goes through
`printable()`: file names are bytes on Linux and need not be UTF-8, SQLite text must be.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import itertools
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from newsarc.articles import (
    MAX_BYTES,
    TOO_LARGE,
    clean_id,
    parse_bytes,
    printable,
    read_file,
    with_metadata,
)
from newsarc.errors import InputError, UsageError
from newsarc.metafile import MetaRow, MetaTable
from newsarc.models import Article, FileResult, Parsed
from newsarc.store import Derived, Existing, Store, archive_error, derive

if TYPE_CHECKING:
    from newsarc.userdata import SavedSearch

DEFAULT_GLOBS = ("*.txt", "*.md")
BATCH_FILES = 500
BATCH_BYTES = 16 * 1024 * 1024
STDIN = "<stdin>"  # how messages name standard input


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file on disk, or text read from standard input."""

    display: str  # how messages name it
    path: str | None = None  # None for stdin
    data: bytes | None = None
    id: str | None = None  # stdin's --id
    error: str | None = None  # found but unreadable (a folder we may not list)
    jsonl: bool = False  # `data` is one line of a `newsarc export` (export.parse_record)


# ---------------------------------------------------------------------------------------------
# Finding inputs


def missing_paths(paths: Iterable[str]) -> list[str]:
    """Command-line paths that do not exist (a dangling symlink exists: its read fails). A
    path that cannot be looked at (in a folder at mode 000) is not missing: reading it says
    why (`cannot read: Permission denied`)."""
    return [p for p in paths if p != "-" and _missing(p)]


def _missing(path: str) -> bool:
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return True
    except OSError:
        return False
    return False


def discover(
    paths: Iterable[str],
    globs: Iterable[str] = DEFAULT_GLOBS,
    seen: set[tuple[int, int]] | None = None,
) -> Iterator[Source]:
    """Expand files and folders into Sources, in a stable (sorted) order.

    Folders are walked recursively for files whose names match one of `globs`, ignoring case
    (`STORY.TXT` is a text file too). Hidden folders and files are skipped, and a folder
    reached twice (a symlink loop, or named twice; `seen` carries that across calls) is walked
    once. A file named explicitly is taken whatever its name. A `.jsonl` file is a `newsarc
    export`: one Source per line.
    """
    patterns = tuple(g.lower() for g in globs)
    seen = set() if seen is None else seen
    for p in paths:
        if os.path.isdir(p):
            found: Iterable[Source] = _walk(p, patterns, seen)
        else:
            found = [Source(display=printable(p), path=p)]
        for source in found:
            if source.path is not None and source.path.lower().endswith(".jsonl"):
                yield from _export_lines(source)
            else:
                yield source


def _export_lines(source: Source) -> Iterator[Source]:
    from newsarc.export import jsonl_lines

    assert source.path is not None
    try:
        for number, line in jsonl_lines(Path(source.path)):
            yield Source(display=f"{source.display}:{number}", data=line, jsonl=True)
    except InputError as exc:
        yield Source(display=source.display, error=exc.message)


def _walk(root: str, patterns: tuple[str, ...], seen: set[tuple[int, int]]) -> Iterator[Source]:
    """Depth first in name order (as `find | sort` lists them), with a stack of folder
    listings instead of recursion: a deep tree cannot exhaust Python's stack."""
    stack: list[Iterator[os.DirEntry[str]]] = []
    folder: str | None = root
    while True:
        if folder is not None:
            try:
                st = os.stat(folder)
                if (st.st_dev, st.st_ino) not in seen:
                    seen.add((st.st_dev, st.st_ino))
                    with os.scandir(folder) as it:
                        stack.append(iter(sorted(it, key=lambda e: e.name)))
            except OSError as exc:
                yield Source(display=printable(folder),
                             error=f"cannot read folder: {exc.strerror}")
            folder = None
        if not stack:
            return
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.name.startswith("."):
            continue
        elif _is_dir(entry):
            folder = entry.path
        elif _wanted(entry, root, patterns):
            yield Source(display=printable(entry.path), path=entry.path)


def _wanted(entry: os.DirEntry[str], root: str, patterns: tuple[str, ...]) -> bool:
    """Whether a file matches a --glob: a pattern with `/` matches its path below the folder
    walked (`**` any number of folders: `**/*.txt`, `2024/**/*.md`), any other its name."""
    name = entry.name.lower()
    rel = ""
    for pat in patterns:
        if "/" not in pat:
            if fnmatch.fnmatchcase(name, pat):
                return True
            continue
        if not rel:
            rel = entry.path[len(root):].lstrip(os.sep).lower().replace(os.sep, "/")
        if _path_match(pat.removeprefix("./").split("/"), rel.split("/")):
            return True
    return False


def _path_match(pattern: list[str], parts: list[str]) -> bool:
    """fnmatch part by part, where a `**` part stands for any number of folders (or none)."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_path_match(pattern[1:], parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _path_match(
        pattern[1:], parts[1:])


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symlinks; loops are caught by `seen`
    except OSError:
        return False


@dataclass
class Plan:
    """What one `newsarc ingest` will read: checked before anything is read or stored."""

    paths: list[str]
    listed: list[str]  # from --files-from
    globs: tuple[str, ...]
    id: str | None  # for the article on stdin
    stdin: BinaryIO
    missing: list[str]  # paths on the command line that do not exist: a usage error

    @property
    def streams_data(self) -> bool:
        """Whether Sources carry their data (stdin, exports): then they must not be listed
        ahead, or every article would be held at once."""
        names = (*self.paths, *self.listed, *self.globs)
        return "-" in self.paths or any(n.lower().endswith("jsonl") for n in names)

    def sources(self) -> Iterator[Source]:
        seen: set[tuple[int, int]] = set()  # a folder named twice is walked once
        for p in self.paths:
            if p == "-":  # one byte more than allowed is enough to say "too large"
                head = self.stdin.read(MAX_BYTES + 1)
                yield from stdin_sources(head, self.id, self.stdin)
            else:
                yield from discover([p], self.globs, seen)
        yield from discover(self.listed, self.globs, seen)


def plan(
    paths: list[str],
    files_from: str | None,
    id: str | None,
    globs: Iterable[str] | None,
    stdin: BinaryIO,
) -> Plan:
    """Check the command line's inputs; UsageError for combinations that cannot work."""
    if files_from is None and not paths:
        raise UsageError("nothing to ingest: give PATH... or --files-from FILE")
    if paths.count("-") > 1:
        raise UsageError("`-` (stdin) can be given once")
    if files_from == "-" and "-" in paths:
        raise UsageError("`-` and `--files-from -` cannot both read stdin")
    if id is not None and "-" not in paths:
        raise UsageError("--id names the article read from stdin; give `-` as a PATH")
    if id is not None:
        id = clean_id(id)
        if not id:
            raise UsageError("--id cannot be empty")
    listed: list[str] = []
    missing = missing_paths(paths)
    if files_from is not None and not missing:
        try:
            if files_from == "-":
                listed = read_path_list(stdin.read())
            else:
                with open(files_from, "rb") as f:
                    listed = read_path_list(f.read())
        except OSError as exc:
            raise UsageError(f"--files-from {files_from}: {exc.strerror}") from None
    return Plan(paths, listed, tuple(globs or DEFAULT_GLOBS), id, stdin, missing)


def read_path_list(data: bytes) -> list[str]:
    """`--files-from`: one path a line, or NUL-separated (`find -print0`); blank lines are
    ignored. Names are decoded as the file system does, so any name round-trips."""
    if b"\0" in data:
        items = data.split(b"\0")
    else:
        items = [line.rstrip(b"\r") for line in data.split(b"\n")]
    return [os.fsdecode(item) for item in items if item.strip()]


def stdin_sources(head: bytes, id: str | None, rest: BinaryIO) -> Iterator[Source]:
    """Standard input is one article (`head`: its first MAX_BYTES + 1 bytes), or a `newsarc
    export` (jsonl), streamed a line at a time whatever its size, so that
    `newsarc export | newsarc --db copy.db ingest -` copies an archive."""
    if id is not None or not _looks_like_export(head):
        yield Source(display=STDIN, data=head, id=id)
        return
    chunks = itertools.chain([head], iter(lambda: rest.read(1 << 20), b""))
    pending = b""
    number = 0
    for chunk in chunks:
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        for line in lines:
            number += 1
            if line.strip():
                yield Source(display=f"{STDIN}:{number}", data=line, jsonl=True)
    if pending.strip():
        yield Source(display=f"{STDIN}:{number + 1}", data=pending, jsonl=True)


def _looks_like_export(data: bytes) -> bool:
    """The first line is a JSON object with the keys an export writes."""
    first = data.lstrip()[:1]
    if first != b"{":
        return False
    import json

    try:
        record = json.loads(data.lstrip().split(b"\n", 1)[0])
    except ValueError:
        return False
    return isinstance(record, dict) and ({"id", "sections"} <= record.keys()
                                         or record.get("kind") == "saved")


# ---------------------------------------------------------------------------------------------
# Storing


@dataclass
class _Pending:
    source: Source
    result: FileResult
    parsed: Parsed | None = None
    size: int | None = None
    mtime_ns: int | None = None
    abspath: str | None = None  # the source stored for a file
    done: bool = False  # nothing to parse: an error, or unchanged
    derived: Derived | None = None
    meta: MetaRow | None = None  # its row of a --meta CSV
    saved: SavedSearch | None = None  # an export's line that is a saved search


def ingest(
    store: Store,
    sources: Iterable[Source],
    *,
    stop: Callable[[], bool] = lambda: False,
    batch_files: int | None = None,
    workers: int | None = None,
    dayfirst: bool | None = None,
    meta: MetaTable | None = None,
) -> Iterator[FileResult]:
    """Store every source; yield one FileResult per source once its batch is committed.

    `dayfirst` orders the day and month of numeric dates (`05.03.2017`); None when the user
    has not chosen: read day first, with a warning where the other order could be meant.
    `meta` (`--meta FILE.csv`) gives files metadata beside their text; it records which of
    its rows were used.

    `stop()` is asked between files (the CLI sets it on Ctrl-C): the batch in flight is still
    committed and reported, then ingest returns. Raises ArchiveError when the archive itself
    fails (locked, full, corrupt); the batch in flight is then rolled back, earlier ones kept.
    """
    limit = batch_files or BATCH_FILES
    batch: list[_Pending] = []
    size = 0
    workers = default_workers() if workers is None else workers
    for item in _parsed(store, sources, stop, workers, dayfirst, meta):
        batch.append(item)
        if item.parsed is not None:
            size += item.size or 0
        if len(batch) >= limit or size >= BATCH_BYTES or stop():
            yield from _write(store, batch)
            batch, size = [], 0
        if stop():
            break
    if batch:
        yield from _write(store, batch)


# ---------------------------------------------------------------------------------------------
# Reading and parsing, in parallel with the writing


CHUNK = 64  # files a worker parses per task
IN_FLIGHT = 16  # chunks queued per worker: more than a batch, so it parses while we write
DRAIN_SECONDS = 10  # how long a stopped ingest lets its workers finish the chunks in flight


def default_workers() -> int:
    """Worker processes that parse (and sign each story) while this one writes: as many as
    there are cores, up to 4, none on one core. On 2 cores two workers beat one (100,000
    articles: 60.5 -> 50.6 s): a worker's share is now larger than this process's."""
    env = os.environ.get("NEWSARC_WORKERS")
    if env is not None and env.isdigit():
        return int(env)
    cores = os.cpu_count() or 1
    return min(4, cores) if cores > 1 else 0


def _parsed(
    store: Store, sources: Iterable[Source], stop: Callable[[], bool], workers: int,
    dayfirst: bool | None = None,
    meta: MetaTable | None = None,
) -> Iterator[_Pending]:
    """The sources checked (here: each needs the archive) and parsed (in `workers` processes
    when there is more than one chunk of work), in their original order.

    Parsing is most of ingest's Python time and needs no archive, so worker processes do it
    while this process writes to SQLite. At most IN_FLIGHT chunks per worker are queued, so
    memory stays flat however many files there are. Workers ignore Ctrl-C: the CLI decides
    when to stop, and work parsed but not yet written is simply left for the next run.
    """
    checked = (_check(store, s) if meta is None else _check(store, s, meta) for s in sources)
    chunks = _chunks(checked, CHUNK)
    first = next(chunks, None)
    if first is None:
        return
    if workers <= 0 or len(first) < CHUNK:
        for chunk in itertools.chain([first], chunks):
            yield from _parse_chunk(chunk, dayfirst, store.index_row)
            if stop():
                return
        return
    import multiprocessing
    from collections import deque

    pool: Any = None
    try:
        pending: deque[Any] = deque()
        for chunk in itertools.chain([first], chunks):
            if all(item.done for item in chunk) and not pending:
                yield from chunk  # nothing to parse (a re-ingest): no need for a worker
            else:
                if pool is None:
                    # fork: workers start at once and import nothing; they never touch the
                    # archive, and exit without running its finalizers.
                    pool = multiprocessing.get_context("fork").Pool(
                        workers, initializer=_worker_init
                    )
                pending.append(pool.apply_async(_parse_chunk, (chunk, dayfirst, store.index_row)))
                if len(pending) < workers * IN_FLIGHT:
                    continue
                yield from pending.popleft().get()
            if stop():
                return
        while pending:
            yield from pending.popleft().get()
            if stop():
                return
    finally:
        if pool is not None:
            # Let the chunks in flight finish first (a few seconds at most): a worker killed
            # while it writes its result to the pipe can leave terminate() waiting forever.
            pool.close()
            deadline = time.monotonic() + DRAIN_SECONDS
            for result in pending:
                result.wait(max(0.0, deadline - time.monotonic()))
            pool.terminate()
            pool.join()


def _worker_init() -> None:
    """Workers ignore Ctrl-C, and die quietly of SIGTERM (the parent's handler, inherited
    through fork, would raise in them): the pool is ended with SIGTERM when ingest stops.
    They make no reference cycles (parsed articles, signatures: reference counting frees them
    all), so the cycle collector is off: it only cost time (measured: 10% of a worker's)."""
    import gc
    import signal

    gc.disable()

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _chunks(items: Iterable[_Pending], size: int) -> Iterator[list[_Pending]]:
    chunk: list[_Pending] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _check(store: Store, source: Source, meta: MetaTable | None = None) -> _Pending:
    """What can be known without reading the file: it exists, is small enough, and whether it
    is unchanged since it was stored (then it is not even opened). A file with a row in the
    --meta CSV is always read: its row may have changed."""
    item = _Pending(source, FileResult(path=source.display, status="error"))
    if source.error is not None:
        item.result.message = source.error
        item.done = True
    elif source.jsonl:
        from newsarc.export import parse_saved

        try:
            item.saved = parse_saved(source.data or b"")
        except InputError as exc:
            item.result.message, item.done = exc.message, True
        item.done = item.done or item.saved is not None
    elif source.path is not None:
        try:
            st = os.stat(source.path)
            if not stat.S_ISREG(st.st_mode):
                raise InputError("not a regular file; skipped")
            if st.st_size > MAX_BYTES:
                raise InputError(TOO_LARGE)
        except OSError as exc:
            item.result.message, item.done = f"cannot read: {exc.strerror}", True
            return item
        except InputError as exc:
            item.result.message, item.done = exc.message, True
            return item
        item.size, item.mtime_ns = st.st_size, st.st_mtime_ns
        item.abspath = printable(os.path.abspath(source.path))
        item.meta = meta.lookup(source.path) if meta is not None else None
        old = store.by_source(item.abspath) if item.meta is None else None
        if old and (old.source_size, old.source_mtime_ns) == (st.st_size, st.st_mtime_ns):
            item.result = FileResult(source.display, "unchanged", old.id)
            item.done = True
    return item


def _parse_chunk(chunk: list[_Pending], dayfirst: bool | None = None,
                 index_row: Callable[[tuple[str, ...]], str] | None = None) -> list[_Pending]:
    """Parse a chunk; `index_row`: the store's form of an index row, made here too (the
    PostgreSQL store's tsvector: Python's work, which the writer is spared)."""
    for item in chunk:
        if not item.done:
            _parse(item, dayfirst)
            if index_row is not None and item.derived is not None:
                item.derived = dataclasses.replace(
                    item.derived, index_row=index_row(item.derived.index))
    return chunk


def _parse(item: _Pending, dayfirst: bool | None = None) -> None:
    """Read and parse one source (in a worker process, or here)."""
    source = item.source
    try:
        if source.jsonl:
            from newsarc.export import parse_record

            item.parsed = parse_record(source.data or b"")
            item.size = len(source.data or b"")
        elif source.path is None:
            item.parsed = _parse_stdin(source, dayfirst)
            item.size = len(source.data or b"")
        else:
            stem = os.path.splitext(os.path.basename(source.path))[0]
            item.parsed = read_file(source.path, id=clean_id(stem), source=item.abspath,
                                    dayfirst=dayfirst)
            if item.meta is not None:
                parsed = with_metadata(item.parsed, item.meta.fields)
                item.parsed = Parsed(parsed.article, parsed.warnings + item.meta.warnings)
    except InputError as exc:
        item.result.message = exc.message
        return
    from newsarc.extract.mentions import article_mentions
    from newsarc.extract.places import article_places
    from newsarc.extract.stories import story

    article = item.parsed.article
    warnings = list(item.parsed.warnings)
    item.derived = dataclasses.replace(
        derive(article), story=story(article.sections),
        dates=_found("the dates in the text", lambda: article_mentions(article), warnings),
        places=_found("the places in the text",
                      lambda: tuple(article_places(article.sections)), warnings))
    item.parsed = dataclasses.replace(item.parsed, warnings=tuple(warnings))
    item.result.warnings = warnings


T = TypeVar("T")


def _found(what: str, find: Callable[[], tuple[T, ...]], warnings: list[str]) -> tuple[T, ...]:
    """What an extractor finds in an article; nothing, and a warning, when it fails on the
    text (a fault of newsarc's, not of the file): the article is stored all the same."""
    try:
        return find()
    except Exception as exc:  # noqa: BLE001 - one article's text must not stop the ingest
        warnings.append(f"{what} were not found: newsarc failed on this text"
                        f" ({type(exc).__name__}: {exc}); please report it")
        return ()


def _parse_stdin(source: Source, dayfirst: bool | None = None) -> Parsed:
    """Standard input: the id is --id, else `stdin-` and 12 hex of the content's hash; its
    source is `stdin:ID`, so the same --id again updates that article in place."""
    parsed = parse_bytes(source.data or b"", id=source.id or "", source=None, dayfirst=dayfirst)
    id = source.id or f"stdin-{parsed.article.sha256[:12]}"
    article = dataclasses.replace(parsed.article, id=id, source=f"stdin:{id}")
    return Parsed(article, parsed.warnings)


class _FileFailed(Exception):
    """A file could not be stored on the fast path; its batch is written again carefully."""


def _write(store: Store, batch: list[_Pending]) -> Iterator[FileResult]:
    todo = [item for item in batch if item.parsed is not None or item.saved is not None]
    if todo:
        try:
            _write_batch(store, todo, careful=False)
        except _FileFailed:
            _write_batch(store, todo, careful=True)
    for item in batch:
        yield item.result


def _write_batch(store: Store, todo: list[_Pending], careful: bool) -> None:
    """One transaction for the batch. Normally without savepoints: FTS5 writes its pending
    index data at every savepoint release (measured: a third of ingest time), so a file that
    fails is handled by rolling back the batch and writing it again, `careful`, with a
    savepoint per file, so that every other file of the batch is still stored."""
    # a file's rows refused at the commit (PostgreSQL copies some rows then): the batch
    # again, carefully, finds which
    refused = () if careful else store.file_errors
    try:
        with store.transaction():
            for item in todo:
                _store_one(store, item, careful)
    except refused as exc:
        raise _FileFailed from exc
    except sqlite3.Error as exc:
        raise archive_error(store.path, exc) from None


def _store_one(store: Store, item: _Pending, careful: bool) -> None:
    """One file inside the batch's transaction: whole, or (careful) not at all."""
    if item.saved is not None:
        store.restore_saved([item.saved])
        item.result = FileResult(item.source.display, "saved", f"@{item.saved.name}")
        return
    assert item.parsed is not None
    article = item.parsed.article
    result = item.result = FileResult(item.source.display, "error",
                                      warnings=list(item.parsed.warnings))
    if careful:
        store.conn.execute("SAVEPOINT one_file")
    try:
        # Look again inside the transaction: another ingest may have stored it meanwhile.
        old = _own_article(store, item, article)
        same = store.by_sha256(article.sha256)
        if same is not None and old is not None and same.rowid == old.rowid:
            if old.source != article.source:
                store.relocate(same, article.source, item.size, item.mtime_ns)
            else:
                store.touch(same, item.size, item.mtime_ns)
            result.status, result.id = "unchanged", same.id
            result.warnings.clear()  # told when it was stored; nothing was stored now
        elif same is not None:
            result.status, result.id = "duplicate", same.id
            result.message = f"duplicate of {same.id}"
            result.warnings.clear()
            if old is not None:
                # This file's article is not overwritten with another article's text (nor
                # deleted): it keeps what it had; the file's size and time are recorded so
                # that it is not read again until it changes.
                result.message += f"; {old.id} keeps its earlier text"
                store.touch(old, item.size, item.mtime_ns)
        elif old is not None:
            store.restore_overrides(old.id, item.parsed.apart, item.parsed.joined)
            store.replace(old, article, item.size, item.mtime_ns, item.derived)
            result.status, result.id = "updated", old.id
        else:
            stored = _with_free_id(store, article)
            store.restore_overrides(stored.id, item.parsed.apart, item.parsed.joined)
            store.add(stored, item.size, item.mtime_ns, item.derived)
            result.status, result.id = "added", stored.id
            if stored.id != article.id:
                result.warnings.append(f"id {article.id} is taken; stored as {stored.id}")
        tags = item.parsed.tags
        if tags is not None and result.status != "duplicate" and (
                tags or result.status != "added"):
            store.set_tags(result.id or article.id, tags)
        if careful:
            store.conn.execute("RELEASE one_file")
    except (*store.file_errors, InputError) as exc:  # type: ignore[misc]
        if not careful:
            raise _FileFailed from exc
        store.conn.execute("ROLLBACK TO one_file")
        store.conn.execute("RELEASE one_file")
        store.rolled_back()
        message = exc.message if isinstance(exc, InputError) else str(exc)
        result.status, result.id, result.message = "error", None, f"cannot store: {message}"
        result.warnings.clear()


def _own_article(store: Store, item: _Pending, article: Article) -> Existing | None:
    """The stored article this input is a version of, if any (its identity is its id, not
    the path it was read from):

    1. the article last read from this very path (`stdin:ID` for stdin with --id);
    2. else, for a file, the article with its id, when that article's stored path is gone
       (its folder moved), is this same file (reached through a symlink), or is not a file
       (it came from stdin or an export): a move, or a correction of a moved file;
    3. else none: the id is another file's, which still exists (two files claim one id), and
       this file is stored under `id-<6 hex>` (or is a duplicate, when its text is the same).
    """
    if article.source:
        mine = store.by_source(article.source)
        if mine is not None:
            return mine
    if item.abspath is None or item.source.path is None:
        return None
    holder = store.by_id(article.id)
    if holder is None:
        return None
    if holder.source is None or holder.source.startswith("stdin:"):
        return holder
    try:
        if not os.path.lexists(holder.source) or os.path.samefile(holder.source,
                                                                  item.source.path):
            return holder
    except OSError:
        return holder  # its path cannot be reached any more: moved away
    return None


def _with_free_id(store: Store, article: Article) -> Article:
    """The file's stem, or stem-<6 hex of its hash> when another article already has the stem
    (longer hashes only if that is taken too: equal hashes would have been duplicates)."""
    base = article.id
    for candidate in (base, f"{base}-{article.sha256[:6]}", f"{base}-{article.sha256[:12]}",
                      f"{base}-{article.sha256}"):
        if store.by_id(candidate) is None:
            return article if candidate == base else dataclasses.replace(article, id=candidate)
    raise InputError(f"no free id for {base}")

