"""Import speed: parsing alone (a) against the full import (b), on the configured database.

    .venv/bin/python bench/import.py            # 1,000 write-ups
    .venv/bin/python bench/import.py -n 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb .venv/bin/python bench/import.py

Write-ups are made by recombining ../shared/corpus/ (or the bundled demo write-ups when
that folder is absent). The database is a throw-away one (see bench/common.py).
"""

import argparse
import resource
import time

from common import make_articles, setup_django, throwaway_database_url


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(count: int) -> None:
    setup_django(throwaway_database_url("bench"))
    from django.db import connection

    from articles.importer import Source, import_sources, parse_article
    from articles.importer.render import Renderer

    renderer = Renderer()

    def parse_all():
        for name, data in make_articles(count):
            parse_article(Source(name, data), renderer=renderer)

    def import_all():
        report = import_sources(Source(name, data) for name, data in make_articles(count))
        assert report.ok, [r.line() for r in report.results if r.status == "failed"][:5]

    elapsed = {}
    for label, job in (("a parse", parse_all), ("b import", import_all)):
        started = time.perf_counter()
        job()
        elapsed[label] = time.perf_counter() - started
        rate = count / elapsed[label]
        # Peak resident memory of the process so far (tracemalloc would slow the run).
        print(
            f"{label:9} {rate:8.1f} write-ups/s  {elapsed[label]:7.2f} s  "
            f"peak RSS {peak_rss_mb():6.1f} MB",
            flush=True,
        )
    ratio = elapsed["b import"] / elapsed["a parse"]
    print(f"database  {connection.vendor}; {count} write-ups; ratio b/a = {ratio:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=1000)
    run(parser.parse_args().count)
