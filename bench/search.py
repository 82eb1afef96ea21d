"""Search speed as the archive grows: for each query class, the matches and the time of
each part of a search, at each size, on the configured database.

    .venv/bin/python bench/search.py                        # 1,000 to 30,000 write-ups
    .venv/bin/python bench/search.py --sizes 1000,3000 --reuse -r 20
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb .venv/bin/python bench/search.py --reuse

Each size runs in a process of its own on a database of its own (`search<size>`: a SQLite
file in the temporary folder, or `<name>_search<size>` beside DATABASE_URL's), built by
bench/bulk.py (300 write-ups imported, the rest copies of their rows: 30,000 take about
30 minutes on either database, two builds side by side). With --reuse the databases are
kept, and one that already holds that many write-ups is measured again without building.

Columns, p50/p95 in ms: "ranked" is service.ranked() (matching and ranking every match,
catalog.current() included); "facets" is service.facets() over that list; "quotes" is
service.quote_count(); "API" is the whole search() call (all of those, the first page, its
quotes and snippets); "HTTP" is GET /api/search/?q= through Django's test client with the
page cache off (PAGE_CACHE=off), p95 only. "docs" counts the write-ups and speakers found,
"quotes" the quotes (the type facet). The catalogue (articles/search/catalog.py) is built
once before timing: its first build per content version is a one-off, shown apart.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from common import setup_django, throwaway_database_url

QUERIES = {
    "rare 2-char CJK": "護城",
    "common 2-char CJK": "我们",
    "4-char CJK": "人工智能",
    "English word": "bitcoin",
    "two terms": "模型 openai",
    "phrase": '"code red"',
}
SIZES = "1000,3000,10000,30000"


def timed(job, repeat: int) -> tuple[float, float]:
    job()  # warm: the first call compiles statements and fills caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        job()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def measure(size: int, repeat: int, reuse: bool) -> dict:
    """One size, in this process: build (or reuse) its database, print its table."""
    os.environ["PAGE_CACHE"] = "off"  # read by kbsite.settings: every request renders
    warnings.filterwarnings("ignore", "No directory at")  # whitenoise: static not collected
    url = throwaway_database_url(f"search{size}", keep=reuse)
    setup_django(url, fresh=not reuse)
    import bulk
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from articles.models import Article, SearchEntry
    from articles.search import backends, catalog, service
    from articles.search.query import parse

    built = None
    if Article.objects.count() != size:
        if Article.objects.exists():  # a database of another size: start it again
            connection.close()
            setup_django(url, fresh=True)
        started = time.perf_counter()
        bulk.build(size)
        built = time.perf_counter() - started
        print(f"built {size} write-ups in {built:.0f} s")
    entries = SearchEntry.objects
    print(f"{connection.vendor}: {Article.objects.count()} write-ups, {entries.count()} entries "
          f"({entries.filter(kind='quote').count()} quotes)")  # fmt: skip
    started = time.perf_counter()
    catalog.current()
    catalogue_ms = (time.perf_counter() - started) * 1000
    print(f"catalogue build ms: {catalogue_ms:.0f}")

    client, path = Client(SERVER_NAME="localhost"), reverse("articles:api-search")
    print(f"{'query class':18} {'docs':>6} {'quotes':>7} | {'ranked':>13} | {'facets':>11} | "
          f"{'quotes':>11} | {'API':>13} | HTTP p95")  # fmt: skip
    api, known = {}, catalog.current()
    for name, query in QUERIES.items():
        terms = parse(query)
        results = service.search(query)
        quote_total = next((f["count"] for f in results.facets["type"] if f["value"] == "quote"), 0)
        found = service.ranked(terms, known)
        r = timed(lambda terms=terms: service.ranked(terms, catalog.current()), repeat)
        n = backends.Count(quote_total)
        f = timed(lambda found=found, n=n: service.facets(found, known, n), repeat)
        q = timed(lambda terms=terms: service.quote_count(terms, {}), repeat)
        a = timed(lambda query=query: service.search(query), repeat)

        def http(query=query):
            assert client.get(path, {"q": query}).status_code == 200

        _, h95 = timed(http, repeat)
        api[name] = (a[1], h95)
        print(f"{name:18} {results.count:>6} {quote_total:>7} | {r[0]:5.1f} / {r[1]:5.1f} | "
              f"{f[0]:4.1f} / {f[1]:4.1f} | {q[0]:4.1f} / {q[1]:4.1f} | "
              f"{a[0]:5.0f} / {a[1]:5.0f} | {h95:5.0f}")  # fmt: skip
    return {"api": api, "catalogue": catalogue_ms, "built": built}


def main(sizes: str, repeat: int, reuse: bool, one: str | None) -> None:
    sizes = [int(size) for size in sizes.split(",")]
    if one:  # a child: one size, its numbers to the file named
        Path(one).write_text(json.dumps(measure(sizes[0], repeat, reuse)))
        return
    growth = {}
    for size in sizes:  # a process a size: Django settles on one database a process
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "size.json"
            command = [sys.executable, __file__, "--sizes", str(size), "-r", str(repeat),
                       "--one", str(out), *(["--reuse"] if reuse else [])]  # fmt: skip
            print(f"\n== {size} write-ups", flush=True)
            subprocess.run(command, check=True)
            growth[size] = json.loads(out.read_text())
    print(f"\nAPI p95 / HTTP p95 in ms, by size ({os.environ.get('DATABASE_URL') or 'SQLite'})")
    print(f"{'query class':18}" + "".join(f" | {size:>13}" for size in sizes))
    for name in QUERIES:
        cells = (growth[size]["api"][name] for size in sizes)
        print(f"{name:18}" + "".join(f" | {a:5.0f} / {h:5.0f}" for a, h in cells))
    print(f"{'catalogue build':18}" + "".join(f" | {growth[s]['catalogue']:13.0f}" for s in sizes))
    built = ("reused" if b is None else f"{b:.0f}" for b in (growth[s]["built"] for s in sizes))
    print(f"{'build s':18}" + "".join(f" | {b:>13}" for b in built))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=SIZES, help=f"write-ups, comma-separated ({SIZES})")
    parser.add_argument("-r", "--repeat", type=int, default=20)
    parser.add_argument(
        "--reuse", action="store_true", help="keep each size's database; reuse it if it is full"
    )
    parser.add_argument("--one", metavar="FILE", help=argparse.SUPPRESS)
    main(**vars(parser.parse_args()))
