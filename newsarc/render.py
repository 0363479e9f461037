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

from rich.console import Console, Group, RenderableType
from rich.pager import Pager
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
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsarc.models import (
    ArchiveStats,
    Article,
    FileResult,
    HeadingCount,
    Hit,
    Period,
    SectionOf,
    SectionSummary,
    TimelineEntry,
)

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

# Reading the archive: show, sections, timeline, stats, export
#
# Each view is a renderable built from plain data; the CLI prints it, and the golden tests in
# tests/golden/ render it on a fixed-width colourless Console, so a layout change shows in review.

UNDATED = "undated"

# Characters json.dumps(ensure_ascii=False) leaves raw that a terminal would act on: C1
# controls, DEL, bidi overrides and isolates, and the line separators some readers split on.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_line(value: Any) -> str:
    """JSON with every character that could act on a terminal written as a \\u escape.

    The data stays exact (an export restores byte for byte) yet is safe to print: json.dumps
    already escapes C0 controls such as ESC, and the rest only ever occur inside strings.
    """
    dumped = json.dumps(value, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def write_rows(
    rows: Iterable[dict[str, Any]], fields: Sequence[str], fmt: str, out: IO[str]
) -> int:
    """Like write_records, with json (one array) and jsonl written through json_line()."""
    if fmt not in ("json", "jsonl"):
        return write_records(rows, fields, fmt, out)
    n = 0
    for row in rows:
        item = json_line(_pick(row, fields))
        if fmt == "jsonl":
            out.write(item + "\n")
        else:
            out.write(("[" if n == 0 else ",\n") + item)
        n += 1
    if fmt == "json":
        out.write("\n]\n" if n else "[]\n")
    return n


def print_paged(
    console: Console, renderable: RenderableType, *, page: bool, pager: Pager | None = None
) -> None:
    """Print, through a pager when on a terminal and taller than the screen."""
    if page and console.is_terminal:
        lines = console.render_lines(renderable, console.options, pad=False)
        if len(lines) > console.height:
            with console.pager(pager):
                console.print(renderable)
            return
    console.print(renderable)


def _paragraphs(body: str) -> list[Text]:
    """Each paragraph as one line of Text for rich to wrap, with a blank line before it."""
    out: list[Text] = []
    for paragraph in body.split("\n\n"):
        if paragraph.strip():
            out += [Text(""), Text(" ".join(safe(paragraph).split()))]
    return out


def _dot_line(*parts: str | None, style: str = "dim") -> Text:
    return Text(" · ".join(safe(p) for p in parts if p), style=style)


def article_view(articles: Iterable[Article]) -> RenderableType:
    """show --format rich: a header (title; date, id, words; source), then each section."""
    items: list[RenderableType] = []
    for article in articles:
        if items:
            items += [Text(""), Rule(style="dim"), Text("")]
        items.append(Text(safe(article.title), style="bold"))
        items.append(_dot_line(article.date or UNDATED, article.id, f"{article.words} words"))
        if article.source:
            items.append(Text(safe(article.source), style="dim"))
        for section in article.sections:
            if section.heading is not None:
                items += [Text(""), Text(safe(section.heading), style="bold")]
            items += _paragraphs(section.text)
    return Group(*items)


def article_markdown(article: Article) -> str:
    """show --format markdown: title as `#`, headings as `##`, a line of facts under the title."""
    facts = " · ".join(
        [article.date or UNDATED, article.id, f"{article.words} words"]
        + ([article.source] if article.source else [])
    )
    parts = [f"# {one_line(article.title)}", f"*{_md_escape(facts)}*"]
    for section in article.sections:
        if section.heading is not None:
            parts.append(f"## {one_line(section.heading)}")
        parts += [_md_escape(safe(p)) for p in section.text.split("\n\n") if p.strip()]
    return "\n\n".join(parts) + "\n"


def _md_escape(text: str) -> str:
    """A paragraph line that starts with `#` or is a rule would not read back as a paragraph."""
    return "\n".join(
        "\\" + line if line.startswith(("#", "---", "***", "___")) else line
        for line in text.split("\n")
    )


def section_summaries_view(article: Article, rows: Sequence[SectionSummary]) -> RenderableType:
    table = Table(title=_dot_line(article.id, article.title, style="bold"), title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("heading")
    table.add_column("paragraphs", justify="right", no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("first words")
    for r in rows:
        heading = text(r.heading) if r.heading is not None else Text("lede", style="dim italic")
        table.add_row(str(r.position), heading, str(r.paragraphs), str(r.words),
                      _clipped(r.first_words))
    return table


def _clipped(value: str) -> Text:
    """One line cut with an ellipsis: the column gives way first when the screen is narrow."""
    return Text(safe(value), no_wrap=True, overflow="ellipsis")


def heading_counts_view(rows: Sequence[HeadingCount]) -> RenderableType:
    table = Table()
    table.add_column("heading")
    table.add_column("articles", justify="right", no_wrap=True)
    for r in rows:
        table.add_row(text(r.heading), str(r.articles))
    return table


def sections_of_view(rows: Iterable[SectionOf]) -> RenderableType:
    """sections --heading on a terminal: each section as a short read, oldest first."""
    items: list[RenderableType] = []
    for r in rows:
        if items:
            items.append(Text(""))
        items.append(_dot_line(r.date or UNDATED, r.id, r.heading, style="bold"))
        items.append(_dot_line(r.title))
        items += _paragraphs(r.text)
    return Group(*items)


def timeline_view(entries: Sequence[TimelineEntry], with_section: bool) -> RenderableType:
    table = Table()
    table.add_column("date", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("title")
    if with_section:
        table.add_column("section")
    for i, e in enumerate(entries):
        if i and e.date is None and entries[i - 1].date is not None:
            table.add_section()
        date = text(e.date) if e.date else Text(UNDATED, style="dim italic")
        cells = [date, text(e.id), text(e.title)]
        if with_section:
            cells.append(text(e.section) if e.section else Text("lede", style="dim italic"))
        table.add_row(*cells)
    return table


BAR_WIDTH = 24
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(count: int, top: int, width: int = BAR_WIDTH) -> str:
    """A bar `count/top` of `width` cells, in eighths; any count above 0 shows."""
    if count <= 0 or top <= 0:
        return ""
    eighths = max(1, round(count / top * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def periods_view(periods: Sequence[Period]) -> RenderableType:
    top = max((p.count for p in periods), default=0)
    table = Table()
    table.add_column("period", no_wrap=True)
    table.add_column("count", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, min_width=BAR_WIDTH)
    table.add_column("top titles")
    for p in periods:
        if p.label == UNDATED:
            table.add_section()
        label = text(p.label) if p.label != UNDATED else Text(UNDATED, style="dim italic")
        style = "" if p.count else "dim"
        table.add_row(label, Text(str(p.count), style=style), bar(p.count, top),
                      _clipped(" · ".join(one_line(t) for t in p.titles)))
    return table


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{int(size)} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} bytes"  # unreachable


def stats_view(stats: ArchiveStats) -> RenderableType:
    table = Table(show_header=False, title="newsarc stats", title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("value")
    rows = [
        ("archive", stats.db),
        ("size", human_size(stats.size_bytes)),
        ("articles", f"{stats.articles:,}"),
        ("sections", f"{stats.sections:,}"),
        ("words", f"{stats.words:,}"),
        ("first date", stats.first_date or "-"),
        ("last date", stats.last_date or "-"),
        ("undated", f"{stats.undated:,}"),
        ("last ingest", stats.last_ingest or "never"),
    ]
    for name, value in rows:
        table.add_row(name, text(value))
    return table
