"""Import speed: parsing alone (a) against the full import (b), on the configured database.

    .venv/bin/python bench/import.py            # 1,000 write-ups
    .venv/bin/python bench/import.py -n 10000

Write-ups are made by recombining ../shared/corpus/ (or the bundled demo write-ups when
that folder is absent) under fresh slugs. The database is a throw-away one: a SQLite
file in a temporary folder, or a `<name>_bench` database next to DATABASE_URL's.
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbsite.settings")
# Measure what production runs: with DEBUG on, Django keeps every query's SQL in memory.
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only")


def corpus_texts() -> list[str]:
    shared = ROOT.parent / "shared"
    files = sorted((shared / "corpus").glob("*.md")) + sorted((shared / "samples").glob("*.md"))
    files = files or sorted((ROOT / "articles" / "demo").glob("*.md"))
    texts = []
    for path in files:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        if len(text) < 120_000:  # keep the mix typical; the 600 KB transcript would dominate
            texts.append(text)
    return texts


def make_writeups(count: int, seed: int = 7):
    """Yield (name, bytes) pairs: each a corpus write-up with a new slug and a shuffled tail."""
    rng = random.Random(seed)
    texts = corpus_texts()
    for index in range(count):
        base = rng.choice(texts)
        extra = rng.choice(texts).split("\n## ", 2)
        tail = f"\n\n## 附錄 {index}\n\n{extra[1][:3000]}" if len(extra) > 1 else ""
        yield f"bench/w{index:05d}.md", (base + tail).encode()


def run(count: int) -> None:
    import django
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    else:
        db["NAME"] = f"{db['NAME']}_bench"
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        _recreate_postgres_database(db)
    call_command("migrate", verbosity=0)

    from articles.importer import Source, import_sources, parse_writeup
    from articles.importer.render import Renderer

    renderer = Renderer()

    def parse_all():
        for name, data in make_writeups(count):
            parse_writeup(Source(name, data), renderer=renderer)

    def import_all():
        report = import_sources(Source(name, data) for name, data in make_writeups(count))
        assert report.ok, [r.line() for r in report.results if r.status == "failed"][:5]

    results = {}
    for label, job in (("a parse", parse_all), ("b import", import_all)):
        started = time.perf_counter()
        job()
        elapsed = time.perf_counter() - started
        # Peak resident memory of the whole process so far (tracemalloc would slow the run).
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        results[label] = elapsed
        print(
            f"{label:9} {count / elapsed:8.1f} write-ups/s  {elapsed:7.2f} s  "
            f"peak RSS {peak:6.1f} MB"
        )
    ratio = results["b import"] / results["a parse"]
    print(f"database  {connection.vendor}; ratio b/a = {ratio:.2f}")


def _recreate_postgres_database(db) -> None:
    import psycopg

    admin = {
        "host": db.get("HOST"),
        "port": db.get("PORT"),
        "user": db.get("USER"),
        "password": db.get("PASSWORD"),
    }
    params = {k: v for k, v in admin.items() if v}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}"')
        conn.execute(f'CREATE DATABASE "{db["NAME"]}"')


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=1000)
    run(parser.parse_args().count)
