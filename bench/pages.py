"""Page speed under gunicorn: home, list, write-up and speaker pages against a bare
"hello" view served by the same server in the same run.

    .venv/bin/python bench/pages.py                 # 1,000 write-ups, 10 s a page
    .venv/bin/python bench/pages.py -n 200 -s 5

Clients run in threads of this process over keep-alive connections on loopback, so both
the baseline and the pages pay the same client cost; compare the ratios, not the counts.
"""

import argparse
import http.client
import threading
import time

from common import gunicorn, make_articles, setup_django, throwaway_database_url

PORT = 8765


def load(path: str, seconds: float, clients: int) -> tuple[float, int]:
    """Requests per second over `seconds`, and how many answered other than 200."""
    stop, counts, errors = time.monotonic() + seconds, [0] * clients, [0] * clients

    def client(i):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        while time.monotonic() < stop:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            counts[i] += 1
            errors[i] += response.status != 200

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds, sum(errors)


def main(count: int, seconds: float, clients: int, workers: int) -> None:
    database_url = throwaway_database_url("pages")
    setup_django(database_url)
    from articles.importer import Source, import_sources
    from articles.models import Article, Speaker

    import_sources(Source(name, data) for name, data in make_articles(count))
    article = Article.objects.published().filter(episode__isnull=False).order_by("pk").first()
    speaker = Speaker.objects.filter(quotes__isnull=False).order_by("pk").first()
    pages = {
        "hello": "/bench/hello/",
        "home": "/",
        "list": "/articles/",
        "write-up": article.get_absolute_url(),
        "speaker": speaker.get_absolute_url(),
    }
    print(f"{count} write-ups, {workers} gunicorn workers, {clients} clients, {seconds:.0f} s each")
    for page_cache in ("off", "on"):
        with gunicorn(PORT, workers, DATABASE_URL=database_url, PAGE_CACHE=page_cache,
                      DJANGO_SETTINGS_MODULE="bench.settings"):  # fmt: skip
            for path in pages.values():
                load(path, 0.5, 1)  # warm up
            results = {name: load(path, seconds, clients) for name, path in pages.items()}
        baseline = results["hello"][0]
        print(f"page cache {page_cache}:")
        for name, (rate, errors) in results.items():
            print(f"  {name:9} {rate:8.1f} req/s  {rate / baseline:6.1%} of hello  errors {errors}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("-s", "--seconds", type=float, default=10)
    parser.add_argument("-c", "--clients", type=int, default=4)
    parser.add_argument("-w", "--workers", type=int, default=2)
    main(**vars(parser.parse_args()))
