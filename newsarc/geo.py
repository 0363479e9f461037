"""Places read back (issue 17): `newsarc places`, the places the matching articles name, most
named first, and a GeoJSON map of them. The mentions were found at ingest
(`newsarc.extract.places`) and stored; here they are counted.
"""

from __future__ import annotations

from typing import Any

from newsarc.models import PlaceCount
from newsarc.store import Store

KINDS = ("country", "region", "city")


def place_counts(store: Store, query: str | None, country: str | None = None,
                 kind: str | None = None, limit: int = 0) -> list[PlaceCount]:
    """The places the articles `query` finds (every article without one) name: how many
    articles name each, and how many times; most articles first, then most mentions, then
    by name. `country` (ISO 3166 alpha-2) and `kind` (country, region, city) narrow the list."""
    articles = None
    if query is not None:
        from newsarc.query import article_filter

        articles = article_filter(store, query)
    return store.place_counts(articles, country, kind, limit)


def geojson(rows: list[PlaceCount]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point per place that has a point (a region without a
    known point is left out), its counts as properties; coordinates are [lon, lat]."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature",
             "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
             "properties": {"name": p.name, "country": p.country, "kind": p.kind,
                            "geonameid": p.geonameid, "articles": p.articles,
                            "mentions": p.mentions}}
            for p in rows if p.lat is not None and p.lon is not None
        ],
    }
