"""What one page-cache write costs as the cache fills: at 1,000 and at 50,000 entries.

    .venv/bin/python bench/cache_writes.py            # memory and database
    REDIS_URL=redis://127.0.0.1:6379/9 .venv/bin/python bench/cache_writes.py  # and Redis
    .venv/bin/python bench/cache_writes.py --file     # the old file cache too (slow to fill)

Each backend is filled to the size with 20 KB pages (Redis's database is emptied first and
after), then 300 more writes are timed (median and 99th percentile). The file cache lists
its whole folder on every write, so filling it to 50,000 takes hours; --file measures it
at 1,000 and 5,000.
"""

import argparse
import os
import statistics
import tempfile
import time

from common import setup_django, throwaway_database_url

PAGE = b"x" * 20_000
SIZES = (1_000, 50_000)
TIMED = 300


def backends(with_file: bool) -> dict:
    found = {
        "memory (locmem)": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "bench_cache",
        },
    }
    # Measuring empties the database it writes to: only one named on purpose.
    if redis_url := os.environ.get("REDIS_URL"):
        found["redis"] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        }
    if with_file:
        found["file"] = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tempfile.mkdtemp(),
        }
    return found


def measure(name: str, config: dict, sizes) -> None:
    from django.core.cache import caches
    from django.core.management import call_command

    if "Redis" not in config["BACKEND"]:  # Redis evicts by memory, not by count
        config = {**config, "OPTIONS": {"MAX_ENTRIES": max(sizes) + 2 * TIMED}}
    caches.settings[name] = config
    cache = caches.create_connection(name)
    if "DatabaseCache" in config["BACKEND"]:
        call_command("createcachetable", "bench_cache", verbosity=0)
    try:
        cache.clear()
    except Exception as exc:  # Redis not running
        print(f"{name:16} skipped: {exc}")
        return
    filled = 0
    for size in sizes:
        for n in range(filled, size):
            cache.set(f"page:{n}", PAGE, 600)
        filled = size
        times = []
        for n in range(TIMED):
            started = time.perf_counter()
            cache.set(f"timed:{size}:{n}", PAGE, 600)
            times.append((time.perf_counter() - started) * 1000)
        filled += TIMED
        p99 = statistics.quantiles(times, n=100)[98]
        median = statistics.median(times)
        print(f"{name:16} at {size:6,} entries: median {median:6.3f} ms, p99 {p99:6.3f} ms")
    cache.clear()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", action="store_true", help="also the old file cache")
    options = parser.parse_args()
    setup_django(throwaway_database_url("cache"))
    for name, config in backends(options.file).items():
        measure(name, config, (1_000, 5_000) if name == "file" else SIZES)
