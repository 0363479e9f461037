"""Export: every article streamed in id order, and an export read back for `ingest`.

The jsonl record is the one `show --format json` prints: `id, date, title, source (the path it
was read from), outlet, url, author, language, meta (an object of other metadata keys),
dateline, credit (the lede's wire dateline and agency), sha256, words, cluster, copy_of,
apart, joined, tags (a user's story overrides and tags, restored by ingest),
sections: [{position, heading, text}], dates: [{start, end, surface, value, granularity, how}],
places: [{start, end, surface, name, country, geonameid, kind, place_kind, lat, lon}]` (the
date and place mentions, offsets into the article's seed text: `with_mentions()`). Read back
it gives the same article, so the same sha256; an export -> fresh archive -> export round trip
is identical. After the articles, one line per saved search: `{"kind": "saved", name, query,
since, until, created}`, restored by ingest as well. Memory stays flat: one article is held
at a time, on the way out (`Store.iter_articles()`) and on the way in (one line).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsarc.articles import (
    META_KEYS,
    clean,
    clean_id,
    lede_dateline,
    make_article,
    meta_key,
    meta_value,
)
from newsarc.dates import period
from newsarc.errors import InputError, UsageError
from newsarc.models import Article, Mention, Meta, Parsed, PlaceMention, Section
from newsarc.store import Store

if TYPE_CHECKING:
    from newsarc.userdata import SavedSearch

ARTICLE_FIELDS = ("id", "date", "title", "source", "outlet", "url", "author", "language", "meta",
                  "dateline", "credit", "sha256", "words", "cluster", "copy_of", "apart", "joined",
                  "tags", "sections", "dates", "places")
# A saved search in an export: a line of its own, after the articles (issue 19).
SAVED_FIELDS = ("kind", "name", "query", "since", "until", "created")
CSV_FIELDS = ("id", "date", "title", "source", "outlet", "url", "author", "language", "meta",
              "sha256", "position", "heading", "text")


def article_record(article: Article) -> dict[str, Any]:
    """The json object for one article (show --format json, export --format jsonl).

    `dateline` (the place as written) and `credit` (the agency) are read from the lede as
    ingest read them; an export read back derives them again from the same text."""
    lede = article.sections[0].text if article.sections and article.sections[0].heading is None \
        else ""
    found, _ = lede_dateline(lede)
    return {
        "id": article.id,
        "date": article.date,
        "title": article.title,
        "source": article.source,
        **meta_record(article.meta),
        "dateline": found.place if found else None,
        "credit": found.credit if found else None,
        "sha256": article.sha256,
        "words": article.words,
        "sections": [
            {"position": s.position, "heading": s.heading, "text": s.text}
            for s in article.sections
        ],
    }


def meta_record(meta: Meta) -> dict[str, Any]:
    """An article's metadata as json keys: outlet, url, author, language (null when not
    given) and meta, an object of the other keys ({} when none)."""
    return {"outlet": meta.outlet, "url": meta.url, "author": meta.author,
            "language": meta.language, "meta": dict(meta.extra)}


def records(store: Store) -> Iterator[dict[str, Any]]:
    for article in store.iter_articles():
        yield with_mentions(store, article, with_cluster(store, article_record(article)))


def with_mentions(store: Store, article: Article, record: dict[str, Any]) -> dict[str, Any]:
    """An article's record with the mentions stored for it, each with `start`, `end` (offsets
    into the article as `show --format text` prints it, its seed text) and `surface`:
    `dates` (issue 15) with `value`, `granularity`, `how`; `places` (issue 17) with the
    place's `name`, `country` (ISO 3166 alpha-2), `geonameid` (null for a region GeoNames'
    tables leave out), `kind` (name, metonym, adjectival: how the text names it),
    `place_kind` (country, region, city), `lat`, `lon`. Read back by ingest as nothing: the
    mentions are found again from the text."""
    dates, places = store.mentions_of(article.id), store.places_of(article.id)
    from newsarc.articles import section_offsets

    offsets = section_offsets(article) if dates or places else {}
    return {**record,
            "dates": [{**_span(offsets, m), "value": m.value, "granularity": m.granularity,
                       "how": m.how} for m in dates if m.position in offsets],
            "places": [{**_span(offsets, m), "name": m.place.name, "country": m.place.country,
                        "geonameid": m.place.geonameid, "kind": m.kind,
                        "place_kind": m.place.kind, "lat": m.place.lat, "lon": m.place.lon}
                       for m in places if m.position in offsets]}


def _span(offsets: dict[int, int], m: Mention | PlaceMention) -> dict[str, Any]:
    return {"start": offsets[m.position] + m.start, "end": offsets[m.position] + m.end,
            "surface": m.surface}


def with_cluster(store: Store, record: dict[str, Any]) -> dict[str, Any]:
    """An article's record with its story cluster (issue 14): `cluster`, the id of its
    representative, and `copy_of`, the same for the other members (null for the
    representative). Read back by ingest as nothing: clusters are worked out again; a user's
    overrides (`apart`, and `joined`, the ids it was joined with) are restored."""
    rep = store.clusters_of([record["id"]]).get(record["id"], record["id"])
    found = {**record, "cluster": rep, "copy_of": rep if rep != record["id"] else None}
    # A user's overrides (`newsarc split`, `newsarc join`): restored by ingest.
    found["apart"], found["joined"] = store.overrides_of(record["id"])
    found["tags"] = store.tags_of(record["id"])  # a user's tags (issue 19): restored too
    found["sections"] = found.pop("sections")  # last, as before
    return found


def saved_records(store: Store) -> Iterator[dict[str, Any]]:
    """The saved searches as export lines (`kind` "saved"), read back by ingest."""
    for s in store.saved_searches():
        yield {"kind": "saved", "name": s.name, "query": s.query, "since": s.since,
               "until": s.until, "created": s.created}


def parse_saved(data: bytes) -> SavedSearch | None:
    """A saved search's export line, or None when the line is not one (an article)."""
    if b'"kind"' not in data:  # an article's line is parsed in a worker, not here
        return None
    try:
        record = json.loads(data.decode("utf-8"))
    except ValueError:
        return None  # parse_record() says what is wrong with it
    if not isinstance(record, dict) or record.get("kind") != "saved":
        return None
    from newsarc.tags import check_name
    from newsarc.userdata import SavedSearch

    values = {key: record.get(key) for key in SAVED_FIELDS[1:]}
    for key, value in values.items():
        if not isinstance(value, str) and not (value is None and key not in ("name", "query")):
            raise InputError(f"saved search: {key}: expected a string, got {_kind(value)}")
    try:
        name = check_name(str(values["name"]), "saved search name")
    except UsageError as exc:
        raise InputError(exc.message) from None
    return SavedSearch(name, clean(str(values["query"]), []), values["since"],
                       values["until"], values["created"] or "")  # "": saved now


def section_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One row per section, the article's fields repeated: what a spreadsheet wants."""
    for a in store.iter_articles():
        for s in a.sections:
            yield {"id": a.id, "date": a.date, "title": a.title, "source": a.source,
                   **meta_record(a.meta), "meta": json.dumps(dict(a.meta.extra),
                                                             ensure_ascii=False)
                   if a.meta.extra else None,
                   "sha256": a.sha256, "position": s.position, "heading": s.heading,
                   "text": s.text}


# ---------------------------------------------------------------------------------------------
# Reading an export back


def jsonl_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for each non-blank line, read lazily; InputError if unreadable."""
    try:
        f = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    with f:
        for number, line in enumerate(f, 1):
            if line.strip():
                yield number, line


def parse_record(data: bytes) -> Parsed:
    """One jsonl line -> the article it records, cleaned as any ingested text is.

    Text goes through the same cleaning as a seed file (control characters, tabs), so an
    export edited by hand or written by another tool cannot put escape sequences into the
    archive; for an export newsarc wrote, cleaning changes nothing.
    """
    try:
        record = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError("not a JSON object (an export line is one article)")
    warnings: list[str] = []
    article_id = clean_id(_string(record, "id", warnings, one_line=True))
    title = _string(record, "title", warnings, one_line=True)
    if not article_id or not title:
        raise InputError("id and title must not be empty")
    # The source is a path as the file system gave it, and the key ingest matches files by:
    # kept exact (everything that prints it strips control characters).
    source = record.get("source")
    if source is not None and not isinstance(source, str):
        raise InputError(f"source: expected a string, got {_kind(source)}")
    article = make_article(article_id, _date(record.get("date")), title, source,
                           _sections(record.get("sections"), warnings), None,
                           _meta(record, warnings))
    given = record.get("sha256")
    if given is not None and given != article.sha256:
        warnings.append("text differs from the exported sha256 (edited?); stored as it reads now")
    joined = record.get("joined") or []
    if not isinstance(joined, list) or not all(isinstance(i, str) for i in joined):
        warnings.append("joined: expected a list of ids; story overrides not restored")
        joined = []
    tags = _tags(record, warnings)
    return Parsed(article, tuple(dict.fromkeys(warnings)), record.get("apart") is True,
                  tuple(clean_id(i) for i in joined if clean_id(i)), tags)


def _tags(record: dict[str, Any], warnings: list[str]) -> tuple[str, ...] | None:
    """The tags of a record (None when it has no `tags` key: an export from before issue
    19, whose articles keep the tags they have); a name that is no tag is left out."""
    from newsarc.tags import check_name

    value = record.get("tags")
    if value is None:
        return None
    if not isinstance(value, list):
        warnings.append(f"tags: expected a list, got {_kind(value)}; tags not restored")
        return None
    kept: list[str] = []
    for tag in value:
        try:
            kept.append(check_name(tag if isinstance(tag, str) else ""))
        except UsageError as exc:
            warnings.append(f"tags: {exc.message}; left out")
    return tuple(dict.fromkeys(kept))


def _string(
    record: dict[str, Any], key: str, warnings: list[str], *,
    optional: bool = False, one_line: bool = False,
) -> str:
    value = record.get(key)
    if value is None and optional:
        return ""
    if key not in record:
        raise InputError(f"no {key}")
    if not isinstance(value, str):
        raise InputError(f"{key}: expected a string, got {_kind(value)}")
    value = clean(value, warnings).strip("\n")
    if one_line and "\n" in value:
        warnings.append(f"{key} spanned several lines; joined")
        value = " ".join(value.split())
    return value


def _meta(record: dict[str, Any], warnings: list[str]) -> Meta:
    """The metadata keys of a record (all optional: an export from before issue 13 has none),
    cleaned as metadata read from a file is."""
    named: dict[str, str | None] = {}
    for key in ("outlet", "url", "author", "language"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{key}: expected a string or null, got {_kind(value)}")
        named[key] = (meta_value(value) or None) if value is not None else None
    extra = record.get("meta") or {}
    if not isinstance(extra, dict):
        raise InputError(f"meta: expected an object, got {_kind(extra)}")
    pairs: dict[str, str] = {}
    for key, value in extra.items():
        if not isinstance(value, str):
            raise InputError(f"meta: {key}: expected a string, got {_kind(value)}")
        clean_key, clean_value = meta_key(key), meta_value(value)
        if clean_key in META_KEYS.values():
            warnings.append(f"meta: key {key!r} is a field of its own; ignored")
        elif clean_key and clean_value:
            pairs[clean_key] = clean_value
    return Meta(named["outlet"], named["url"], named["author"], named["language"],
                tuple(pairs.items()))


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) in (4, 7, 10) and value[:4].isdigit():
        try:
            first, last = period(value)
            if date.fromisoformat(first) <= date.fromisoformat(last):
                return value
        except ValueError:
            pass
    raise InputError(f"date: expected null or 2024, 2024-02, 2024-02-03; got {value!r}")


def _sections(value: Any, warnings: list[str]) -> list[Section]:
    if not isinstance(value, list) or not value:
        raise InputError("sections: expected a non-empty list")
    sections: dict[int, Section] = {}
    for item in value:
        if not isinstance(item, dict):
            raise InputError(f"sections: expected objects, got {_kind(item)}")
        position = item.get("position")
        if not isinstance(position, int) or isinstance(position, bool) or position < 0:
            raise InputError(f"sections: position must be a whole number >= 0, got {position!r}")
        if position in sections:
            raise InputError(f"sections: position {position} given twice")
        heading = _string(item, "heading", warnings, optional=True, one_line=True) or None
        if heading is None and position != 0:
            raise InputError(f"sections: position {position} has no heading (only the lede may)")
        sections[position] = Section(position, heading, _string(item, "text", warnings))
    return [sections[p] for p in sorted(sections)]


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__
