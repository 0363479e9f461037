"""Plain output: what newsarc prints in a pipe (tsv, csv, json, jsonl, ids) and on stderr.

No rich here: `newsarc search ... --format ids` runs in shell loops, and importing rich costs
more than the query. Article text is data: `safe()` strips escape sequences, other control
characters and bidi overrides from everything printed as text; `json_line()` keeps the data
exact but writes anything a terminal could act on as a \\u escape.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from newsarc.models import FileResult, Hit, KwicLine, Meta, Place, StoryDate

if TYPE_CHECKING:
    from newsarc.query import Explained, Ranking

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


def is_terminal(stream: IO[str] | None = None) -> bool:
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# Messages


# What a one-line message shows escaped: every control character (tab and newline too), the
# line and paragraph separators, and the bidi overrides and isolates.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def visible(text: str) -> str:
    """One line of text that means what it shows: a control character is written as an escape
    (a newline as `\\n`, ESC as `\\x1b`), the way `articles.printable()` writes a byte that is
    not UTF-8, so a file name cannot break a message in two or forge another line."""
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(lambda m: _ESCAPES.get(m.group()) or _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def message(prefix: str, text: str) -> str:
    """One stderr line, `newsarc: PREFIX: text`, every part of it visible (`visible()`)."""
    return visible(f"newsarc: {prefix}: {text}" if prefix else f"newsarc: {text}")


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


def ingest_summary_line(counts: dict[str, int], warnings: int) -> str:
    """The summary as one stderr line, when stdout is not a terminal."""
    dup, err = counts.get("duplicate", 0), counts.get("error", 0)
    parts = [f"{counts.get(status, 0)} {status}" for status in ("added", "updated", "unchanged")]
    parts += [f"{dup} duplicate{'s' if dup != 1 else ''}", f"{warnings} with warnings",
              f"{err} error{'s' if err != 1 else ''}"]
    if counts.get("saved"):  # an export's saved searches (issue 19)
        parts.append(f"{counts['saved']} saved search{'es' if counts['saved'] != 1 else ''}")
    return "newsarc: ingest: " + ", ".join(parts)


def result_json(result: FileResult) -> str:
    """One `--format jsonl` line: path, id, status, and every message about the file."""
    return json_line(
        {
            "path": result.path,
            "id": result.id,
            "status": result.status,
            "message": "; ".join(filter(None, [result.message, *result.warnings])),
        }
    )


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


# ---------------------------------------------------------------------------------------------
# Generic record output


def write_records(
    rows: Iterable[dict[str, Any]],
    fields: Sequence[str],
    fmt: str,
    out: IO[str],
    header: bool = True,
) -> int:
    """Write dict rows as tsv, csv, json (one array), jsonl or ids; return how many.

    tsv has no header and one line per row (tabs and newlines in fields become spaces), so
    `cut -f1` works; json and jsonl go through json_line(), exact yet safe on a terminal.
    """
    n = 0
    if fmt == "json":
        for row in rows:
            n += 1
            out.write(("[\n" if n == 1 else ",\n") + json_line(_pick(row, fields)))
        out.write("\n]\n" if n else "[]\n")
        return n
    writer = csv.writer(out, lineterminator="\n")
    if fmt == "csv" and header:
        writer.writerow(fields)
    for row in rows:
        n += 1
        if fmt == "csv":
            writer.writerow(["" if row.get(f) is None else safe(str(row.get(f))) for f in fields])
        elif fmt == "jsonl":
            out.write(json_line(_pick(row, fields)) + "\n")
        elif fmt == "ids":
            out.write(one_line(str(row[fields[0]])) + "\n")
        else:  # tsv
            out.write("\t".join(_cell(row.get(f)) for f in fields) + "\n")
    return n


_NEEDS_QUOTES = re.compile(r"[\s'\"\\]")


def id_list(ids: Iterable[str]) -> str:
    """Ids in one tsv or csv cell: separated by spaces, and an id that holds a space, a quote
    or a backslash quoted as a POSIX shell would, so `xargs` and `shlex.split()` read the
    list back (an id may hold any printable character, single spaces included)."""
    from shlex import quote

    return " ".join(quote(id) if not id or _NEEDS_QUOTES.search(id) else id for id in ids)


def _pick(row: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    return {f: row.get(f) for f in fields}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return one_line(str(value))


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
        **({"copies": hit.copies} if hit.copies is not None else {}),
    }


# What `search --fields` may name besides HIT_FIELDS: the path an article was read from
# (`source`) and its metadata.
META_FIELDS = ("source", "outlet", "url", "author", "language", "meta")


def choose_fields(spec: str, json: bool) -> tuple[str, ...]:
    """`--fields id,date,outlet`: the columns asked for, in that order; UsageError naming the
    ones that do not exist."""
    from newsarc.errors import UsageError

    known = HIT_FIELDS + (("highlights",) if json else ()) + META_FIELDS + ("copies",)
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in spec.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in known]
    if unknown or not chosen:
        raise UsageError(f"--fields: unknown field {unknown[0]!r}" if unknown
                         else "--fields: no field named", hint=f"fields: {', '.join(known)}")
    return chosen


def meta_row(source: str | None, meta: Meta, json: bool) -> dict[str, Any]:
    """An article's path and metadata as row fields; in tsv and csv `meta` is a JSON object
    written as text (empty when there is none)."""
    extra = dict(meta.extra)
    return {"source": source, "outlet": meta.outlet, "url": meta.url, "author": meta.author,
            "language": meta.language,
            "meta": extra if json else (json_line(extra) if extra else None)}


def hit_json(hit: Hit) -> dict[str, Any]:
    """A hit for json and jsonl: the row, and where the matches are in the snippet
    (`[start, end]` character offsets), as a terminal highlights them."""
    return {**hit_row(hit), "highlights": [list(span) for span in hit.highlights]}


# ---------------------------------------------------------------------------------------------
# kwic and --explain

KWIC_FIELDS = ("id", "date", "section", "left", "match", "right")


def kwic_row(line: KwicLine) -> dict[str, Any]:
    return {"id": line.id, "date": line.date, "section": line.section or "lede",
            "left": line.left, "match": line.match, "right": line.right}


def kwic_text(lines: Iterable[KwicLine], width: int, out: IO[str]) -> int:
    """The classic concordance: one line per occurrence, the matches aligned in one column
    (so the lines are gathered first, to measure the id, date and section columns)."""
    rows = [(one_line(line.id), line.date or "undated", one_line(line.section or "lede")[:24],
             one_line(line.left), one_line(line.match), one_line(line.right)) for line in lines]
    if not rows:
        return 0
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        where = "  ".join(f"{row[i]:<{widths[i]}}" for i in range(3))
        out.write(f"{where}  {row[3]:>{width}} {row[4]} {row[5]}".rstrip() + "\n")
    return len(rows)


def explain_lines(explained: Explained,
                  places: dict[str, tuple[list[Place], int]] | None = None,
                  ranking: Ranking | None = None) -> Iterator[str]:
    """`search --explain`: how the query was read, one fact a line; `places`, the archive's
    places each `place:` name means, and how many places it holds within them; `ranking`,
    which matches the search ranks (None: no archive was opened)."""
    yield f"query: {one_line(explained.reading) or '(dates only)'}"
    width = max((len(one_line(typed)) for typed, _, _ in explained.words), default=0)
    for typed, searched, kind in explained.words:
        folded = f" (searched as {one_line(searched)})" if searched != typed.strip('"=*') else ""
        yield f"  {one_line(typed):<{width}}  {kind}{folded}"
    for name, (found, within) in (places or {}).items():
        means = "; ".join(f"{p.name} ({p.country}, {p.kind}"
                          + (f", GeoNames {p.geonameid})" if p.geonameid else ")")
                          for p in found) or "no place this archive's articles name"
        if within:
            means += f"; and {within} place{'s' if within != 1 else ''} within"
        yield f"place {one_line(name)}: {one_line(means)}"
    if explained.dates:
        yield f"dates: {explained.dates.start or '…'} .. {explained.dates.end or '…'}"
    from newsarc.normalise import ACRONYM_MARK

    syntax = explained.syntax
    shown = [(label, expr) for label, expr in ((syntax, explained.match),
             (f"{syntax}, excluded", explained.exclude), ("sql", explained.where)) if expr]
    for label, expr in shown:
        yield f"{label}: {_visible(one_line(expr))}"
    if any(ACRONYM_MARK in expr for _, expr in shown):
        yield "(\\ue000 ends the capitals-only form of an acronym in the index)"
    if any(mark in expr for _, expr in shown for mark in "\ue001\ue002"):
        yield "(\\ue001 and \\ue002 start the credit's and the dateline's own copies of words)"
    if ranking is not None and ranking.matches is not None:
        from newsarc.query import RANK_ALL

        matches = f"{ranking.matches:,} article{'s' if ranking.matches != 1 else ''}"
        if ranking.within is None:
            yield f"ranking: every match ({matches} in the index)"
        else:
            yield (f"ranking: {matches} in the index, more than {RANK_ALL:,}: only those with"
                   " the query's rarest word (each alternative's) in the title or a heading"
                   " are ranked (--exact ranks every match)")
            yield f"ranked within: {_visible(one_line(ranking.within))}"


_MARKS = re.compile("[\ue000-\ue003]")  # the index's private marks (newsarc.store.postgres)


def _visible(text: str) -> str:
    """The index's marks written out (`\\ue000`): they are private-use characters."""
    return _MARKS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# ---------------------------------------------------------------------------------------------
# Story timelines (timeline --story)

STORY_FIELDS = ("date", "sentences", "ids", "score")


def story_row(entry: StoryDate, machine: bool) -> dict[str, Any]:
    """One date: in json the sentences and ids are lists; in tsv and csv the sentences are
    joined by ` | ` and the ids written as `id_list()` writes them."""
    sentences = [s.text for s in entry.sentences]
    return {"date": entry.date,
            "sentences": sentences if machine else " | ".join(sentences),
            "ids": list(entry.ids) if machine else id_list(entry.ids),
            "score": entry.score}


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def story_markdown(entries: Sequence[StoryDate], title: str) -> str:
    """A timeline to paste into a report: a heading, then one bullet per date (bold), each
    sentence a bullet under it followed by its sources in parentheses."""
    lines = [f"## Timeline: {_md(title)}", ""]
    for entry in entries:
        lines.append(f"- **{entry.date}**")
        for sentence in entry.sentences:
            sources = ", ".join(_md(id) for id in sentence.ids)
            lines.append(f"  - {_md(sentence.text)} ({sources})")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """One line of markdown that shows `text` as written."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))
