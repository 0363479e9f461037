"""`timeline --plot FILE.svg|FILE.png`: a several-query timeline as a line chart (issue 18).

matplotlib is an optional extra (`pip install 'newsarc[plot]'`), imported only inside these
functions, so no other command pays for it. The chart is drawn on a bare Figure with the Agg
canvas (no pyplot, no display, no global state): one line per query (counts, or the share of
the period's articles in percent with --normalize), each peak marked and labelled with its top
article's title, dates on the x axis, a title, axis labels and a legend. SVG keeps its text as
text, and a PNG names its series in its metadata, so both can be searched.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from newsarc.errors import UsageError
from newsarc.models import Series

FORMATS = (".svg", ".png")
INSTALL = "pip install 'newsarc[plot]'"
PEAK_LABEL = 40  # characters of a peak's title shown on the chart


def check(path: Path) -> None:
    """Raise a UsageError (exit 2) before any work when the chart cannot be written: a file
    type other than svg or png, or matplotlib not installed (saying how to install it)."""
    if path.suffix.lower() not in FORMATS:
        raise UsageError(f"--plot: {path.name}: expected a .svg or .png file")
    _matplotlib()


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise UsageError("--plot needs matplotlib, which is not installed",
                         hint=f"install it with: {INSTALL}") from None
    return matplotlib


def write(found: Series, path: Path, normalize: bool) -> None:
    """The chart of `found` to `path` (.svg or .png by its suffix)."""
    _matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 5.5), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    axes: Any = figure.add_subplot()  # matplotlib types want floats for dates
    for q in found.queries:
        points = [p for p in found.points if p.query == q.label and p.start is not None]
        days = [date.fromisoformat(p.start) for p in points if p.start]
        values = [(p.ratio or 0.0) * 100 if normalize else p.count for p in points]
        label = q.label if q.label == q.text else f"{q.label} ({q.text})"
        (line,) = axes.plot(days, values, marker="o", markersize=3, linewidth=1.5, label=label)
        for day, value, p in zip(days, values, points, strict=True):
            if p.peak:
                axes.annotate(_short(p.peak), (day, value), xytext=(4, 6),
                              textcoords="offset points", fontsize=7, color=line.get_color(),
                              rotation=15)
                axes.plot([day], [value], marker="^", color=line.get_color(), markersize=7)
    unit = {"day": "day", "week": "ISO week", "month": "month", "year": "year"}[found.by]
    whose = f"articles matching {found.within}" if found.within else "all articles"
    axes.set_title(f"Articles per {unit}" + (f", as a share of {whose}" if normalize else ""))
    axes.set_xlabel(f"{unit} (first day)")
    axes.set_ylabel(f"share of {whose} (%)" if normalize else "articles")
    axes.set_ylim(bottom=0)
    axes.grid(True, alpha=0.3)
    axes.legend(loc="upper left", fontsize=8)
    figure.autofmt_xdate()
    labels = "; ".join(q.label for q in found.queries)
    if path.suffix.lower() == ".svg":
        with _svg_text():
            figure.savefig(path, format="svg", metadata={"Title": f"newsarc timeline: {labels}"})
    else:
        figure.savefig(path, format="png",
                       metadata={"Title": "newsarc timeline", "Description": labels})


def _svg_text() -> Any:
    """SVG text kept as text (not glyph outlines): readable and searchable."""
    import matplotlib

    return matplotlib.rc_context({"svg.fonttype": "none"})


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= PEAK_LABEL else title[: PEAK_LABEL - 1] + "…"
