"""Helpers for the tests of the reading commands (show, sections, timeline, stats, export).

Golden files: the rich views are rendered on a fixed-width colourless Console and compared with
`tests/golden/<name>.txt`, so a layout change shows up in review as a diff of those files.
To accept a deliberate change, regenerate them and review the diff:

    NEWSARC_REGEN_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_show.py tests/test_sections.py \
        tests/test_timeline.py tests/test_stats.py
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, RenderableType

from newsarc.articles import parse
from newsarc.models import Article

if TYPE_CHECKING:
    from tests.conftest import Run
from tests.archive import connect
from tests.conftest import SEED

GOLDEN = Path(__file__).parent / "golden"
WIDTH = 80


def rendered(renderable: RenderableType, width: int = WIDTH) -> str:
    """What a colourless terminal `width` columns wide shows."""
    console = Console(file=io.StringIO(), width=width, color_system=None, no_color=True,
                      force_terminal=False, highlight=False, legacy_windows=False)
    console.print(renderable)
    out = console.file.getvalue()
    assert isinstance(out, str)
    return out


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("NEWSARC_REGEN_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with NEWSARC_REGEN_GOLDEN=1 to write it"
    assert actual == path.read_text(encoding="utf-8"), f"{name}: differs from {path}"


def corpus_articles() -> dict[str, Article]:
    """The corpus as the parser reads it: what ingest must have stored, by id."""
    from tests.corpus import ARTICLES

    return {id: parse(text, id=id).article for id, text in ARTICLES.items()}


def seed_article() -> Article:
    return parse(SEED.read_text(encoding="utf-8"), id=SEED.stem).article


def sort_key(date: str | None, id: str) -> tuple[bool, str, str]:
    """Oldest first, undated last: stored dates order as strings."""
    return (date is None, date or "", id)


def tsv(stdout: str) -> list[list[str]]:
    return [line.split("\t") for line in stdout.splitlines()]


def jsonl(stdout: str) -> list[Any]:
    return [json.loads(line) for line in stdout.splitlines()]


def section_dicts(article: Article) -> list[dict[str, Any]]:
    return [{"position": s.position, "heading": s.heading, "text": s.text}
            for s in article.sections]


HOSTILE = " \x1b[2J\u202egnp.exe"  # an escape sequence (clear screen) and a bidi override


def inject_hostile(db: Path, id: str = "a26-markup") -> None:
    """Put HOSTILE into an article's title, headings and text, as another tool writing to the
    archive could (ingest itself removes control characters)."""
    conn = connect(db)
    with conn:
        conn.execute("UPDATE articles SET title = title || ? WHERE id = ?", (HOSTILE, id))
        conn.execute("UPDATE sections SET text = text || ?, heading = heading || ?"
                     " WHERE article_id = ?", (HOSTILE, HOSTILE, id))
    conn.close()


def assert_inert(out: str) -> None:
    """Nothing a terminal would act on: no escape sequence, no bidi override."""
    assert "\x1b" not in out and "\u202e" not in out


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def ingest_texts(run: Run, folder: Path, texts: dict[str, str]) -> Path:
    """Write each text as `folder/NAME.txt` and ingest the folder (it must go well)."""
    folder.mkdir()
    for name, text in texts.items():
        write(folder, name, text)
    result = run("ingest", str(folder), "--quiet")
    assert result.exit_code == 0, result.stderr
    return folder


def shown(run: Run, id: str, key: str) -> list[dict[str, object]]:
    """One list of `show ID --format json` (its `dates`, its `places`)."""
    result = run("show", id, "--format", "json")
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)[key]
    return found


def modules_loaded_by(*args: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `newsarc ARGS` (start-up
    matters for `newsarc search`: what it must not import, the tests check here)."""
    import subprocess
    import sys

    code = ("import sys; from typer.testing import CliRunner; from newsarc.cli import app;"
            f" CliRunner().invoke(app, {list(args)!r}); print(' '.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())
