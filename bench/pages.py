"""Page speed under gunicorn: home, list, write-up and speaker pages against a bare
"hello" view served by the same server in the same run.

    .venv/bin/python bench/pages.py                 # 1,000 write-ups, 10 s a page
    .venv/bin/python bench/pages.py -n 200 -s 5

Clients run in threads of this process over keep-alive connections on loopback, so both
the baseline and the pages pay the same client cost; compare the ratios, not the counts.
Each page and hello take turns in half-second slices, so both see the same machine.
"""

import argparse
import http.client
import threading
import time

from common import cpu_seconds, gunicorn, make_articles, setup_django, throwaway_database_url

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
    from django.db.models import Count

    from articles.importer import Source, import_sources
    from articles.models import Article, Speaker

    import_sources(Source(name, data) for name, data in make_articles(count))
    article = Article.objects.published().filter(episode__isnull=False).order_by("pk").first()
    # The most quoted speaker: a page that shows as many quotes as it may, whatever the
    # importer attributes (the first quoted speaker had 1 quote before issue 12, 25 after).
    speaker = Speaker.objects.annotate(n=Count("quotes")).order_by("-n", "pk").first()
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
                      DJANGO_SETTINGS_MODULE="bench.settings") as server:  # fmt: skip
            for path in pages.values():
                load(path, 0.5, 1)  # warm up
            results = interleaved(pages, seconds, clients, server.pid)
        print(f"page cache {page_cache}:")
        for name, (rate, hello, errors, cpu, hello_cpu) in results.items():
            print(f"  {name:9} {rate:8.1f} req/s  {rate / hello:6.1%} of hello  "
                  f"server CPU {cpu * 1000:6.2f} ms/request ({cpu / hello_cpu:5.1f}× hello)  "
                  f"errors {errors}")  # fmt: skip


SLICE = 0.5


def interleaved(pages: dict, seconds: float, clients: int, server: int) -> dict:
    """Each page's rate and the server's CPU time a request, and hello's, measured in
    slices taken turn about: on a machine whose load changes, both see the same load. The
    CPU time a request holds even on a busy machine, where rates disagreed by half."""
    results = {}
    slices = max(1, round(seconds / SLICE))
    for name, path in pages.items():
        if name == "hello":
            continue
        totals = {"page": [0.0, 0.0, 0], "hello": [0.0, 0.0, 0]}  # requests, CPU, errors
        for _ in range(slices):
            for side, url in (("page", path), ("hello", pages["hello"])):
                before = cpu_seconds(server)
                rate, errors = load(url, SLICE, clients)
                totals[side][0] += rate * SLICE
                totals[side][1] += cpu_seconds(server) - before
                totals[side][2] += errors
        (done, cpu, errors), (hello_done, hello_cpu, _) = totals["page"], totals["hello"]
        results[name] = (done / (slices * SLICE), hello_done / (slices * SLICE), errors,
                         cpu / max(done, 1), hello_cpu / max(hello_done, 1))  # fmt: skip
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("-s", "--seconds", type=float, default=10)
    parser.add_argument("-c", "--clients", type=int, default=4)
    parser.add_argument("-w", "--workers", type=int, default=2)
    main(**vars(parser.parse_args()))
