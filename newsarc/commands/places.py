"""Places: `newsarc places`, the places the matching articles name (issue 17)."""

from enum import Enum
from typing import Annotated

import typer

from newsarc.commands.base import (
    QueryCommand,
    _emit,
    _format,
    _format_option,
    _no_overflow,
    app,
    fail,
    open_store,
    warn_stale_places,
)

PLACE_FIELDS = ("name", "country", "kind", "articles", "mentions", "geonameid", "lat", "lon")


class PlaceFormat(str, Enum):
    rich = "rich"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    geojson = "geojson"


class PlaceKind(str, Enum):
    country = "country"
    region = "region"
    city = "city"


@app.command(cls=QueryCommand)
def places(
    query: Annotated[
        list[str] | None,
        typer.Argument(help="A search (the search language); without one, the whole archive."),
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", metavar="CC",
                                 help="Only places in this country (ISO 3166 code: IQ, US).")
    ] = None,
    kind: Annotated[
        PlaceKind | None, typer.Option("--kind", help="Only countries, regions or cities.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, callback=_no_overflow,
                                       help="At most N places; 0 for all.")] = 50,
    fmt: Annotated[PlaceFormat | None,
                   _format_option(PlaceFormat, "tsv", "geojson: points with counts, for a "
                                  "map.")] = None,
) -> None:
    """Where it happened: the places the matching articles name, most named first.

    One row per place: its name, country (ISO 3166 code), kind (country, region, city), how
    many articles name it and how many times, its GeoNames id and point (a city's own, a
    country's capital's, a US state's largest city's). Places are found at ingest, by any
    spelling, demonym (`Iraqi`) or metonym (`Moscow denied`): see the README's "Places".
    --format geojson writes a FeatureCollection of points with the counts, ready for a map.
    Exit 1 when no place is named.
    """
    import sys
    from dataclasses import asdict

    from newsarc import geo, output, render

    chosen = _format(fmt, "tsv")
    code = country.strip().upper() if country is not None else None
    if code is not None and not (len(code) == 2 and code.isalpha() and code.isascii()):
        fail(f"--country {country!r}: give a two-letter ISO 3166 code (IQ, US, GB)", 2)
    text = " ".join(query or []).strip() or None
    with open_store() as store:
        warn_stale_places(store)
        found = geo.place_counts(store, text, code, kind.value if kind else None, limit)
    if chosen == "geojson":
        sys.stdout.write(output.json_line(geo.geojson(found)) + "\n")
    elif found:
        _emit(chosen, lambda: render.places_view(found), map(asdict, found), PLACE_FIELDS)
    if not found:
        fail("no places named" + (" in the matching articles" if text else ""))
