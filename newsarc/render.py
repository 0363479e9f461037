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
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from newsarc.models import INGEST_STATUSES, FileResult, Hit

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
    """The stderr lines for one ingested file: its error, or its warnings in one line."""
    if result.status == "error":
        yield message(result.path, result.message)
    elif result.warnings and not quiet:
        yield message(result.path, "warning: " + "; ".join(result.warnings))


# ---------------------------------------------------------------------------------------------
# Ingest


@contextmanager
def ingest_progress(enabled: bool) -> Iterator[Progress | None]:
    """A progress bar on stderr while ingest runs, on a terminal only."""
    if not enabled:
        yield None
        return
    progress = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
    )
    with progress:
        yield progress


def ingest_summary(counts: dict[str, int], warnings: int, console: Console) -> None:
    table = Table(title="newsarc ingest", show_header=True, header_style="bold")
    for name in (*INGEST_STATUSES[:-1], "warnings", "errors"):
        table.add_column(name, justify="right")
    table.add_row(
        *(str(counts.get(s, 0)) for s in INGEST_STATUSES[:-1]),
        str(warnings),
        str(counts.get("error", 0)),
    )
    console.print(table)


def ingest_summary_line(counts: dict[str, int], warnings: int) -> str:
    parts = [f"{counts.get(s, 0)} {s}" for s in INGEST_STATUSES[:-1]]
    parts += [f"{warnings} with warnings", f"{counts.get('error', 0)} errors"]
    return "newsarc: ingest: " + ", ".join(parts)


def result_json(result: FileResult) -> str:
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


# ---------------------------------------------------------------------------------------------
# Search

HIT_FIELDS = ("id", "date", "title", "section", "snippet", "score")


def hit_row(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "date": hit.date,
        "title": hit.title,
        "section": hit.section or "lede",
        "snippet": hit.snippet,
        "score": round(hit.score, 4),
    }


def highlighted(snippet: str, marks: Sequence[tuple[int, int]], style: str = "bold yellow") -> Text:
    """The snippet as literal text with the matched words styled (offsets are pre-`safe`)."""
    out = Text()
    last = 0
    for start, end in marks:
        out.append(safe(snippet[last:start]))
        out.append(safe(snippet[start:end]), style=style)
        last = end
    out.append(safe(snippet[last:]))
    return out


def hits(found: Sequence[Hit], fmt: str, out: IO[str]) -> None:
    if fmt != "table":
        write_records((hit_row(h) for h in found), HIT_FIELDS, fmt, out)
        return
    table = Table(show_lines=True, expand=True)
    table.add_column("id", no_wrap=True, overflow="fold", max_width=28)
    table.add_column("date", no_wrap=True)
    table.add_column("title", ratio=2)
    table.add_column("section", ratio=1)
    table.add_column("snippet", ratio=4)
    for h in found:
        table.add_row(
            text(h.id, "cyan"),
            text(h.date or "undated", "dim" if not h.date else ""),
            text(h.title, "bold"),
            text(h.section or "lede", "dim" if not h.section else ""),
            highlighted(h.snippet, h.highlights),
        )
    stdout_console().print(table)
