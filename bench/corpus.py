"""A deterministic synthetic news corpus in the seed format, cached under bench/corpus/.

Real archives are not ours to ship, so the benchmark writes its own: words drawn with Zipf
frequencies from a vocabulary whose head is real English and news copy and whose tail is
made-up words (an FTS index grows with the vocabulary, so the tail matters); place and party
names with hyphens, accents and apostrophes (`Al-Qaim`, `São Paulo`, `Sinn Féin`, `Trump's`);
dotted abbreviations (`U.S.`, `U.N.`); 2-4 headings per article; dates over ten years; about
3 KB per article. `Al-Qaim` is rare on purpose (0.04% of articles: a few dozen at 100,000), so
that the rare-name query measures a lookup, not a scan.

Every article has its own seeded random stream, so the corpus is the same whatever the order
or number of processes that write it. Bump GENERATOR_VERSION whenever the output changes: the
cache is keyed by it and by n.

    python bench/corpus.py --n 2000     # prints the folder
    python bench/corpus.py --n 1000000  # about 3 GB; on every core, minutes on two
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsarc.models import Article

GENERATOR_VERSION = 1
SEED = 20240203
ROOT = Path(__file__).resolve().parent / "corpus"

FIRST_DAY = date(2015, 1, 1)
DAYS = 3653  # ten years: 2015-01-01 .. 2024-12-31
RARE_NAME = "Al-Qaim"
RARE_SHARE = 0.0004
ZIPF_S = 1.05
NUMBER_SHARE = 0.02  # figures, years, counts: real copy is full of them

# The queries the benchmark runs, kept here beside the ranks that give them their frequencies.
COMMON_WORD = "officials"  # rank 80: in roughly half of the articles
PHRASE = "security forces"  # rank 460: a two-word unit in about one article in ten
PREFIX = "strik"  # strike, strikes, striking, strikers, strikeouts at several ranks

# The head of the distribution, most frequent first: function words ...
FUNCTION_WORDS = """
the of and to a in that is was for on it with as he said by at from his be have an are has
but not they were this which or had their who been its will would more one after about also
we there than up out new all two into when could over other last first year can some them
her people if no she our so what like only time most these such may many against any while
before because three just where both those did government under then since between during
through how being should even still own back now very well much including made years there
""".split()

# ... then news copy and general English, shuffled into the middle ranks ...
CONTENT_WORDS = """
president minister police military country state city week month report percent million
billion economy market election party leader forces attack security border troops war
ministry court judge law bill vote parliament congress senate spokesman statement official
agency company industry bank trade oil prices workers union strike protest protesters crowd
capital region province district village town residents families children women men
hospital doctors health water food aid refugees camp fighting killed wounded injured dead
bodies bombing explosion blast rocket missile drone airstrike warplanes convoy checkpoint
militants rebels fighters insurgents army soldiers commander general colonel officers
intelligence investigation evidence witnesses prosecutors trial sentence prison charges
arrested suspects accused crime victims funeral mourners ceremony anniversary memorial
talks negotiations agreement deal ceasefire truce peace sanctions embassy ambassador envoy
diplomats summit meeting conference council committee commission panel board members
plan policy reform budget tax spending debt deficit growth inflation unemployment jobs
factory plant energy power electricity gas fuel pipeline exports imports shipping port
airport flights passengers train railway road bridge highway traffic accident crash fire
flood storm earthquake drought rain snow heat weather climate emissions coal solar wind
school students teachers university research scientists study data technology internet
phone network software hackers cyber privacy media newspaper television reporters journalist
interview speech campaign candidates voters polls ballot turnout results count recount
opposition coalition majority minority lawmakers deputies governor mayor council chief
director executive chairman founder owner investors shares stock profits losses revenue
sales customers consumers retailers farmers crops harvest wheat corn rice cattle land
housing rent homes buildings construction project contract tender investment fund loan
court ruling appeal constitution rights freedom justice equality discrimination migrants
asylum deportation visa citizens nationals population census survey figures record level
rise fall increase decline drop jump surge slump recovery crisis emergency shortage supply
demand cost price rate value share stake control power authority influence pressure
support opposition criticism concern fears warning threat risk danger damage destruction
response reaction decision move step effort attempt bid push call demand request offer
announced confirmed denied rejected accepted approved signed launched opened closed ended
began started continued remained returned arrived left fled moved sent deployed withdrew
told asked added noted warned urged called described explained insisted argued claimed
believed expected hoped planned agreed refused failed managed tried wanted needed helped
morning afternoon evening night today yesterday tomorrow weekend monday tuesday wednesday
thursday friday saturday sunday january february march april june july august september
october november december spring summer autumn winter decade century period moment hours
north south east west northern southern eastern western central local national international
foreign domestic federal regional rural urban public private political economic military
financial social human civil legal official senior former current recent previous major
key main large small big high low long short early late full free open strong weak
""".split()

# ... the words the prefix query `strik*` finds, at ranks chosen to spread their frequencies ...
STRIKE_WORDS = {150: "strike", 400: "strikes", 900: "striking", 3000: "strikers",
                9000: "strikeouts"}

# ... multi-word units (a phrase query needs real adjacent pairs) and names, each one draw.
COLLOCATIONS = """
security forces|prime minister|human rights|United Nations|White House|air strike|
interior ministry|foreign minister|according to|central bank|supreme court|state media|
health officials|armed groups|police said|last week|next year|civil war|peace talks|
opposition leader|stock market|interest rates|press conference|news agency|tear gas
""".replace("\n", "").split("|")
NAMES = """
U.S.|U.N.|E.U.|U.K.|Washington|Baghdad|Damascus|Tehran|Moscow|Beijing|Brussels|London|Paris|
Berlin|Kyiv|Ankara|Cairo|Nairobi|Lagos|Delhi|Tokyo|Seoul|São Paulo|Bogotá|Zürich|Montréal|
Port-au-Prince|Guinea-Bissau|Côte d'Ivoire|Ta'if|Qa'ida|Sinn Féin|Dáil|Raqqa|Mosul|Anbar|
Euphrates|Iraq|Syria|Iran|Turkey|Russia|China|Ukraine|Brazil|Colombia|Nigeria|Kenya|Trump|
Biden|Putin|Erdoğan|Macron|Merkel|Modi|Lula|Pelosi|McConnell|O'Brien|D'Amato|Nuñez|Müller
""".replace("\n", "").split("|")
POSSESSIVE = {"Trump", "Biden", "Putin", "Iraq", "Syria", "Iran", "Russia", "China", "Ukraine",
              "Washington", "Moscow", "Beijing", "Macron", "Merkel", "Modi", "Lula"}
RARE_TEMPLATES = (
    "The strike hit a warehouse in {n}, near the border with Syria.",
    "Residents of {n} said the explosions lasted most of the night.",
    "Officials in Baghdad said the convoy had left {n} before dawn.",
    "Militias around {n} have been targeted before.",
)
TAIL_WORDS = 50_000
SYLLABLES = ("ka ri mo ten sul var bel do na pre lin tor ex mar gos ul fen dra vi sto cal im"
             " per qua zel on hur wis bra tul men ost ric").split()


def _tail(count: int) -> list[str]:
    """Made-up words for the long tail: real news has hundreds of thousands of rare terms."""
    rng = random.Random(f"{SEED}:tail")
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def vocabulary() -> list[str]:
    """All draw units, most frequent first."""
    rng = random.Random(f"{SEED}:vocabulary")
    placed = {80: COMMON_WORD, 460: PHRASE, **STRIKE_WORDS}
    head = list(dict.fromkeys(FUNCTION_WORDS))
    middle = [w for w in dict.fromkeys(CONTENT_WORDS + COLLOCATIONS + NAMES) if w not in head]
    rng.shuffle(middle)
    ranked = [w for w in dict.fromkeys(head + middle + _tail(TAIL_WORDS))
              if w not in placed.values() and not w.startswith(PREFIX)]
    for rank in sorted(placed):
        ranked.insert(rank - 1, placed[rank])
    return ranked


@dataclass(frozen=True)
class Corpus:
    """A generated corpus on disk: its folder of `.txt` files and what is in it."""

    path: Path
    n: int
    files: int
    bytes: int
    rare_articles: int
    version: int = GENERATOR_VERSION


class _Writer:
    """Builds articles; one per process (the vocabulary tables are built once)."""

    def __init__(self, n: int) -> None:
        self.words = vocabulary()
        self.cum = list(itertools.accumulate(r ** -ZIPF_S for r in range(1, len(self.words) + 1)))
        self.heading_words = [w for w in self.words[120:2500] if w[-1].isalpha()]
        rng = random.Random(f"{SEED}:rare")
        self.rare = set(rng.sample(range(n), rare_count(n)))

    def sentence(self, rng: random.Random, count: int) -> str:
        tokens = rng.choices(self.words, cum_weights=self.cum, k=count)
        for i, token in enumerate(tokens):
            if token in POSSESSIVE and rng.random() < 0.15:
                tokens[i] = token + rng.choice(("'s", "’s"))
            elif rng.random() < NUMBER_SHARE:
                tokens[i] = str(int(rng.paretovariate(0.8)))
        if count > 10 and rng.random() < 0.4:
            tokens[count // 2] += ","
        text = " ".join(tokens)
        text = text[0].upper() + text[1:]
        return text if text.endswith(".") else text + "."

    def paragraph(self, rng: random.Random) -> str:
        return " ".join(self.sentence(rng, rng.randint(8, 26)) for _ in range(rng.randint(2, 5)))

    def heading(self, rng: random.Random) -> str:
        words = [w[0].upper() + w[1:] for w in rng.sample(self.heading_words, rng.randint(2, 4))]
        if len(words) > 2 and rng.random() < 0.5:
            words.insert(len(words) - 1, "and")
        return " ".join(words)

    def article(self, index: int) -> tuple[str, str]:
        """(relative path, text) of article `index`."""
        rng = random.Random(f"{SEED}:{index}")
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        target = rng.randint(1500, 3100)
        lede = self.paragraph(rng)
        if index in self.rare:
            lede += " " + rng.choice(RARE_TEMPLATES).format(n=RARE_NAME)
        parts = [f" date {day.isoformat()} {lede}"]
        headings = rng.randint(2, 4)
        budget = (target - len(lede)) // headings
        for _ in range(headings):
            parts.append(self.heading(rng))
            size = 0
            while size < budget:
                paragraph = self.paragraph(rng)
                parts.append(paragraph)
                size += len(paragraph) + 2
        return f"{day.year}/{day.isoformat()}-{index:06d}.txt", "\n\n".join(parts) + "\n"


def in_memory(n: int) -> list[Article]:
    """The n articles of the n-article corpus, parsed in memory without writing a file: for
    timing the extractors (`bench/timex_eval.py`, `bench/places_eval.py`)."""
    from newsarc.articles import parse

    writer = _Writer(n)
    return [parse(writer.article(i)[1], id=str(i)).article for i in range(n)]


def rare_count(n: int) -> int:
    return max(2, round(n * RARE_SHARE))


_WRITER: _Writer | None = None  # one per worker process: the vocabulary tables are built once


def _init_worker(n: int) -> None:
    global _WRITER
    _WRITER = _Writer(n)


def _write_range(args: tuple[Path, int, int]) -> tuple[int, int]:
    """Write articles start..stop-1 into folder; (articles, bytes) written."""
    folder, start, stop = args
    assert _WRITER is not None, "_init_worker runs first"
    total = 0
    for index in range(start, stop):
        rel, text = _WRITER.article(index)
        data = text.encode("utf-8")
        path = folder / rel
        try:
            path.write_bytes(data)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        total += len(data)
    return stop - start, total


def workers() -> int:
    """Every core this process may run on (both on a 2-core machine), at most 4."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, 4))


CHUNK = 5000  # articles per task: small enough to balance the workers and to report progress


def _remove_stale_partials(root: Path, name: str) -> None:
    """Partial folders of generations that died (their process is gone); a live one is kept."""
    for partial in root.glob(f"{name}.partial*"):
        pid = partial.name.rpartition("-")[2]
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                os.kill(int(pid), 0)
                continue  # still generating, in another process
            except ProcessLookupError:
                pass
            except PermissionError:
                continue
        shutil.rmtree(partial, ignore_errors=True)


def _cached(folder: Path, manifest: Path) -> Corpus | None:
    if manifest.exists() and folder.is_dir():
        meta = json.loads(manifest.read_text())
        return Corpus(path=folder, **{k: v for k, v in meta.items() if k != "path"})
    return None


def ensure(n: int, root: Path = ROOT, log: bool = True) -> Corpus:
    """The corpus of n articles, generated on first use and then read from the cache.

    Generation runs on every core (`workers()`), in chunks of CHUNK articles, into a partial
    folder of this process that is renamed into place when complete, so that an interrupted
    run leaves no corpus that looks whole. Each article has its own random stream, so the files
    are byte-identical whatever the number of workers or the order of the chunks."""
    name = f"n{n}-v{GENERATOR_VERSION}"
    folder, manifest = root / name, root / f"{name}.json"
    cached = _cached(folder, manifest)
    if cached is not None:
        return cached
    count = workers()
    began = time.perf_counter()

    def say(message: str) -> None:
        if log:
            print(message, file=sys.stderr, flush=True)

    say(f"generating {n:,} articles into {folder} on {count} processes ...")
    root.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(root, name)
    partial = root / f"{name}.partial-{os.getpid()}"
    partial.mkdir()
    for year in range(FIRST_DAY.year, (FIRST_DAY + timedelta(days=DAYS - 1)).year + 1):
        (partial / str(year)).mkdir()
    chunks = [(partial, start, min(n, start + CHUNK)) for start in range(0, n, CHUNK)]
    done = total = 0
    shown = began
    try:
        with ProcessPoolExecutor(count, initializer=_init_worker, initargs=(n,)) as pool:
            for articles, size in pool.map(_write_range, chunks):
                done, total = done + articles, total + size
                now = time.perf_counter()
                if now - shown >= 30 and done < n:
                    rate = done / (now - began)
                    say(f"  {done:,} of {n:,} articles ({rate:,.0f}/s,"
                        f" {(n - done) / rate / 60:.1f} min to go)")
                    shown = now
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    for year_folder in partial.iterdir():  # a small n leaves some years empty
        if year_folder.is_dir() and not any(year_folder.iterdir()):
            year_folder.rmdir()
    cached = _cached(folder, manifest)
    if cached is not None:  # another process finished the same corpus first: keep its files
        shutil.rmtree(partial, ignore_errors=True)
        return cached
    shutil.rmtree(folder, ignore_errors=True)  # a folder without its manifest is incomplete
    partial.rename(folder)
    corpus = Corpus(path=folder, n=n, files=n, bytes=total, rare_articles=rare_count(n))
    meta = {k: v for k, v in asdict(corpus).items() if k != "path"}
    manifest.write_text(json.dumps(meta, indent=2) + "\n")
    say(f"generated {n:,} articles ({total / 1e6:,.0f} MB) in {time.perf_counter() - began:.0f} s")
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of articles")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the cache folder (default: bench/corpus)")
    args = parser.parse_args()
    print(ensure(args.n, args.root).path)


if __name__ == "__main__":
    main()
