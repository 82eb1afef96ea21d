"""Search speed at scale: (a) the search API's query, (b) the full-text query alone and
(c) a naive `icontains` scan, per query class, on the configured database.

    .venv/bin/python bench/search.py                 # 10,000 write-ups
    .venv/bin/python bench/search.py -n 2000 -r 20
    .venv/bin/python bench/search.py --reuse         # build once, measure again later
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb .venv/bin/python bench/search.py

(a) is what answers a search: the matches it reads (at most backends.MATCH_LIMIT, ranked,
with their quotes) and the first page of entries. (b) is the engine's bare match over the
same number of rows. The whole API call, which adds facets and snippets, is printed beside
them for reference.
"""

import argparse
import statistics
import time

from common import make_writeups, setup_django, throwaway_database_url

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
    from articles.search.backends import raw_match_ids
    from articles.search.query import parse
    from articles.search.service import PAGE_SIZE, Hits, hits, search, searchable

    started = time.perf_counter()
    if not (reuse and Article.objects.count() == count):
        report = import_sources(Source(name, data) for name, data in make_writeups(count))
        print(f"built in {time.perf_counter() - started:.0f} s: {report.summary()}")
    print(
        f"{connection.vendor}: {count} write-ups, {SearchEntry.objects.count()} entries "
        f"({SearchEntry.objects.filter(kind='section').count()} section passages)"
    )
    with connection.cursor() as cursor:
        # The steady state autovacuum keeps: GIN's pending list merged, statistics fresh.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"{'query class':18} {'hits':>6} | {'(a) p50/p95 ms':>16} | {'(b) p50/p95':>12} | "
          f"{'(c) p50/p95':>14} | a/b p95 | c/a p95 | API p50/p95")  # fmt: skip
    for name, query in QUERIES.items():
        terms = parse(query)
        words = [t.text for t in terms]

        def api_query(terms=terms):
            rows, _ = hits(terms, {}, "relevance")  # what search() pages through
            Hits(rows)[0:PAGE_SIZE]

        def naive(words=words):
            entries = searchable()
            for word in words:
                entries = entries.filter(text__icontains=word)
            list(entries.order_by("-published")[:PAGE_SIZE])
            entries.count()

        rows, more = hits(terms, {}, "relevance")
        found = f"{len(rows)}{'+' if more else ''}"
        a50, a95 = timed(api_query, repeat)
        b50, b95 = timed(lambda terms=terms: raw_match_ids(terms), repeat)
        c50, c95 = timed(naive, max(3, repeat // 5))
        f50, f95 = timed(lambda query=query: search(query), max(3, repeat // 2))
        print(f"{name:18} {found:>6} | {a50:7.1f} / {a95:6.1f} | {b50:5.1f} / {b95:5.1f} | "
              f"{c50:6.0f} / {c95:6.0f} | {a95 / b95:6.2f}x | {c95 / a95:6.0f}x | "
              f"{f50:.0f} / {f95:.0f}")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=10_000)
    parser.add_argument("-r", "--repeat", type=int, default=30)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database; reuse it if it holds COUNT"
    )
    main(**vars(parser.parse_args()))
