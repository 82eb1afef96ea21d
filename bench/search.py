"""Search speed as the archive grows: (a) the search's ranked query, (b) the full-text
engine's own top 20, (c) a naive `icontains` scan, and the whole API call, per query class,
at 1,000, 3,000, 10,000 and 30,000 write-ups, on the configured database.

    .venv/bin/python bench/search.py --reuse                 # build each set once, then measure
    .venv/bin/python bench/search.py --reuse --build-only    # build them (in the background)
    .venv/bin/python bench/search.py --sizes 1000,3000 -r 20
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb .venv/bin/python bench/search.py --reuse

The 1,000 write-ups are imported (bench/common.py make_writeups); the larger sets copy them
in SQL (bench/bulk.py). SQLite files go to BENCH_DIR (default: the temporary folder);
PostgreSQL databases are named <DATABASE_URL's>_search<N>.

(a) is the ORM query a search ranks with: every match ranked in the engine, the best 20
and the exact count. (b) is the engine's top 20 written by hand, no published filter.
"API" is the whole search() call: (a), the best passage of each write-up, snippets, the
exact quote count and the facets.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import make_writeups, setup_django

QUERIES = {
    "rare 2-char CJK": "護城",
    "common 2-char CJK": "我们",
    "4-char CJK": "人工智能",
    "English word": "bitcoin",
    "two terms": "模型 openai",
    "phrase": '"code red"',
}
SIZES = (1_000, 3_000, 10_000, 30_000)
BASE = SIZES[0]


def database_url(size: int) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        base, _, name = url.rpartition("/")
        return f"{base}/{name.split('?')[0]}_search{size}"
    folder = Path(os.environ.get("BENCH_DIR", tempfile.gettempdir()))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder}/kb-bench-search-{size}.sqlite3"


def timed(job, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        job()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def exists(size: int) -> bool:
    url = database_url(size)
    if not url.startswith("postgres"):
        return Path(url.removeprefix("sqlite:///")).exists()
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def copy_set(smaller: int, size: int) -> None:
    """Start a larger set from a smaller one (then bulk.grow copies in SQL)."""
    source, target = database_url(smaller), database_url(size)
    if not target.startswith("postgres"):
        for suffix in ("", "-wal", "-shm"):
            path = Path(source.removeprefix("sqlite:///") + suffix)
            if path.exists():
                shutil.copyfile(path, target.removeprefix("sqlite:///") + suffix)
        return
    import psycopg

    base, _, name = target.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source.rpartition("/")[2]}"')


def build(size: int) -> None:
    setup_django(database_url(size), fresh=False)
    from django.db import connection

    from articles.importer import Source, import_sources
    from articles.models import Article

    started = time.perf_counter()
    if Article.objects.count() == 0:
        import_sources(Source(name, data) for name, data in make_writeups(BASE))
    if Article.objects.count() < size:
        from bulk import grow

        grow(size, BASE, log=lambda line: print(line, file=sys.stderr))
    with connection.cursor() as cursor:
        # The steady state autovacuum keeps: GIN's pending list merged, statistics fresh.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"built {size} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def measure(size: int, repeat: int) -> dict:
    setup_django(database_url(size), fresh=False)
    from django.db import connection

    from articles.models import SearchDocument, SearchEntry
    from articles.search.documents import raw_ranked
    from articles.search.query import parse
    from articles.search.service import Listing, search, searchable

    found = {
        "size": size,
        "vendor": connection.vendor,
        "documents": SearchDocument.objects.count(),
        "entries": SearchEntry.objects.count(),
        "load": os.getloadavg()[0],
        "classes": {},
    }
    for name, query in QUERIES.items():
        terms = parse(query)

        def ranked(terms=terms):
            listing = Listing(terms, {}, "relevance")
            list(listing.matches.values_list("id", flat=True)[:20])
            listing.count()

        def naive(words=tuple(t.text for t in terms)):
            entries = searchable()
            for word in words:
                entries = entries.filter(text__icontains=word)
            list(entries.order_by("-published")[:20])
            entries.count()

        result = search(query)
        a = timed(ranked, repeat)
        b = timed(lambda terms=terms: raw_ranked(terms), repeat)
        # The scan reads every passage: seconds at 10,000 write-ups, a minute past that.
        c = timed(naive, 1 if size > BASE else 3) if size <= 10_000 else (0.0, 0.0)
        api = timed(lambda query=query: search(query), repeat)
        quotes = next((f["count"] for f in result.facets["type"] if f["value"] == "quote"), 0)
        found["classes"][name] = {"write-ups": result.count, "quotes": quotes,
                                  "a": a, "b": b, "c": c, "api": api}  # fmt: skip
    found["load_after"] = os.getloadavg()[0]
    return found


def report(rows: list[dict]) -> None:
    print(f"{'query class':18} {'size':>6} {'matches':>7} {'quotes':>7} | {'(a) p50/p95':>13} | "
          f"{'(b) p50/p95':>13} | {'(c) p95':>8} | {'API p50/p95':>13}")  # fmt: skip
    for name in QUERIES:
        for row in rows:
            r = row["classes"][name]
            print(f"{name:18} {row['size']:>6} {r['write-ups']:>7} {r['quotes']:>7} | "
                  f"{r['a'][0]:5.1f} / {r['a'][1]:5.1f} | {r['b'][0]:5.1f} / {r['b'][1]:5.1f} | "
                  f"{r['c'][1]:8.0f} | {r['api'][0]:5.1f} / {r['api'][1]:5.1f}")  # fmt: skip
    for row in rows:
        load = f"load average {row['load']:.1f} before, {row['load_after']:.1f} after"
        print(f"{row['vendor']} {row['size']}: {row['documents']} documents, "
              f"{row['entries']} entries; {load}")  # fmt: skip


def main(sizes: list[int], repeat: int, reuse: bool, build_only: bool, one: int | None) -> None:
    if one:
        if build_only:
            build(one)
        else:
            print(json.dumps(measure(one, repeat)))
        return
    rows = []
    # Each set grows from the next smaller one: 1,000 imported, then copies.
    chain = sorted({BASE, *sizes})
    for smaller, size in zip([None, *chain], chain, strict=False):
        if not reuse or not exists(size):
            if smaller:
                copy_set(smaller, size)
            _child(size, repeat, build=True)
    for size in sizes if not build_only else []:
        rows.append(json.loads(_child(size, repeat, build=False)))
    if rows:
        report(rows)


def _child(size: int, repeat: int, build: bool) -> str:
    """Each set in a process of its own: Django is set up once per database."""
    command = [sys.executable, __file__, "--one", str(size), "-r", str(repeat)]
    done = subprocess.run(command + (["--build-only"] if build else []), check=True,
                          stdout=subprocess.PIPE, text=True)  # fmt: skip
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda s: [int(n) for n in s.split(",")],
                        default=list(SIZES))  # fmt: skip
    parser.add_argument("-r", "--repeat", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep each set; reuse it if built")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    main(**vars(parser.parse_args()))
