"""`newsarc ingest --meta FILE.csv`: metadata for the files of an ingest, read from a CSV.

Columns are matched by name, in any case: `file`/`filename`/`path` (or `id`) says which file a
row is about; `title`, `date`, `source`/`outlet`, `url`, `author`, `language` are the fields
every metadata source has (`articles.META_KEYS`); any other column is kept as metadata of its
own. A row's file is matched against each ingested file's path relative to the CSV's folder,
its path as given on the command line, or its base name; an `id` column alone matches the
file's id (its stem), and beside a file column it gives the article its id.

No database here: the table is read before the archive is opened, so an unreadable CSV is a
usage error and nothing is written.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
from dataclasses import dataclass, field
from typing import Any

from newsarc.articles import MetaFields, clean_id, meta_fields, printable
from newsarc.errors import UsageError

FILE_COLUMNS = ("file", "filename", "path")
MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class MetaRow:
    line: int  # where the row starts in the CSV, for messages
    names: str  # the file (or id) it names, as written
    fields: MetaFields
    warnings: tuple[str, ...] = ()


@dataclass
class MetaTable:
    """The rows of a `--meta` CSV, indexed every way a row can name a file."""

    display: str
    rows: list[MetaRow] = field(default_factory=list)
    by_path: dict[str, int] = field(default_factory=dict)  # absolute, from the CSV's folder
    by_given: dict[str, int] = field(default_factory=dict)  # as written, normalised
    by_name: dict[str, int] = field(default_factory=dict)  # a bare file name
    by_id: dict[str, int] = field(default_factory=dict)  # an id, without a file column
    used: set[int] = field(default_factory=set)

    def lookup(self, path: str) -> MetaRow | None:
        """The row for a file found at `path` (as given or found under a folder given)."""
        stem = clean_id(os.path.splitext(os.path.basename(path))[0])
        for index, key in ((self.by_path, os.path.normpath(os.path.abspath(path))),
                           (self.by_given, os.path.normpath(path)),
                           (self.by_name, os.path.basename(path)),
                           (self.by_id, stem)):
            found = index.get(key)
            if found is not None:
                self.used.add(found)
                return self.rows[found]
        return None

    def unused(self) -> list[MetaRow]:
        """Rows that named no file of the ingest."""
        return [row for n, row in enumerate(self.rows) if n not in self.used]


def read_meta(path: str, dayfirst: bool | None = None) -> MetaTable:
    """Read a metadata CSV (comma, semicolon, tab or bar separated; UTF-8, else read as
    Windows-1252). UsageError, naming the file, when it cannot be read or names no files.
    `dayfirst` orders numeric dates as ingest's --dayfirst/--monthfirst does."""
    shown = printable(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"--meta {shown}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise UsageError(f"--meta {shown}: over 256 MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\0" in text:
        raise UsageError(f"--meta {shown}: not a CSV file (binary)")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:8192].split("\n", 1)[0] or ",", delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader, None)
        table = _table(shown, os.path.dirname(os.path.abspath(path)), header, reader, dayfirst)
    except csv.Error as exc:
        raise UsageError(f"--meta {shown}:{reader.line_num}: {exc}") from None
    return table


def _table(
    shown: str, folder: str, header: list[str] | None, reader: Any, dayfirst: bool | None
) -> MetaTable:
    """The rows after the header; `reader` is a csv reader (its line_num names rows)."""
    names = [" ".join(h.replace("\ufeff", "").split()).lower() for h in header or []]
    file_col = next((i for i, n in enumerate(names) if n in FILE_COLUMNS), None)
    id_col = next((i for i, n in enumerate(names) if n == "id"), None)
    if file_col is None and id_col is None:
        found = ", ".join(n for n in names if n) or "none"
        raise UsageError(f"--meta {shown}: no file, filename, path or id column (columns: "
                         f"{found})")
    key_col = file_col if file_col is not None else id_col
    assert key_col is not None
    table = MetaTable(shown)
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        cells += [""] * (len(names) - len(cells))
        named = cells[key_col].strip()
        if not named:
            continue
        warnings: list[str] = []
        pairs = [(h, c) for i, (h, c) in enumerate(zip(header or [], cells, strict=False))
                 if i not in (file_col, id_col) and h.strip()]
        fields = meta_fields(pairs, warnings, dayfirst)
        if file_col is not None and id_col is not None and clean_id(cells[id_col]):
            fields = dataclasses.replace(fields, id=clean_id(cells[id_col]))
        index = len(table.rows)
        table.rows.append(MetaRow(start, named, fields,
                                  tuple(f"{shown}:{start}: {w}" for w in warnings)))
        if file_col is None:
            table.by_id.setdefault(clean_id(named), index)
            continue
        table.by_path.setdefault(os.path.normpath(os.path.join(folder, named)), index)
        table.by_given.setdefault(os.path.normpath(named), index)
        if os.sep not in named and "/" not in named:
            table.by_name.setdefault(named, index)
    return table
