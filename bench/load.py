"""Load: the site under gunicorn on loopback, on the configured database, with N write-ups,
driven by concurrent clients over a realistic mix for a fixed time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py -n 200 -c 20 -s 20

Prints requests/s, p50/p95/p99 latency and the error count. Traffic goes to 127.0.0.1 only,
and every client stops when the time is up.
"""

import argparse
import http.client
import random
import threading
import time
from urllib.parse import quote

from common import gunicorn, make_articles, setup_django, throwaway_database_url

PORT = 8767
# Readers' searches, most popular first; a query's share falls with its rank (Zipf), so
# some repeat and many are rare, as on a real site. Some narrow, sort or page.
SEARCHES = [
    "記憶", "模型", "bitcoin", "人工智能", "记忆", "投資", "code red", "GPT-5.2", "security",
    "商品化", "护城河", "openai 模型", "podcast", "競爭&type=quote", "kernel", "播客&sort=date",
    "比特币&page=2", "前沿", "altman", "基礎設施", "ubuntu&type=section", "科學發現", "1.4 兆",
    "transcript&language=en",
]  # fmt: skip


def main(count: int, clients: int, seconds: float, workers: int, random_searches: bool) -> None:
    database_url = throwaway_database_url("load")
    setup_django(database_url)
    from articles.importer import Source, import_sources
    from articles.models import Article
    from articles.visibility import public_speakers

    import_sources(Source(name, data) for name, data in make_articles(count))
    articles = [a.get_absolute_url() for a in Article.objects.published()[:300]]
    speakers = [s.get_absolute_url() for s in public_speakers()[:100]]
    mix = (
        [("home", "/")] * 2 + [("list", "/articles/")] * 2
        + [("write-up", path) for path in articles]
        + [("speaker", path) for path in speakers]
        + [("search", _search_url(q)) for rank, q in enumerate(SEARCHES)
           for _ in range(len(SEARCHES) // (rank + 1))]
    )  # fmt: skip
    latencies, errors, deadline = [], [0], {}
    by_kind: dict[str, list[float]] = {}
    lock = threading.Lock()

    def client(seed):
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while time.monotonic() < deadline["at"]:
            kind, path = rng.choice(mix)
            if random_searches and kind == "search":  # never seen before: rendered, cached
                path = _search_url(f"{rng.choice(SEARCHES).partition('&')[0]} {rng.random()}")
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                failed = response.status != 200
            except (OSError, http.client.HTTPException):
                failed = True
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            with lock:
                latencies.append(time.perf_counter() - started)
                by_kind.setdefault(kind, []).append(latencies[-1])
                errors[0] += failed

    with gunicorn(PORT, workers, DATABASE_URL=database_url):
        deadline["at"] = time.monotonic() + seconds  # from when the server is up
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print(f"{count} write-ups, {workers} workers, {clients} clients, {seconds:.0f} s: "
          f"{len(latencies) / seconds:.1f} req/s, {_percentiles(latencies)}, "
          f"errors {errors[0]}")  # fmt: skip
    for kind, samples in sorted(by_kind.items()):
        print(f"  {kind:9} {len(samples):6d} requests, {_percentiles(samples)}")


def _search_url(query: str) -> str:
    words, _, rest = query.partition("&")
    return f"/search/?q={quote(words)}" + (f"&{rest}" if rest else "")


def _percentiles(samples: list[float]) -> str:
    samples = sorted(samples)

    def pct(p):
        return samples[min(len(samples) - 1, int(len(samples) * p))] * 1000

    return f"p50 {pct(0.5):.0f} ms, p95 {pct(0.95):.0f} ms, p99 {pct(0.99):.0f} ms"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("-c", "--clients", type=int, default=50)
    parser.add_argument("-s", "--seconds", type=float, default=60)
    parser.add_argument("-w", "--workers", type=int, default=4)
    parser.add_argument(
        "--random-searches", action="store_true", help="every search a new one (fills the cache)"
    )
    main(**vars(parser.parse_args()))
