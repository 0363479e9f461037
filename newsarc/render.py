"""Everything that turns results into output: rich views on a terminal, tsv/csv/json in pipes.

The only module besides cli.py that imports rich. Article text is data: it is always passed to
rich as `Text` (never as markup) and stripped of control characters and bidi overrides first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
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
    UNDATED,
    ArchiveStats,
    Article,
    Event,
    HeadingCount,
    Hit,
    KwicLine,
    Mention,
    Period,
    PlaceCount,
    PlaceMention,
    SectionOf,
    SectionSummary,
    Series,
    SeriesPoint,
    SimilarArticle,
    StoryCluster,
    StoryDate,
    TimelineEntry,
)
from newsarc.output import one_line, safe

if TYPE_CHECKING:
    from newsarc.userdata import SavedRow, TagCount


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Let the CLI end a closed pipe the same way for every format (exit 141)."""
        raise BrokenPipeError


def stdout_console() -> Console:
    return _Console(highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


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
    saved = [str(counts["saved"])] if counts.get("saved") else []  # an export's searches
    if saved:
        table.add_column("saved searches", justify="right")
    table.add_row(
        *(str(counts.get(status, 0)) for status, _ in _SUMMARY),
        str(warnings),
        str(counts.get("error", 0)),
        *saved,
    )
    console.print(table)


def text(value: str | None, style: str = "") -> Text:
    """Article text for a rich renderable: literal, never markup."""
    return Text(safe(value), style=style)


# ---------------------------------------------------------------------------------------------
# Search

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


WIDE = 110  # columns from which search's table has a column for each field


def hits_table(found: Sequence[Hit]) -> RenderableType:
    """Search results on a terminal, the matched words of each snippet highlighted. From WIDE
    columns on, one column per field; narrower, two (id over date, title over section and
    snippet), so that titles and snippets keep room to be read at 60 columns."""
    return _HitsTable(found)


class _HitsTable:
    def __init__(self, found: Sequence[Hit]) -> None:
        self.found = found

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield _wide_hits(self.found) if options.max_width >= WIDE else _narrow_hits(self.found)


def _wide_hits(found: Sequence[Hit]) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("id", no_wrap=True, overflow="fold", max_width=28)
    table.add_column("date", no_wrap=True)
    table.add_column("title", ratio=2)
    table.add_column("section", ratio=1, overflow="fold")
    table.add_column("snippet", ratio=4)
    for h in found:
        table.add_row(
            text(h.id, "cyan"),
            _date(h),
            _title_copies(h),
            text(h.section or "lede", "dim" if not h.section else ""),
            highlighted(h.snippet, h.highlights),
        )
    return table


def _title_copies(h: Hit) -> Text:
    """The title, and under it `+N copies` for a search collapsed to one row per story."""
    if not h.copies:
        return text(h.title, "bold")
    return Text.assemble(text(h.title, "bold"), "\n",
                         text(f"+{h.copies} cop{'y' if h.copies == 1 else 'ies'}", "dim"))


def _narrow_hits(found: Sequence[Hit]) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("id, date", overflow="fold", max_width=20, min_width=10)
    table.add_column("title, section: snippet", ratio=1, min_width=20)
    for h in found:
        where = Text.assemble(text(h.id, "cyan"), "\n", _date(h))
        what = Text.assemble(_title_copies(h), "\n",
                             text(f"{h.section or 'lede'}: ", "dim"),
                             highlighted(h.snippet, h.highlights))
        table.add_row(where, what)
    return table


def _date(hit: Hit) -> Text:
    return text(hit.date or "undated", "dim" if not hit.date else "")


# Reading the archive: show, sections, timeline, stats, export
#
# Each view is a renderable built from plain data; the CLI prints it, and the golden tests in
# tests/golden/ render it on a fixed-width colourless Console, so a layout change shows in review.



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


DATE_STYLE = "underline cyan"  # a date the text mentions (show's rich view)
PLACE_STYLE = "underline green"  # a place the text names


def _paragraphs(body: str, title: str | None = None,
                marks: Sequence[tuple[int, int, str]] = ()) -> list[Text]:
    """Each paragraph as one line of Text for rich to wrap, with a blank line before it; the
    sentence that `title` repeats (see `_repeated_title`) in bold; `marks` (offsets into
    `body`: the dates and places it mentions, each with its style) styled."""
    out: list[Text] = []
    at = 0
    for paragraph in body.split("\n\n"):
        start, at = at, at + len(paragraph) + 2
        if paragraph.strip():
            words = [(m.start(), m.end()) for m in _WORD.finditer(paragraph)]
            line = Text(" ".join(safe(paragraph[s:e]) for s, e in words))
            span = _repeated_title(title, line.plain) if title and len(out) == 0 else None
            if span:
                line.stylize("bold", *span)
            for first, last, style in marks:
                if start <= first and last <= start + len(paragraph):
                    line.stylize(style, _squeezed(words, first - start),
                                 _squeezed(words, last - start))
            out += [Text(""), line]
    return out


_WORD = re.compile(r"\S+")


def _squeezed(words: Sequence[tuple[int, int]], offset: int) -> int:
    """Where `offset` into a paragraph falls once its words are joined by single spaces."""
    joined = 0
    for s, e in words:
        if offset <= e:
            return joined + max(0, offset - s)
        joined += e - s + 1
    return max(0, joined - 1)


_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s|$)")
_DATELINE_ROOM = 120  # how far into the lede the title's sentence may start (after a dateline)


def _repeated_title(title: str | None, paragraph: str) -> tuple[int, int] | None:
    """Where the lede's first paragraph says the title (a title taken from the first sentence,
    perhaps cut with `…`): the span of that sentence, or None when it does not."""
    if not title:
        return None
    stem = " ".join(safe(title).split()).removesuffix("…").rstrip()
    start = paragraph.find(stem) if len(stem) >= 8 else -1
    if start < 0 or start > _DATELINE_ROOM:
        return None
    end = start + len(stem)
    if not title.endswith("…"):
        return start, end
    more = _SENTENCE_END.search(paragraph, end)
    return start, more.end() if more else len(paragraph)


def _opens_with_title(article: Article) -> bool:
    """Whether the lede opens by saying the title (as a title derived from it does)."""
    lede = article.sections[0] if article.sections else None
    if lede is None or lede.heading is not None or not lede.text:
        return False
    first = " ".join(safe(lede.text.split("\n\n")[0]).split())
    return _repeated_title(article.title, first) is not None


def _dot_line(*parts: str | None, style: str = "dim") -> Text:
    return Text(" · ".join(safe(p) for p in parts if p), style=style)


def article_view(
    articles: Iterable[Article], dates: Mapping[str, Sequence[Mention]] | None = None,
    tags: Mapping[str, Sequence[str]] | None = None,
    places: Mapping[str, Sequence[PlaceMention]] | None = None,
) -> RenderableType:
    """show --format rich: a header (title; date, id, words; source; tags), then each
    section, the dates it mentions (`dates`, by article id) and the places it names
    (`places`) underlined."""
    items: list[RenderableType] = []
    for article in articles:
        if items:
            items += [Text(""), Rule(style="dim"), Text("")]
        # A title the lede opens with (derived from it) is not printed twice: the lede's
        # sentence is shown in bold where it stands.
        in_lede = _opens_with_title(article)
        if not in_lede:
            items.append(Text(safe(article.title), style="bold"))
        items.append(_dot_line(article.date or UNDATED, article.id, f"{article.words} words"))
        if article.meta:
            items.append(meta_line(article))
        if article.source:
            items.append(Text(safe(article.source), style="dim"))
        if (tags or {}).get(article.id):
            items.append(Text("tags: " + ", ".join(map(safe, (tags or {})[article.id])),
                              style="cyan"))
        for n, section in enumerate(article.sections):
            if section.heading is not None:
                items += [Text(""), Text(safe(section.heading), style="bold")]
            found: list[Mention | PlaceMention] = [*(dates or {}).get(article.id, ()),
                                                   *(places or {}).get(article.id, ())]
            marks = [(m.start, m.end, DATE_STYLE if isinstance(m, Mention) else PLACE_STYLE)
                     for m in found if m.position == section.position]
            items += _paragraphs(section.text, article.title if in_lede and n == 0 else None,
                                 marks)
    return Group(*items)


def meta_line(article: Article) -> Text:
    """The metadata under an article's title: outlet, author, language, URL, other keys."""
    m = article.meta
    extra = [f"{k}: {v}" for k, v in m.extra]
    return _dot_line(m.outlet, m.author and f"by {m.author}", m.language, m.url, *extra,
                     style="")


def article_markdown(article: Article, tags: Sequence[str] = ()) -> str:
    """show --format markdown: title as `#`, headings as `##`, a line of facts under the title
    (its tags last)."""
    m = article.meta
    facts = " · ".join(
        [article.date or UNDATED, article.id, f"{article.words} words"]
        + [v for v in (m.outlet, m.author and f"by {m.author}", m.url) if v]
        + ([article.source] if article.source else [])
        + (["tags: " + ", ".join(tags)] if tags else [])
    )
    parts = [f"# {one_line(article.title)}", f"*{_md_escape(one_line(facts))}*"]
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
    return _counts_view("heading", [(r.heading, r.articles) for r in rows])


def _counts_view(label: str, rows: Sequence[tuple[str, int]]) -> RenderableType:
    """A name a row and how many articles have it (headings, tags)."""
    table = Table()
    table.add_column(label)
    table.add_column("articles", justify="right", no_wrap=True)
    for name, articles in rows:
        table.add_row(text(name), str(articles))
    return table


def saved_view(rows: Sequence[SavedRow]) -> RenderableType:
    """newsarc saved on a terminal."""
    table = Table()
    for name in ("name", "query", "since", "until"):
        table.add_column(name)
    table.add_column("hits", justify="right", no_wrap=True)
    table.add_column("created", no_wrap=True)
    for r in rows:
        table.add_row(text("@" + r.name), text(r.query), text(r.since), text(r.until),
                      "?" if r.hits is None else str(r.hits), text(r.created))
    return table


def tag_counts_view(rows: Sequence[TagCount]) -> RenderableType:
    return _counts_view("tag", [(r.tag, r.articles) for r in rows])


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


def timeline_view(
    entries: Sequence[TimelineEntry], with_section: bool, outlets: bool = False
) -> RenderableType:
    table = Table()
    table.add_column("date", no_wrap=True)
    if outlets:
        table.add_column("outlet", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("title")
    if with_section:
        table.add_column("section")
    for i, e in enumerate(entries):
        if i and e.date is None and entries[i - 1].date is not None:
            table.add_section()
        date = text(e.date) if e.date else Text(UNDATED, style="dim italic")
        cells = [date, text(e.id), text(e.title)]
        if outlets:
            cells.insert(1, text(e.outlet) if e.outlet else Text(NO_OUTLET, style="dim italic"))
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


SERIES_STYLES = ("cyan", "magenta", "green", "yellow", "blue", "red")
SERIES_MARKS = "█▓▒░"  # told apart without colour too (NO_COLOR)


def _series_style(n: int) -> tuple[str, str]:
    return SERIES_STYLES[n % len(SERIES_STYLES)], SERIES_MARKS[n % len(SERIES_MARKS)]


def series_view(
    found: Series, points: Sequence[SeriesPoint], normalize: bool
) -> RenderableType:
    """A several-query timeline on a terminal (issue 18): the legend, then a row per period
    and query with its count (and share of the period with `normalize`), a bar scaled with
    every other row's, and a peak's top title."""
    legend = Text()
    index = {q.label: n for n, q in enumerate(found.queries)}
    for n, q in enumerate(found.queries):
        style, mark = _series_style(n)
        legend.append(f"{mark * 2} ", style=style)
        legend.append(safe(q.label), style="bold")
        if q.text != q.label:
            legend.append(f" = {safe(q.text)}", style="dim")
        legend.append("   ")
    if found.within is not None:
        legend.append(f"(totals: articles matching {safe(found.within)})", style="dim")
    dated = [p for p in points if p.start is not None]
    top_count = max((p.count for p in dated), default=0)
    top_ratio = max((p.ratio or 0.0 for p in dated), default=0.0)
    table = Table()
    table.add_column("period", no_wrap=True)
    table.add_column("query", no_wrap=True)
    table.add_column("count", justify="right", no_wrap=True)
    if normalize:
        table.add_column("share", justify="right", no_wrap=True)
        table.add_column("of", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, min_width=BAR_WIDTH)
    table.add_column("peak: top title")
    previous = None
    for p in points:
        first = p.period != previous
        if first and previous is not None and p.period == UNDATED:
            table.add_section()
        previous = p.period
        style, mark = _series_style(index[p.query])
        if normalize:
            length = bar(round((p.ratio or 0.0) * 1_000_000), round(top_ratio * 1_000_000))
        else:
            length = bar(p.count, top_count)
        cells: list[RenderableType] = [
            (text(p.period) if p.period != UNDATED else Text(UNDATED, style="dim italic"))
            if first else Text(""),
            Text(safe(p.query), style=style),
            Text(str(p.count), style="" if p.count else "dim"),
        ]
        if normalize:
            share = "" if p.ratio is None else f"{p.ratio * 100:.1f}%"
            cells += [Text(share, style="" if p.ratio else "dim"), Text(str(p.total), style="dim")]
        cells += [Text(length.replace("█", mark), style=style),
                  _clipped(one_line(p.peak)) if p.peak else Text("")]
        table.add_row(*cells)
    return Group(legend, table)


NO_OUTLET = "no outlet"


def coarser_view(periods: Sequence[Period], coarser: Sequence[Period], by: str) -> RenderableType:
    """timeline --events on a terminal: the periods, then the dates mentioned at a coarser
    grain than the unit, apart (not spread over the periods they cover)."""
    if not coarser:
        return periods_view(periods)
    table = periods_view(coarser)
    assert isinstance(table, Table)
    table.columns[0].header = "mentioned"
    return Group(periods_view(periods), Text(""),
                 Text(f"dates mentioned at a coarser grain than a {by}:", style="bold"), table)


def events_view(found: Sequence[Event]) -> RenderableType:
    """newsarc events on a terminal: the date mentioned, the article (id and date), and the
    sentence with the date highlighted."""
    table = Table()
    table.add_column("mentioned", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("sentence")
    for e in found:
        table.add_row(text(e.value), text(e.id),
                      text(e.date) if e.date else Text(UNDATED, style="dim italic"),
                      highlighted(e.sentence, [e.mark], style=DATE_STYLE))
    return table


def story_view(entries: Sequence[StoryDate]) -> RenderableType:
    """timeline --story on a terminal: the date, and each sentence with its sources (dim)."""
    table = Table(show_lines=True)
    table.add_column("date", no_wrap=True)
    table.add_column("what happened")
    for entry in entries:
        cell = Text()
        for n, sentence in enumerate(entry.sentences):
            if n:
                cell.append("\n")
            cell.append(safe(sentence.text))
            cell.append(" (" + ", ".join(safe(id) for id in sentence.ids) + ")", style="dim")
        if not entry.sentences:
            cell.append("no sentence names this day", style="dim italic")
        table.add_row(text(entry.date), cell)
    return table


def split_periods_view(series: Sequence[tuple[str | None, Sequence[Period]]]) -> RenderableType:
    """timeline --by --split source on a terminal: a row per period, a column per outlet."""
    table = Table()
    table.add_column("period", no_wrap=True)
    for outlet, _ in series:
        table.add_column(text(outlet) if outlet else Text(NO_OUTLET, style="dim italic"),
                         justify="right", no_wrap=True)
    table.add_column("total", justify="right", no_wrap=True)
    for rows in zip(*(periods for _, periods in series), strict=True):
        label = rows[0].label
        if label == UNDATED:
            table.add_section()
        counts = [Text(str(p.count), style="" if p.count else "dim") for p in rows]
        table.add_row(text(label) if label != UNDATED else Text(UNDATED, style="dim italic"),
                      *counts, str(sum(p.count for p in rows)))
    return table


def lines_view(header: str, lines: Sequence[str]) -> RenderableType:
    """One column of lines: the ids `rm` removed, the problems `check` found."""
    table = Table()
    table.add_column(header)
    for line in lines:
        table.add_row(text(line))
    return table


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "kB", "MB"):
        if size < 1000:
            return f"{int(size)} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} GB"


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
        ("clusters", f"{stats.clusters:,}"),
        ("articles in multi-article clusters", f"{stats.clustered:,}"),
    ]
    for name, value in rows:
        table.add_row(name, text(value))
    for n, (outlet, count) in enumerate(stats.outlets):
        table.add_row("outlets" if n == 0 else "", text(f"{count:,}  {outlet}"))
    return table


def kwic_view(lines: Iterable[KwicLine], width: int) -> Table:
    """kwic on a terminal: each occurrence on one line, the matches aligned and highlighted."""
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column("id", style="cyan", no_wrap=True, overflow="fold", max_width=28)
    table.add_column("date", no_wrap=True)
    table.add_column("section", no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column("left", justify="right", no_wrap=True, min_width=width // 2)
    table.add_column("match", style="bold yellow", no_wrap=True)
    table.add_column("right", no_wrap=True, min_width=width // 2)
    for line in lines:
        table.add_row(text(line.id), text(line.date or UNDATED), text(line.section or "lede"),
                      text(line.left), text(line.match), text(line.right))
    return table


class UpgradeBar:
    """The progress bar of a long archive upgrade (or of `what` else), on stderr."""

    def __init__(self, total: int, what: str = "upgrading the archive") -> None:
        self.progress = Progress(TextColumn(what), BarColumn(),
                                 MofNCompleteColumn(), TimeRemainingColumn(),
                                 console=stderr_console(), transient=True)
        self.task = self.progress.add_task("upgrade", total=total)
        self.progress.start()

    def update(self, done: int) -> None:
        self.progress.update(self.task, completed=done)
        if self.progress.finished:
            self.progress.stop()


def clusters_view(rows: Sequence[StoryCluster]) -> RenderableType:
    """`newsarc clusters` on a terminal: the largest story clusters first."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("size", justify="right")
    table.add_column("first", no_wrap=True)
    table.add_column("last", no_wrap=True)
    table.add_column("cluster", style="cyan", overflow="fold", max_width=28)
    table.add_column("title", ratio=1)
    for c in rows:
        table.add_row(f"{c.size:,}", text(c.first_date or "undated"),
                      text(c.last_date or "undated"), text(c.cluster), text(c.title))
    return table


def places_view(rows: Sequence[PlaceCount]) -> RenderableType:
    """`newsarc places` on a terminal: the places named most first."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("place", style="green", ratio=1)
    table.add_column("country", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("mentions", justify="right")
    for p in rows:
        table.add_row(text(p.name), text(p.country), text(p.kind), f"{p.articles:,}",
                      f"{p.mentions:,}")
    return table


def similar_view(of: str, rows: Sequence[SimilarArticle]) -> RenderableType:
    """`newsarc similar ID` on a terminal: its cluster's members, then the nearest others."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False,
                  title=Text.assemble("like ", text(of)), title_justify="left")
    table.add_column("", no_wrap=True)
    table.add_column("similarity", justify="right")
    table.add_column("J / C / S", no_wrap=True, style="dim")
    table.add_column("id", style="cyan", overflow="fold", max_width=28)
    table.add_column("date", no_wrap=True)
    table.add_column("title", ratio=1)
    for a in rows:
        table.add_row("same story" if a.member else "other", f"{a.similarity:.2f}",
                      f"{a.jaccard:.2f} / {a.containment:.2f} / {a.sentences:.2f}",
                      text(a.id), text(a.date or "undated"), text(a.title))
    return table
