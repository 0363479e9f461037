"""Everything that turns results into output: rich views on a terminal, tsv/csv/json in pipes.

The only module besides cli.py that imports rich. Article text is data: it is always passed to
rich as `Text` (never as markup) and stripped of control characters and bidi overrides first.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from newsarc.models import FileResult

# C0/C1 controls (ANSI escapes begin with ESC), and the bidi overrides/isolates that can make
# text display in an order other than the one stored.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def safe(text: str | None) -> str:
    """Text as data: escape sequences and other control characters removed."""
    if not text:
        return ""
    if _UNSAFE.search(text):
        text = _UNSAFE.sub("", _ANSI.sub("", text))
    return text


def one_line(text: str | None) -> str:
    """For tsv: tabs and newlines become spaces, so one record is one line."""
    return " ".join(safe(text).split())


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def is_terminal(stream: IO[str] | None = None) -> bool:
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# Messages


def message(prefix: str, text: str) -> str:
    return safe(f"newsarc: {prefix}: {text}" if prefix else f"newsarc: {text}")


def file_messages(result: FileResult, quiet: bool) -> Iterator[str]:
    """The stderr lines for one ingested file, one per problem: `newsarc: PATH: reason`.

    An error is always shown; warnings (`warning: ...`) and a duplicate's note only without
    --quiet.
    """
    if result.status == "error":
        yield message(result.path, result.message)
        return
    if quiet:
        return
    for warning in result.warnings:
        yield message(result.path, "warning: " + warning)
    if result.status == "duplicate":
        yield message(result.path, result.message)


# ---------------------------------------------------------------------------------------------
# Ingest


class _RateColumn(ProgressColumn):
    """Files per second, from rich's own moving average."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} files/s" if speed else "", style="progress.data.speed")


@contextmanager
def ingest_progress(enabled: bool) -> Iterator[Progress | None]:
    """A progress bar on stderr while ingest runs (files, rate, ETA), on a terminal only."""
    if not enabled:
        yield None
        return
    progress = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        _RateColumn(),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
    )
    with progress:
        yield progress


# Summary columns: the statuses but "error", whose count is the last column.
_SUMMARY = (("added", "added"), ("updated", "updated"), ("unchanged", "unchanged"),
            ("duplicate", "duplicates"))


def ingest_summary(counts: dict[str, int], warnings: int, console: Console) -> None:
    """The table a terminal user sees after ingest; `warnings` counts files with any."""
    table = Table(title="newsarc ingest", show_header=True, header_style="bold")
    for _, label in _SUMMARY:
        table.add_column(label, justify="right")
    table.add_column("warnings", justify="right")
    table.add_column("errors", justify="right")
    table.add_row(
        *(str(counts.get(status, 0)) for status, _ in _SUMMARY),
        str(warnings),
        str(counts.get("error", 0)),
    )
    console.print(table)


def ingest_summary_line(counts: dict[str, int], warnings: int) -> str:
    """The summary as one stderr line, when stdout is not a terminal."""
    dup, err = counts.get("duplicate", 0), counts.get("error", 0)
    parts = [f"{counts.get(status, 0)} {status}" for status in ("added", "updated", "unchanged")]
    parts += [f"{dup} duplicate{'s' if dup != 1 else ''}", f"{warnings} with warnings",
              f"{err} error{'s' if err != 1 else ''}"]
    return "newsarc: ingest: " + ", ".join(parts)


def result_json(result: FileResult) -> str:
    """One `--format jsonl` line: path, id, status, and every message about the file."""
    return json.dumps(
        {
            "path": result.path,
            "id": result.id,
            "status": result.status,
            "message": "; ".join(filter(None, [result.message, *result.warnings])),
        },
        ensure_ascii=False,
    )


# ---------------------------------------------------------------------------------------------
# Generic record output


def write_records(
    rows: Iterable[dict[str, Any]],
    fields: Sequence[str],
    fmt: str,
    out: IO[str],
    header: bool = True,
) -> int:
    """Write dict rows as tsv, csv, json (one array), jsonl or ids; return how many."""
    n = 0
    if fmt == "json":
        out.write("[")
        for row in rows:
            n += 1
            item = json.dumps(_pick(row, fields), ensure_ascii=False)
            out.write(("\n" if n == 1 else ",\n") + item)
        out.write("\n]\n" if n else "]\n")
        return n
    writer = csv.writer(out, lineterminator="\n")
    if fmt == "csv" and header:
        writer.writerow(fields)
    for row in rows:
        n += 1
        if fmt == "csv":
            writer.writerow(["" if row.get(f) is None else safe(str(row.get(f))) for f in fields])
        elif fmt == "jsonl":
            out.write(json.dumps(_pick(row, fields), ensure_ascii=False) + "\n")
        elif fmt == "ids":
            out.write(one_line(str(row[fields[0]])) + "\n")
        else:  # tsv
            out.write("\t".join(_cell(row.get(f)) for f in fields) + "\n")
    return n


def _pick(row: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    return {f: row.get(f) for f in fields}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return one_line(str(value))


def text(value: str | None, style: str = "") -> Text:
    """Article text for a rich renderable: literal, never markup."""
    return Text(safe(value), style=style)
