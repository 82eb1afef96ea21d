"""Search speed at scale: (a) the search's query, (b) the full-text query alone and (c) a
naive `icontains` scan, per query class, on the configured database.

    .venv/bin/python bench/search.py                 # 10,000 write-ups
    .venv/bin/python bench/search.py -n 2000 -r 20
    .venv/bin/python bench/search.py --reuse         # build once, measure again later
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb .venv/bin/python bench/search.py

(a) is the ORM query a search runs (backends.candidates: the published filter, the rank, the
columns facets need, at most backends.MATCH_LIMIT rows); (b) is the same match written by
hand against the full-text engine, rank included. "results" is everything that lists the
hits: (a), the quotes in the best sections, the sort and the first page of entries. "API"
is the whole search() call: results, facets and snippets.
"""

import argparse
import statistics
import time

from common import make_articles, setup_django, throwaway_database_url

QUERIES = {
    "rare 2-char CJK": "護城",
    "common 2-char CJK": "我们",
    "4-char CJK": "人工智能",
    "English word": "bitcoin",
    "two terms": "模型 openai",
    "phrase": '"code red"',
}


def timed(job, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        job()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main(count: int, repeat: int, reuse: bool) -> None:
    setup_django(throwaway_database_url("search", keep=reuse), fresh=not reuse)
    from django.db import connection

    from articles.importer import Source, import_sources
    from articles.models import Article, SearchEntry
    from articles.search.backends import candidates, raw_ranked
    from articles.search.query import parse
    from articles.search.service import PAGE_SIZE, Hits, hits, search, searchable

    started = time.perf_counter()
    if not (reuse and Article.objects.count() == count):
        report = import_sources(Source(name, data) for name, data in make_articles(count))
        print(f"built in {time.perf_counter() - started:.0f} s: {report.summary()}")
    print(
        f"{connection.vendor}: {count} write-ups, {SearchEntry.objects.count()} entries "
        f"({SearchEntry.objects.filter(kind='section').count()} section passages)"
    )
    with connection.cursor() as cursor:
        # The steady state autovacuum keeps: GIN's pending list merged, statistics fresh.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"{'query class':18} {'hits':>6} | {'(a) p50/p95':>13} | {'(b) p50/p95':>11} | a/b p95 | "
          f"{'(c) p50/p95':>13} | c/a p95 | results p50/p95 | c/results | API p50/p95")  # fmt: skip
    for name, query in QUERIES.items():
        terms = parse(query)
        words = [t.text for t in terms]

        def results(terms=terms):
            matches, _ = hits(terms, {}, "relevance")  # what search() pages through
            Hits(matches)[0:PAGE_SIZE]

        def naive(words=words):
            entries = searchable()
            for word in words:
                entries = entries.filter(text__icontains=word)
            list(entries.order_by("-published")[:PAGE_SIZE])
            entries.count()

        matches, more = hits(terms, {}, "relevance")
        found = f"{len(matches)}{'+' if more else ''}"
        a50, a95 = timed(lambda terms=terms: candidates(searchable(), terms), repeat)
        b50, b95 = timed(lambda terms=terms: raw_ranked(terms), repeat)
        c50, c95 = timed(naive, max(3, repeat // 5))
        r50, r95 = timed(results, repeat)
        f50, f95 = timed(lambda query=query: search(query), max(3, repeat // 2))
        print(f"{name:18} {found:>6} | {a50:5.1f} / {a95:5.1f} | {b50:4.1f} / {b95:4.1f} | "
              f"{a95 / b95:6.2f}x | {c50:5.0f} / {c95:5.0f} | {c95 / a95:6.0f}x | "
              f"{r50:6.1f} / {r95:6.1f} | {c95 / r95:8.0f}x | {f50:.0f} / {f95:.0f}")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=10_000)
    parser.add_argument("-r", "--repeat", type=int, default=30)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database; reuse it if it holds COUNT"
    )
    main(**vars(parser.parse_args()))
