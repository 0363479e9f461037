"""How close the ranking rule for very common words (newsarc.query.RANK_ALL) comes to the full
ranking, on an archive of real articles (issue 21).

    newsarc --db /tmp/dev.db ingest ../shared/devcorpus --glob '**/*.txt' --quiet
    python bench/tier_overlap.py /tmp/dev.db

RANK_ALL is set to 0, so that every ranked search follows the rule, as a search of a very
common word does in a large archive. For each query the top 20 of `search()` is compared with
the top 20 of `search(exact=True)` (every match ranked): the hits they share and whether in
the same order. A query is "tiered" when at least 20 of its matches have the rarest word in a
headline; with fewer, the rule ranks every match and the two are the same by construction.

The queries come from the archive's own index: the 60 most frequent stems of four letters or
more (a stoplist aside), 30 pairs of them (word i with word i + 30), 10 frequent two-word
phrases that match at least 50 articles, and 10 prefixes. Only words, ids and counts are
printed, never article text.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import statistics
import sys
from collections import Counter
from pathlib import Path

from newsarc import query
from newsarc.store import open_archive

LIMIT = 20
STOP = set("""said that with have from were they this been will which their would about after
also more other there when what into only could some than over then these those before because
while where just being does each both through until under whom against between during here
again further once same since still even well such many much very most should your them whose
upon onto among within without across around doing done shall might must says told said year
years""".split())
PREFIXES = ["elect*", "milit*", "govern*", "presid*", "polit*", "minist*", "secur*",
            "econom*", "report*", "offic*"]


def top_stems(conn: sqlite3.Connection, n: int) -> list[str]:
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab"
                 " USING fts5vocab(main, articles_fts, 'row')")
    found = []
    for (term,) in conn.execute("SELECT term FROM temp.vocab ORDER BY doc DESC"):
        if len(term) >= 4 and re.fullmatch(r"[a-z]+", term) and term not in STOP:
            found.append(term)
            if len(found) == n:
                break
    return found


def phrases(conn: sqlite3.Connection, n: int) -> list[str]:
    """Two-word phrases of the articles' text by the number of articles that have them."""
    df: Counter[str] = Counter()
    for (article,) in conn.execute("SELECT id FROM articles"):
        seen = set()
        for (text,) in conn.execute("SELECT text FROM sections WHERE article_id = ?",
                                    (article,)):
            words = re.findall(r"[a-z]+", text.lower())
            seen.update(f"{a} {b}" for a, b in itertools.pairwise(words)
                        if len(a) >= 4 and len(b) >= 4 and a not in STOP and b not in STOP)
        df.update(seen)
    return [f'"{p}"' for p, _ in df.most_common(n)]


def main(argv: list[str]) -> int:
    query.RANK_ALL = 0
    with open_archive(Path(argv[0]), readonly=True) as store:
        conn = store.conn
        words = top_stems(conn, 60)
        groups = {"single words": words,
                  "two words": [f"{words[i]} {words[i + 30]}" for i in range(30)],
                  "phrases": phrases(conn, 40), "prefixes": PREFIXES}
        print(f"{conn.execute('SELECT count(*) FROM articles').fetchone()[0]:,} articles")
        print("| queries | tiered | shared of 20, mean | worst | >= 18 | same order |")
        print("|---|---|---|---|---|---|")
        worst: list[tuple[float, str]] = []
        for name, queries in groups.items():
            shared, ordered, kept = [], 0, 0
            for text in queries:
                plan = query.rank_plan(store, text, limit=LIMIT)
                if name == "phrases" and (plan.matches or 0) < 50:
                    continue
                kept += 1
                if name == "phrases" and kept > 10:
                    break
                compiled = query.compile_query(text, store.saved_search, store.index)
                candidates = conn.execute(
                    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN"
                    " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                    [compiled.match, plan.within]).fetchone()[0] if plan.within else 0
                if candidates < LIMIT:
                    continue  # every match ranked: the same by construction
                fast = [h.id for h in query.search(store, text, limit=LIMIT, snippets=False)]
                exact = [h.id for h in query.search(store, text, limit=LIMIT, snippets=False,
                                                    exact=True)]
                share = len(set(fast) & set(exact)) * LIMIT / max(1, min(LIMIT, len(exact)))
                shared.append(share)
                ordered += fast == exact
                worst.append((share, text))
            print(f"| {min(kept, 10) if name == 'phrases' else len(queries)} {name} |"
                  f" {len(shared)} | {statistics.mean(shared) if shared else 0:.1f} |"
                  f" {min(shared, default=0):.0f} | {sum(s >= 18 for s in shared)} | {ordered} |")
        print("worst:", ", ".join(f"{t} {s:.0f}" for s, t in sorted(worst)[:5]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
